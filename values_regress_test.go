package strata_test

import (
	"database/sql"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
)

// Regression tests of issue 13, defects 4 and 8 (values): what strata
// writes reads back exactly, or is refused before any SQL.

// EmptyBytes holds empty byte slices of every kind strata maps to a BLOB.
type EmptyBytes struct {
	ID   int64
	Blob []byte `strata:",notnull"`
	PB   *[]byte
	NB   sql.Null[[]byte]
	Raw  json.RawMessage `strata:",type=BLOB"`
	Name string
}

// An empty []byte reads back empty, not nil (NULL), in a []byte, a
// *[]byte, a sql.Null[[]byte] and a json.RawMessage, so a later Save of
// another field does not write NULL over it (and fail on NOT NULL).
func TestEmptyBytesReadBackAndSave(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := must(strata.New(tg.DB, tg.Dialect, strata.WithModels(EmptyBytes{})))(t)
		if err := db.Sync(ctx); err != nil {
			t.Fatal(err)
		}
		e := []byte{}
		row := EmptyBytes{Blob: []byte{}, PB: &e, NB: sql.Null[[]byte]{V: []byte{}, Valid: true}, Raw: json.RawMessage{}}
		if err := strata.Create(ctx, db, &row); err != nil {
			t.Fatal(err)
		}
		check := func(when string) {
			t.Helper()
			got := must(strata.Find[EmptyBytes](db).Where(strata.Eq("id", row.ID)).One(ctx))(t)
			switch {
			case got.Blob == nil:
				t.Errorf("%s: []byte{} read back as nil", when)
			case got.PB == nil || *got.PB == nil:
				t.Errorf("%s: *[]byte to an empty slice read back as %v", when, got.PB)
			case !got.NB.Valid || got.NB.V == nil:
				t.Errorf("%s: sql.Null[[]byte] with an empty value read back as %+v", when, got.NB)
			case got.Raw == nil:
				t.Errorf("%s: empty json.RawMessage read back as nil", when)
			}
		}
		check("after Create")
		got := must(strata.Find[EmptyBytes](db).Where(strata.Eq("id", row.ID)).One(ctx))(t)
		got.Name = "renamed"
		if err := strata.Save(ctx, db, got); err != nil {
			t.Fatalf("Save of another field after reading an empty []byte: %v", err)
		}
		check("after Save")
		n := must(strata.Find[EmptyBytes](db).Where(strata.Eq("blob", []byte{})).Count(ctx))(t)
		if n != 1 {
			t.Errorf("WHERE blob = x'' after Save: %d rows, want 1", n)
		}
	})
}

// Decimals holds DECIMAL columns of several scales as strings.
type Decimals struct {
	ID  int64
	D38 string `strata:",type=DECIMAL(38,8)"`
	D20 string `strata:",type=DECIMAL(20,6)"`
	D15 string `strata:",type=DECIMAL(15,15)"`
}

// randDecimal is a decimal with at most 15 significant digits (what every
// database keeps of a DECIMAL) within maxInt digits before the point and
// scale after it, and the text a DECIMAL(p,scale) reads back as.
func randDecimal(r *rand.Rand, maxInt, scale int) (in, want string) {
	nInt := r.IntN(min(maxInt, 15) + 1)
	nFrac := r.IntN(min(scale, 15-nInt) + 1)
	digits := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('0' + r.IntN(10))
		}
		return string(b)
	}
	ip, fp := strings.TrimLeft(digits(nInt), "0"), digits(nFrac)
	if ip == "" {
		ip = "0"
	}
	sign := ""
	if r.IntN(2) == 0 && strings.Trim(ip+fp, "0") != "" {
		sign = "-"
	}
	in, want = sign+ip, sign+ip
	if nFrac > 0 {
		in += "." + fp
	}
	if scale > 0 {
		want += "." + fp + strings.Repeat("0", scale-nFrac)
	}
	return in, want
}

// A DECIMAL with up to 15 significant digits reads back as written on
// every database: SQLite keeps it as a double, and 99999999999999.9 read
// back as 99999999999999.90625000 (issue 13, defect 4).
func TestDecimalReadsBackAsWritten(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := must(strata.New(tg.DB, tg.Dialect, strata.WithModels(Decimals{})))(t)
		if err := db.Sync(ctx); err != nil {
			t.Fatal(err)
		}
		r := rand.New(rand.NewPCG(13, 4))
		rows := []Decimals{
			{D38: "99999999999999.9", D20: "99999999999999.9", D15: "0.999999999999999"},
			{D38: "-0.00000001", D20: "12345678.123456", D15: "0.000000000000001"},
		}
		wants := [][3]string{
			{"99999999999999.90000000", "99999999999999.900000", "0.999999999999999"},
			{"-0.00000001", "12345678.123456700", "0.000000000000001"},
		}
		wants[1][1] = "12345678.123457" // placeholder, replaced below
		rows[1].D20 = "12345678.123456"
		wants[1][1] = "12345678.123456"
		for range 1000 {
			var row Decimals
			var w [3]string
			row.D38, w[0] = randDecimal(r, 30, 8)
			row.D20, w[1] = randDecimal(r, 14, 6)
			row.D15, w[2] = randDecimal(r, 0, 15)
			rows, wants = append(rows, row), append(wants, w)
		}
		if err := strata.BulkCreate(ctx, db, rows); err != nil {
			t.Fatal(err)
		}
		changed := 0
		for i, row := range rows {
			got := must(strata.Find[Decimals](db).Where(strata.Eq("id", row.ID)).One(ctx))(t)
			for j, g := range []string{got.D38, got.D20, got.D15} {
				if g != wants[i][j] {
					if changed++; changed <= 5 {
						t.Errorf("row %d column %d: wrote %q, read %q, want %q", i, j, []string{row.D38, row.D20, row.D15}[j], g, wants[i][j])
					}
				}
			}
		}
		if changed > 0 {
			t.Errorf("%d of %d decimals read back changed", changed, 3*len(rows))
		}
	})
}

// Dated has a time.Time DATE and a string field typed DATE.
type Dated struct {
	ID   int64
	At   time.Time
	Text string `strata:",type=DATE"`
	Day  string `strata:",type=DATEONLY"`
}

// A year beyond 9999 given as text to a DATE (a Fields map, a string
// field) is refused before SQL on every database: SQLite stored it, and
// then no row of the table could be read ("cannot read "10000-01-01 …" as
// a time"); PostgreSQL stored year 10000 and MySQL refused it itself. Text
// that is a time is written as that instant on every database.
func TestDateTextIsCheckedAndConverted(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := must(strata.New(tg.DB, tg.Dialect, strata.WithModels(Dated{})))(t)
		if err := db.Sync(ctx); err != nil {
			t.Fatal(err)
		}
		at := time.Date(2024, 5, 6, 7, 8, 9, 123456000, time.UTC)
		row := Dated{At: at, Text: "2024-05-06T09:08:09.123456+02:00", Day: "2024-05-06"}
		if err := strata.Create(ctx, db, &row); err != nil {
			t.Fatal(err)
		}
		byID := strata.Find[Dated](db).Where(strata.Eq("id", row.ID))
		for _, bad := range []any{"10000-01-01 00:00:00", "10000-01-01", "0000-01-01 00:00:00", "2024-13-01", "yesterday", int64(20240101), 1.5, true} {
			for _, col := range []string{"at", "text", "day"} {
				_, err := byID.Update(ctx, strata.Fields{col: bad})
				var ve *strata.ValidationError
				if !errors.As(err, &ve) {
					t.Errorf("Update %s = %#v: %v, want a *ValidationError", col, bad, err)
				}
			}
		}
		for _, bad := range []Dated{{At: at, Text: "10000-01-01 00:00:00", Day: "2024-01-01"}, {At: at, Text: "2024-01-01", Day: "10000-01-01"}, {At: at, Text: "2024-01-01", Day: "2024-01-01 10:00:00"}} {
			if err := strata.Create(ctx, db, &bad); !errors.As(err, new(*strata.ValidationError)) {
				t.Errorf("Create %+v: %v, want a *ValidationError", bad, err)
			}
		}
		if _, err := byID.Update(ctx, strata.Fields{"at": "2030-01-02 03:04:05.654321", "day": "2030-01-02"}); err != nil {
			t.Fatal(err)
		}
		all := must(strata.Find[Dated](db).All(ctx))(t) // the table is readable
		if len(all) != 1 {
			t.Fatalf("%d rows, want 1", len(all))
		}
		got := all[0]
		if want := time.Date(2030, 1, 2, 3, 4, 5, 654321000, time.UTC); !got.At.Equal(want) {
			t.Errorf("at = %v, want %v", got.At, want)
		}
		if tm, err := time.Parse(time.RFC3339Nano, got.Text); err != nil || !tm.Equal(at) {
			t.Errorf("text = %q (%v), want the instant %v", got.Text, err, at)
		}
		if !strings.HasPrefix(got.Day, "2030-01-02") {
			t.Errorf("day = %q, want 2030-01-02", got.Day)
		}
	})
}

// Floats has FLOAT and DOUBLE columns.
type Floats struct {
	ID  int64
	F64 float64
	F32 float32
	P64 *float64
	Tag string
}

// A float -0 reads back the same on every database: 0 (MySQL and SQLite
// store 0 for it, PostgreSQL kept -0), by Create and by a Fields map.
func TestNegativeZeroIsTheSameEverywhere(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := must(strata.New(tg.DB, tg.Dialect, strata.WithModels(Floats{})))(t)
		if err := db.Sync(ctx); err != nil {
			t.Fatal(err)
		}
		neg := math.Copysign(0, -1)
		row := Floats{F64: neg, F32: float32(neg), P64: &neg, Tag: "create"}
		if err := strata.Create(ctx, db, &row); err != nil {
			t.Fatal(err)
		}
		other := Floats{F64: 1, F32: 1, P64: ptr(1.0), Tag: "update"}
		if err := strata.Create(ctx, db, &other); err != nil {
			t.Fatal(err)
		}
		if _, err := strata.Find[Floats](db).Where(strata.Eq("id", other.ID)).Update(ctx, strata.Fields{"f64": neg, "f32": float32(neg), "p64": &neg}); err != nil {
			t.Fatal(err)
		}
		for _, got := range must(strata.Find[Floats](db).All(ctx))(t) {
			if got.F64 != 0 || math.Signbit(got.F64) || math.Signbit(float64(got.F32)) || got.P64 == nil || math.Signbit(*got.P64) {
				t.Errorf("%s: -0 read back as %v, %v, %v; want 0 on every database", got.Tag, got.F64, got.F32, got.P64)
			}
		}
	})
}

// Keyed has a primary key, a unique email and a name without a key.
type Keyed struct {
	ID    int64
	Email string `strata:",unique"`
	Name  string
	Note  string
}

// Upsert with OnConflict on columns that are not a unique key is a
// *ConflictKeyError before any SQL on every database: MariaDB's ON
// DUPLICATE KEY UPDATE used another key or inserted a duplicate, where
// PostgreSQL and SQLite refused. A model key the live table lacks is
// refused the same way; a key the table has and the model does not
// declare is used.
func TestUpsertConflictMustBeAKey(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		var qc queryCounter
		db := must(strata.New(tg.DB, tg.Dialect, strata.WithModels(Keyed{}), strata.WithQueryHook(qc.hook())))(t)
		if err := db.Sync(ctx); err != nil {
			t.Fatal(err)
		}
		if err := strata.Create(ctx, db, &Keyed{Email: "a@x", Name: "ann", Note: "first"}); err != nil {
			t.Fatal(err)
		}
		for _, on := range [][]string{{"name"}, {"note"}, {"email", "name"}, {"id", "email"}} {
			// On MariaDB this collided on email and updated that row.
			row := Keyed{Email: "a@x", Name: "ann", Note: "second"}
			before := qc.n.Load()
			err := strata.Upsert(ctx, db, &row, strata.OnConflict(on...))
			var ke *strata.ConflictKeyError
			if !errors.As(err, &ke) {
				t.Errorf("OnConflict(%v): %v, want a *ConflictKeyError", on, err)
				continue
			}
			if !strings.Contains(err.Error(), "is not a unique key") {
				t.Errorf("OnConflict(%v): message %q", on, err)
			}
			if n := qc.n.Load() - before; n > 1 { // at most reading the table's keys
				t.Errorf("OnConflict(%v): %d statements ran", on, n)
			}
		}
		rows := must(strata.Find[Keyed](db).All(ctx))(t)
		if len(rows) != 1 || rows[0].Note != "first" {
			t.Fatalf("after refused upserts: %+v, want the one row unchanged", rows)
		}
		// The key the model declares works, in any column order.
		up := Keyed{Email: "a@x", Name: "ann", Note: "third"}
		if err := strata.Upsert(ctx, db, &up, strata.OnConflict("email")); err != nil {
			t.Fatal(err)
		}
		// A unique key only the live table has is found and used.
		if _, err := tg.DB.ExecContext(ctx, "CREATE UNIQUE INDEX keyed_name_note ON "+tg.Dialect.Quote("keyeds")+" ("+tg.Dialect.Quote("note")+", "+tg.Dialect.Quote("name")+")"); err != nil {
			t.Fatal(err)
		}
		up2 := Keyed{Email: "b@x", Name: "ann", Note: "third"}
		if err := strata.Upsert(ctx, db, &up2, strata.OnConflict("name", "note")); err != nil {
			t.Fatalf("OnConflict on a live unique key: %v", err)
		}
		rows = must(strata.Find[Keyed](db).All(ctx))(t)
		if len(rows) != 1 || rows[0].Email != "b@x" {
			t.Fatalf("after upserts on keys: %+v, want one row with email b@x", rows)
		}
	})
}

// FindOrCreate on a key a soft-deleted row holds is a *SoftDeletedError
// naming the row and the fix (it reported "record not found"), wrapping
// the unique violation; Unscoped finds the row; after Restore the default
// scope finds it, in a transaction too.
func TestFindOrCreateSoftDeletedKey(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := shop(t, tg)
		p := Product{Name: "lamp", Price: "1.00"}
		if err := strata.Create(ctx, db, &p); err != nil {
			t.Fatal(err)
		}
		if err := strata.Destroy(ctx, db, &p); err != nil {
			t.Fatal(err)
		}
		for _, inTx := range []bool{false, true} {
			var got *Product
			var created bool
			var err error
			if inTx {
				if terr := db.Transaction(ctx, func(tx *strata.Tx) error {
					got, created, err = strata.Find[Product](tx).Where(strata.Eq("name", "lamp")).FindOrCreate(ctx, &Product{Price: "2.00"})
					return nil
				}); terr != nil {
					t.Fatal(terr)
				}
			} else {
				got, created, err = strata.Find[Product](db).Where(strata.Eq("name", "lamp")).FindOrCreate(ctx, &Product{Price: "2.00"})
			}
			var sd *strata.SoftDeletedError
			var ue *strata.UniqueConstraintError
			switch {
			case errors.Is(err, strata.ErrNotFound):
				t.Fatalf("FindOrCreate on a soft-deleted key: %v (not found)", err)
			case !errors.As(err, &sd) || !errors.As(err, &ue):
				t.Fatalf("FindOrCreate on a soft-deleted key: %v (%T), %v, %v; want a *SoftDeletedError wrapping the unique violation", err, err, got, created)
			case !strings.Contains(err.Error(), `name = lamp`) || !strings.Contains(err.Error(), "Unscoped") || sd.Row.(*Product).ID != p.ID:
				t.Errorf("message or row: %v, %+v", err, sd.Row)
			}
		}
		got, created := must2(strata.Find[Product](db).Unscoped().Where(strata.Eq("name", "lamp")).FindOrCreate(ctx, nil))(t)
		if created || got.ID != p.ID || got.DeletedAt == nil {
			t.Errorf("Unscoped FindOrCreate: %+v created=%v, want the soft-deleted row", got, created)
		}
		if _, err := strata.Find[Product](db).Where(strata.Eq("name", "lamp")).Restore(ctx); err != nil {
			t.Fatal(err)
		}
		got, created = must2(strata.Find[Product](db).Where(strata.Eq("name", "lamp")).FindOrCreate(ctx, nil))(t)
		if created || got.ID != p.ID {
			t.Errorf("after Restore: %+v created=%v", got, created)
		}
	})
}

// Years holds times in a DATE, a *time.Time and a DATEONLY.
type Years struct {
	ID  int64
	At  time.Time
	Ptr *time.Time
	Day time.Time `strata:",type=DATEONLY"`
	Tag string
}

// Year 1 (the zero time.Time included, which MariaDB was sent as
// 0000-00-00 and refused) and year 9999 are written, read back and found
// by WHERE on every database.
func TestYearOneAndYear9999(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := must(strata.New(tg.DB, tg.Dialect, strata.WithModels(Years{})))(t)
		if err := db.Sync(ctx); err != nil {
			t.Fatal(err)
		}
		zero := time.Time{}
		last := time.Date(9999, 12, 31, 23, 59, 59, 999999000, time.UTC)
		cases := []Years{
			{Tag: "zero", At: zero, Ptr: &zero, Day: zero},
			{Tag: "year1", At: time.Date(1, 1, 1, 0, 0, 0, 1000, time.UTC), Ptr: ptr(time.Date(1, 6, 1, 12, 0, 0, 0, time.FixedZone("e", 3600))), Day: time.Date(1, 12, 31, 0, 0, 0, 0, time.UTC)},
			{Tag: "year9999", At: last, Ptr: &last, Day: time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)},
		}
		for i := range cases {
			if err := strata.Create(ctx, db, &cases[i]); err != nil {
				t.Fatalf("%s: %v", cases[i].Tag, err)
			}
		}
		for _, want := range cases {
			got, err := strata.Find[Years](db).Where(strata.Eq("at", want.At), strata.Eq("ptr", *want.Ptr), strata.Eq("day", want.Day)).One(ctx)
			if err != nil {
				t.Fatalf("%s: find by its times: %v", want.Tag, err)
			}
			if !got.At.Equal(want.At) || got.Ptr == nil || !got.Ptr.Equal(*want.Ptr) || !got.Day.Equal(want.Day) || got.Tag != want.Tag {
				t.Errorf("%s: read %v %v %v, want %v %v %v", want.Tag, got.At, got.Ptr, got.Day, want.At, *want.Ptr, want.Day)
			}
		}
		if _, err := strata.Find[Years](db).Where(strata.Eq("tag", "zero")).Update(ctx, strata.Fields{"at": zero, "day": "0001-01-01"}); err != nil {
			t.Errorf("Update to the zero time: %v", err)
		}
	})
}

// DecimalMax has a DECIMAL at MySQL's largest precision.
type DecimalMax struct {
	ID  int64
	D65 string `strata:",type=DECIMAL(65,30)"`
}

// DecimalPG has PostgreSQL's largest declared DECIMAL.
type DecimalPG struct {
	ID    int64
	D1000 string `strata:",type=DECIMAL(1000,500)"`
}

// A DECIMAL at the largest precision each database declares reads back
// exactly at every digit (MySQL and PostgreSQL: 65; PostgreSQL: 1000);
// SQLite refuses more than 15 significant digits before writing.
func TestDecimalAtMaximumPrecision(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := must(strata.New(tg.DB, tg.Dialect, strata.WithModels(DecimalMax{})))(t)
		if err := db.Sync(ctx); err != nil {
			t.Fatal(err)
		}
		v := "-" + strings.Repeat("9", 35) + "." + strings.Repeat("1234567890", 3)
		row := DecimalMax{D65: v}
		err := strata.Create(ctx, db, &row)
		if tg.Dialect.Name() == "sqlite" {
			if !fieldFailed(err, "D65", "precision") {
				t.Fatalf("65 digits into a SQLite DECIMAL: %v, want a precision error", err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		if got := must(strata.Find[DecimalMax](db).Where(strata.Eq("id", row.ID)).One(ctx))(t); got.D65 != v {
			t.Errorf("DECIMAL(65,30): wrote %s, read %s", v, got.D65)
		}
		if tg.Dialect.Name() != "postgres" {
			return
		}
		db = must(strata.New(tg.DB, tg.Dialect, strata.WithModels(DecimalPG{})))(t)
		if err := db.Sync(ctx); err != nil {
			t.Fatal(err)
		}
		v = strings.Repeat("7", 500) + "." + strings.Repeat("3", 499) + "1"
		big := DecimalPG{D1000: v}
		if err := strata.Create(ctx, db, &big); err != nil {
			t.Fatal(err)
		}
		if got := must(strata.Find[DecimalPG](db).Where(strata.Eq("id", big.ID)).One(ctx))(t); got.D1000 != v {
			t.Errorf("DECIMAL(1000,500): read %d characters, not the %d written", len(got.D1000), len(v))
		}
	})
}

// A row whose DATE holds year 10000, written around strata (raw SQL, as a
// hook's value would be), does not make the table unreadable: SQLite kept
// the text and every read of the table failed ("cannot read
// "10000-01-01 …" as a time"). It reads back as that time; MySQL refuses
// the value itself.
func TestWideYearRowKeepsTableReadable(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := must(strata.New(tg.DB, tg.Dialect, strata.WithModels(Dated{})))(t)
		if err := db.Sync(ctx); err != nil {
			t.Fatal(err)
		}
		q := tg.Dialect.Quote
		_, err := tg.DB.ExecContext(ctx, "INSERT INTO "+q("dateds")+" ("+q("at")+", "+q("text")+", "+q("day")+") VALUES ('10000-01-01 00:00:00', '2024-01-01', '2024-01-01')")
		if tg.Dialect.Name() == "mysql" {
			if err == nil {
				t.Fatal("MySQL stored year 10000")
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		rows, err := strata.Find[Dated](db).All(ctx)
		if err != nil {
			t.Fatalf("the table is unreadable: %v", err)
		}
		if len(rows) != 1 || !rows[0].At.Equal(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("read %+v, want year 10000", rows)
		}
	})
}
