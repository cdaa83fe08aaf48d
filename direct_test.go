package strata_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
)

// The direct path (dialect.Direct) must read exactly what database/sql
// reads. Outside a transaction strata's queries take it; inside one they
// go through database/sql: the same query both ways must give the same
// rows, or the same error.

// directTable has a column of every kind PostgreSQL's stdlib driver
// converts in its own way, and rows of typical, NULL and edge values.
const directTable = `CREATE TABLE "kinds" (
	"id" BIGINT PRIMARY KEY,
	"i2" SMALLINT, "i4" INTEGER, "i8" BIGINT,
	"f4" REAL, "f8" DOUBLE PRECISION, "num" NUMERIC(12,3),
	"txt" TEXT, "vc" VARCHAR(20), "ch" CHAR(5),
	"b" BOOLEAN, "ts" TIMESTAMPTZ, "tsl" TIMESTAMP, "d" DATE,
	"by" BYTEA, "j" JSON, "jb" JSONB, "u" UUID, "o" OID)`

var directRows = []string{
	`INSERT INTO "kinds" VALUES (1, 12, -40000, 9007199254740993, 1.5, 0.1, 1234.500,
		'text ✓', 'varchar', 'ab', true, '2024-02-29 13:14:15.123456+05:30', '2024-02-29 13:14:15.654321',
		'2024-02-29', '\x00ff10', '{"a": [1, 2]}', '{"b": null}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 42)`,
	`INSERT INTO "kinds" ("id") VALUES (2)`,
	`INSERT INTO "kinds" VALUES (3, 0, 0, 0, 0, 0, 0.000, '', '', '', false, '1970-01-01 00:00:00Z',
		'0001-01-01 00:00:00', '1999-12-31', '', 'null', '[]', '00000000-0000-0000-0000-000000000000', 0)`,
	`INSERT INTO "kinds" VALUES (4, -32768, 2147483647, -9223372036854775808, 'NaN', '-Infinity', -0.001,
		'x', 'y', 'z', true, '2038-01-19 03:14:08.999999Z', '2100-01-01 00:00:00.000001', '0044-03-15 BC',
		'\x', '1', '"s"', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 4294967295)`,
}

// Kinds reads each column into its natural Go type.
type Kinds struct {
	ID  int64
	I2  int16     `strata:"i2"`
	I4  int32     `strata:"i4"`
	I8  int64     `strata:"i8"`
	F4  float32   `strata:"f4"`
	F8  float64   `strata:"f8"`
	Num string    `strata:"num"`
	Txt string    `strata:"txt"`
	Vc  string    `strata:"vc"`
	Ch  string    `strata:"ch"`
	B   bool      `strata:"b"`
	Ts  time.Time `strata:"ts"`
	Tsl time.Time `strata:"tsl"`
	D   time.Time `strata:"d"`
	By  []byte    `strata:"by"`
	J   string    `strata:"j"`
	Jb  []byte    `strata:"jb"`
	U   string    `strata:"u"`
	O   int64     `strata:"o"`
}

func (Kinds) TableName() string { return "kinds" }

// KindsPtr reads each column into a pointer or a sql.Null type.
type KindsPtr struct {
	ID  int64
	I2  *int            `strata:"i2"`
	I4  *int64          `strata:"i4"`
	I8  sql.NullInt64   `strata:"i8"`
	F4  *float64        `strata:"f4"`
	F8  sql.NullFloat64 `strata:"f8"`
	Num *string         `strata:"num"`
	Txt sql.NullString  `strata:"txt"`
	Vc  *string         `strata:"vc"`
	B   *bool           `strata:"b"`
	Ts  *time.Time      `strata:"ts"`
	Tsl sql.NullTime    `strata:"tsl"`
	D   *time.Time      `strata:"d"`
	By  *[]byte         `strata:"by"`
	U   *string         `strata:"u"`
	O   *uint32         `strata:"o"`
}

func (KindsPtr) TableName() string { return "kinds" }

// KindsCross reads columns into other types, through database/sql's
// conversions (numbers and times as text, text as bytes, numbers across
// sizes).
type KindsCross struct {
	ID  string  `strata:"id,pk"`
	I2  float64 `strata:"i2"`
	I4  string  `strata:"i4"`
	I8  uint64  `strata:"i8"`
	F8  string  `strata:"f8"`
	Num float64 `strata:"num"`
	Txt []byte  `strata:"txt"`
	B   string  `strata:"b"`
	Ts  string  `strata:"ts"`
	D   string  `strata:"d"`
	J   []byte  `strata:"j"`
	O   string  `strata:"o"`
}

func (KindsCross) TableName() string { return "kinds" }

// KindsTight reads values into types too small for some of them.
type KindsTight struct {
	ID int64
	I4 int16 `strata:"i4"`
}

func (KindsTight) TableName() string { return "kinds" }

// KindsBadText reads text that is not a number into a number.
type KindsBadText struct {
	ID  int64
	Txt int `strata:"txt"`
}

func (KindsBadText) TableName() string { return "kinds" }

// eachDirect runs fn on the dialects that have a direct path.
func eachDirect(t *testing.T, fn func(t *testing.T, tg *dialecttest.Target)) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		if _, ok := tg.Dialect.(dialect.Direct); !ok {
			t.Skipf("%s has no direct path", tg.Dialect.Name())
		}
		fn(t, tg)
	})
}

// kindsTable creates and fills the kinds table.
func kindsTable(t *testing.T, tg *dialecttest.Target) {
	t.Helper()
	ctx := testCtx(t)
	for _, s := range append([]string{directTable}, directRows...) {
		if _, err := tg.DB.ExecContext(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// on returns a DB over tg with model (one model per table).
func on(t *testing.T, tg *dialecttest.Target, model any, opts ...strata.Option) *strata.DB {
	t.Helper()
	return must(strata.New(tg.DB, tg.Dialect, append(opts, strata.WithModels(model))...))(t)
}

var errRollback = errors.New("roll back")

// sqlOnly opens tg's database through a driver connector that hides
// stdlib's connections behind another type, as a wrapping driver (tracing,
// metrics) would: strata cannot reach pgx there and stays on database/sql.
func sqlOnly(t *testing.T, tg *dialecttest.Target) *sql.DB {
	t.Helper()
	cfg, err := pgx.ParseConfig(tg.URL)
	if err != nil {
		t.Fatal(err)
	}
	cfg.RuntimeParams["timezone"] = "UTC" // as pgdialect.Open sets it
	db := sql.OpenDB(wrapConnector{stdlib.GetConnector(*cfg)})
	t.Cleanup(func() { db.Close() })
	return db
}

// bothWays runs read by the direct path, outside a transaction and inside
// one, and through database/sql (sqlOnly), and fails t unless all three
// give the same result (or error).
func bothWays[T any](t *testing.T, tg *dialecttest.Target, models []any, read func(c strata.Conn) (T, error)) (T, error) {
	t.Helper()
	ctx := testCtx(t)
	db := must(strata.New(tg.DB, tg.Dialect, strata.WithModels(models...)))(t)
	ref := must(strata.New(sqlOnly(t, tg), tg.Dialect, strata.WithModels(models...)))(t)
	if !strata.UsesDirect(db, db) {
		t.Fatal("the query outside a transaction does not take the direct path")
	}
	got, gotErr := read(db)
	var inTx T
	var inTxErr error
	err := db.Transaction(ctx, func(tx *strata.Tx) error {
		if !strata.UsesDirect(db, tx) {
			t.Fatal("the query inside a transaction does not take the direct path")
		}
		inTx, inTxErr = read(tx)
		return errRollback
	})
	if !errors.Is(err, errRollback) {
		t.Fatal(err)
	}
	want, wantErr := read(ref)
	if strata.UsesDirect(ref, ref) {
		t.Fatal("the reference query takes the direct path")
	}
	for _, c := range []struct {
		name string
		got  T
		err  error
	}{{"direct", got, gotErr}, {"direct in a transaction", inTx, inTxErr}} {
		if (c.err == nil) != (wantErr == nil) || (c.err != nil && c.err.Error() != wantErr.Error()) {
			t.Fatalf("%s: error %v, database/sql error %v", c.name, c.err, wantErr)
		}
		if diff := cmp.Diff(c.got, want, cmpopts.EquateNaNs()); diff != "" {
			t.Errorf("%s vs database/sql (-%s +database/sql):\n%s", c.name, c.name, diff)
		}
	}
	return got, gotErr
}

func TestDirectReadsAsDatabaseSQL(t *testing.T) {
	eachDirect(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		kindsTable(t, tg)
		ks, err := bothWays(t, tg, []any{Kinds{}}, func(c strata.Conn) ([]Kinds, error) {
			return strata.Find[Kinds](c).Order("id").All(ctx)
		})
		if err != nil {
			t.Fatal(err)
		}
		// Spot checks beyond agreement: NULL reads as zero, times in UTC
		// at microseconds, DECIMAL text keeps its scale.
		if diff := cmp.Diff(ks[1], Kinds{ID: 2}); diff != "" {
			t.Errorf("NULL row (-got +want):\n%s", diff)
		}
		wantTs := time.Date(2024, 2, 29, 7, 44, 15, 123456000, time.UTC)
		if !ks[0].Ts.Equal(wantTs) {
			t.Errorf("ts = %v, want %v", ks[0].Ts, wantTs)
		}
		if ks[0].Ts.Location() != time.UTC {
			t.Errorf("ts is in %p, not time.UTC (time.Local is %p)", ks[0].Ts.Location(), time.Local)
		}
		if ks[0].Num != "1234.500" || ks[2].Num != "0.000" {
			t.Errorf("num = %q, %q; want 1234.500, 0.000", ks[0].Num, ks[2].Num)
		}
		if _, err := bothWays(t, tg, []any{KindsPtr{}}, func(c strata.Conn) ([]KindsPtr, error) {
			return strata.Find[KindsPtr](c).Order("id").All(ctx)
		}); err != nil {
			t.Fatal(err)
		}
		if _, err := bothWays(t, tg, []any{KindsCross{}}, func(c strata.Conn) ([]KindsCross, error) {
			return strata.Find[KindsCross](c).Where(strata.Ne("id", "4")).Order("id").All(ctx)
		}); err != nil {
			t.Fatal(err)
		}
		for _, id := range []int64{1, 2, 3, 4} {
			if _, err := bothWays(t, tg, []any{Kinds{}}, func(c strata.Conn) (*Kinds, error) {
				return strata.Find[Kinds](c).ByPK(ctx, id)
			}); err != nil {
				t.Fatal(err)
			}
		}
	})
}

func TestDirectErrorsAsDatabaseSQL(t *testing.T) {
	eachDirect(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		kindsTable(t, tg)
		for name, read := range map[string]func(c strata.Conn) ([]KindsCross, error){
			"negative into uint64": func(c strata.Conn) ([]KindsCross, error) {
				return strata.Find[KindsCross](c).Order("id").All(ctx)
			},
			"missing column": func(c strata.Conn) ([]KindsCross, error) {
				return strata.Find[KindsCross](c).Where(strata.Raw(`"nosuch" = ?`, 1)).All(ctx)
			},
			"syntax": func(c strata.Conn) ([]KindsCross, error) {
				return strata.Find[KindsCross](c).Where(strata.Raw(`"id" = = ?`, 1)).All(ctx)
			},
		} {
			t.Run(name, func(t *testing.T) {
				_, err := bothWays(t, tg, []any{KindsCross{}}, read)
				if err == nil {
					t.Fatal("no error")
				}
			})
		}
		_, err := bothWays(t, tg, []any{KindsTight{}}, func(c strata.Conn) ([]KindsTight, error) {
			return strata.Find[KindsTight](c).Order("id").All(ctx)
		})
		var se *strata.ScanError
		if !errors.As(err, &se) || !strings.Contains(err.Error(), "overflows int16") {
			t.Errorf("int4 into int16: %v, want a *ScanError saying it overflows", err)
		}
		_, err = bothWays(t, tg, []any{KindsBadText{}}, func(c strata.Conn) ([]KindsBadText, error) {
			return strata.Find[KindsBadText](c).Where(strata.Eq("id", 1)).All(ctx)
		})
		if !errors.As(err, &se) {
			t.Errorf("text into int: %v, want a *ScanError", err)
		}
		_, err = bothWays(t, tg, []any{KindsCross{}}, func(c strata.Conn) ([]KindsCross, error) {
			return strata.Find[KindsCross](c).Where(strata.Raw(`"nosuch" = ?`, 1)).All(ctx)
		})
		var de *strata.DatabaseError
		if !errors.As(err, &de) || de.Kind != dialect.ErrNoColumn {
			t.Errorf("missing column: %v, want a *DatabaseError of kind %v", err, dialect.ErrNoColumn)
		}
	})
}

// An infinite timestamp is the string "infinity" to database/sql: text in
// a string field, an error in a time.Time.
func TestDirectInfinity(t *testing.T) {
	eachDirect(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		kindsTable(t, tg)
		if _, err := tg.DB.ExecContext(ctx, `INSERT INTO "kinds" ("id", "ts", "tsl", "d") VALUES (5, 'infinity', '-infinity', 'infinity')`); err != nil {
			t.Fatal(err)
		}
		text, err := bothWays(t, tg, []any{KindsInfText{}}, func(c strata.Conn) ([]KindsInfText, error) {
			return strata.Find[KindsInfText](c).Where(strata.Eq("id", 5)).All(ctx)
		})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(text, []KindsInfText{{5, "infinity", "-infinity", "infinity"}}); diff != "" {
			t.Errorf("(-got +want):\n%s", diff)
		}
		if _, err = bothWays(t, tg, []any{KindsInfTime{}}, func(c strata.Conn) ([]KindsInfTime, error) {
			return strata.Find[KindsInfTime](c).Where(strata.Eq("id", 5)).All(ctx)
		}); err == nil {
			t.Error("infinity into time.Time: no error")
		}
	})
}

// KindsInfText reads times as text.
type KindsInfText struct {
	ID  int64
	Ts  string `strata:"ts"`
	Tsl string `strata:"tsl"`
	D   string `strata:"d"`
}

func (KindsInfText) TableName() string { return "kinds" }

// KindsInfTime reads times as times.
type KindsInfTime struct {
	ID int64
	Ts time.Time `strata:"ts"`
}

func (KindsInfTime) TableName() string { return "kinds" }

// A *sql.DB whose driver connections are not pgx's stdlib ones still works:
// strata notices and stays on database/sql.
func TestDirectFallsBack(t *testing.T) {
	eachDirect(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		kindsTable(t, tg)
		db := must(strata.New(sqlOnly(t, tg), tg.Dialect, strata.WithModels(Kinds{})))(t)
		for range 2 {
			got, err := strata.Find[Kinds](db).Where(strata.Eq("id", 3)).All(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || got[0].ID != 3 {
				t.Errorf("got %+v", got)
			}
			if strata.UsesDirect(db, db) {
				t.Error("the direct path is still on after its driver was not found")
			}
		}
		if n, err := strata.Find[Kinds](db).Where(strata.Eq("id", 3)).Update(ctx, strata.Fields{"txt": "changed"}); err != nil || n != 1 {
			t.Errorf("update: %d rows, %v", n, err)
		}
	})
}

// wrapConnector hands out stdlib connections behind another type, as a
// wrapping driver (tracing, metrics) would.
type wrapConnector struct{ driver.Connector }

type wrapConn struct{ *stdlib.Conn }

func (w wrapConnector) Connect(ctx context.Context) (driver.Conn, error) {
	c, err := w.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return wrapConn{c.(*stdlib.Conn)}, nil
}

// Cancelling the context stops a direct query and leaves the pool usable.
func TestDirectContext(t *testing.T) {
	eachDirect(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		kindsTable(t, tg)
		db := on(t, tg, Kinds{})
		cancelled, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := strata.Find[Kinds](db).All(cancelled); !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled before: %v", err)
		}
		short, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := strata.Find[Kinds](db).Where(strata.Raw("pg_sleep(?) IS NOT NULL", 5)).All(short)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("deadline during the query: %v", err)
		}
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("the query ran %v past its deadline", d)
		}
		if _, err := strata.Find[Kinds](db).All(ctx); err != nil {
			t.Errorf("after: %v", err)
		}
		if _, err := strata.Find[Kinds](db).Where(strata.Eq("id", 1)).Update(ctx, strata.Fields{"txt": "x"}); err != nil {
			t.Errorf("after: %v", err)
		}
		if n := tg.DB.Stats().InUse; n != 0 {
			t.Errorf("%d connections in use", n)
		}
	})
}

// Query hooks see the direct path's statements, their errors and the rows
// an UPDATE changed.
func TestDirectHooks(t *testing.T) {
	eachDirect(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		var seen []strata.QueryEvent
		hook := strata.QueryHookFunc(func(_ context.Context, e *strata.QueryEvent) { seen = append(seen, *e) })
		kindsTable(t, tg)
		db := on(t, tg, Kinds{}, strata.WithQueryHook(hook))
		if _, err := strata.Find[Kinds](db).Where(strata.Eq("id", 1)).All(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := strata.Find[Kinds](db).Where(strata.Raw(`"nosuch" = 1`)).All(ctx); err == nil {
			t.Fatal("no error")
		}
		if _, err := strata.Find[Kinds](db).Where(strata.Eq("id", 1)).Update(ctx, strata.Fields{"txt": "y"}); err != nil {
			t.Fatal(err)
		}
		if len(seen) != 3 {
			t.Fatalf("%d events, want 3: %+v", len(seen), seen)
		}
		if !strings.Contains(seen[0].SQL, `FROM "kinds" WHERE "id" = $1`) || seen[0].Err != nil || seen[0].Duration <= 0 {
			t.Errorf("select event: %+v", seen[0])
		}
		var de *strata.DatabaseError
		if !errors.As(seen[1].Err, &de) || de.Kind != dialect.ErrNoColumn {
			t.Errorf("failed select event: %+v", seen[1])
		}
		if !strings.HasPrefix(seen[2].SQL, `UPDATE "kinds"`) || seen[2].RowsAffected != 1 {
			t.Errorf("update event: %+v", seen[2])
		}
	})
}

// Boom panics when it reads "x" or is written as "valuer-boom", for the
// tests of panics on the direct path.
type Boom string

func (b *Boom) Scan(src any) error {
	s, _ := src.(string)
	if s == "x" {
		panic("boom in Scan")
	}
	*b = Boom(s)
	return nil
}

func (b Boom) Value() (driver.Value, error) {
	if b == "valuer-boom" {
		panic("boom in Value")
	}
	return string(b), nil
}

// KindsBoom reads txt through Boom.
type KindsBoom struct {
	ID  int64
	Txt Boom `strata:"txt"`
}

func (KindsBoom) TableName() string { return "kinds" }

// KindsTxt writes rows of the kinds table.
type KindsTxt struct {
	ID  int64
	Txt string `strata:"txt"`
}

func (KindsTxt) TableName() string { return "kinds" }

// within fails t when f does not return within d (a deadlock).
func within(t *testing.T, d time.Duration, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("still running after %v: deadlocked", d)
	}
}

// A panic in user code that runs while a direct statement holds the
// connection (a Scan method, a Value method) goes on to the caller, inside
// a transaction or not, and leaves no connection behind.
func TestDirectPanics(t *testing.T) {
	eachDirect(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		kindsTable(t, tg)
		db := on(t, tg, KindsBoom{})
		reads := map[string]func(c strata.Conn) error{
			"Scan": func(c strata.Conn) error {
				_, err := strata.Find[KindsBoom](c).Where(strata.Eq("id", 4)).All(ctx)
				return err
			},
			"Value": func(c strata.Conn) error {
				_, err := strata.Find[KindsBoom](c).Where(strata.Eq("txt", Boom("valuer-boom"))).All(ctx)
				return err
			},
		}
		for name, read := range reads {
			for _, inTx := range []bool{false, true} {
				t.Run(fmt.Sprintf("%s/tx=%v", name, inTx), func(t *testing.T) {
					var p any
					within(t, 20*time.Second, func() {
						defer func() { p = recover() }()
						if !inTx {
							_ = read(db)
							return
						}
						_ = db.Transaction(ctx, func(tx *strata.Tx) error { return read(tx) })
					})
					if s, _ := p.(string); !strings.HasPrefix(s, "boom in "+name) {
						t.Errorf("recovered %v, want the panic of %s", p, name)
					}
					if n := tg.DB.Stats().InUse; n != 0 {
						t.Errorf("%d connections in use", n)
					}
					if _, err := strata.Find[KindsBoom](db).Where(strata.Eq("id", 1)).All(ctx); err != nil {
						t.Errorf("after: %v", err)
					}
				})
			}
		}
	})
}

// A transaction's direct statements run in it; after it ended they fail
// with sql.ErrTxDone, never run outside it; its connection goes back to
// the pool when it ends, also when its context is cancelled and nobody
// calls Rollback.
func TestDirectTransactions(t *testing.T) {
	eachDirect(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		kindsTable(t, tg)
		db := on(t, tg, KindsTxt{})
		count := func() int64 { return must(strata.Find[KindsTxt](db).Count(ctx))(t) }
		add := func(c strata.Conn, id int64) error { return strata.Create(ctx, c, &KindsTxt{ID: id, Txt: "tx"}) }

		tx := must(db.Begin(ctx))(t)
		if err := add(tx, 100); err != nil {
			t.Fatal(err)
		}
		if n := must(strata.Find[KindsTxt](tx).Count(ctx))(t); n != 5 {
			t.Errorf("inside: %d rows, want 5", n)
		}
		if n := count(); n != 4 {
			t.Errorf("outside, before commit: %d rows, want 4", n)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		if err := add(tx, 101); !errors.Is(err, sql.ErrTxDone) {
			t.Errorf("after commit: %v, want sql.ErrTxDone", err)
		}
		if n := count(); n != 5 {
			t.Errorf("after commit: %d rows, want 5", n)
		}

		tx = must(db.Begin(ctx))(t)
		if err := add(tx, 102); err != nil {
			t.Fatal(err)
		}
		if err := tx.Rollback(); err != nil {
			t.Fatal(err)
		}
		if err := tx.Rollback(); !errors.Is(err, sql.ErrTxDone) {
			t.Errorf("second Rollback: %v", err)
		}
		if n := count(); n != 5 {
			t.Errorf("after rollback: %d rows, want 5", n)
		}

		// The transaction ended behind strata's back: its statements fail
		// rather than run outside it.
		tx = must(db.Begin(ctx))(t)
		if err := tx.SQL().Commit(); err != nil {
			t.Fatal(err)
		}
		if err := add(tx, 105); !errors.Is(err, sql.ErrTxDone) {
			t.Errorf("after the *sql.Tx committed: %v, want sql.ErrTxDone", err)
		}
		if _, err := strata.Find[KindsTxt](tx).All(ctx); !errors.Is(err, sql.ErrTxDone) {
			t.Errorf("after the *sql.Tx committed: %v, want sql.ErrTxDone", err)
		}
		if err := tx.Rollback(); !errors.Is(err, sql.ErrTxDone) {
			t.Errorf("Rollback after the *sql.Tx committed: %v", err)
		}
		if n := count(); n != 5 {
			t.Errorf("after the *sql.Tx committed: %d rows, want 5", n)
		}

		// The transaction's context is cancelled: database/sql rolls it
		// back; a statement with another context must not run outside it.
		txCtx, cancel := context.WithCancel(ctx)
		tx = must(db.Begin(txCtx))(t)
		if err := add(tx, 103); err != nil {
			t.Fatal(err)
		}
		cancel()
		deadline := time.Now().Add(5 * time.Second)
		for tg.DB.Stats().InUse != 0 && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		if n := tg.DB.Stats().InUse; n != 0 {
			t.Errorf("%d connections in use after the transaction's context was cancelled", n)
		}
		if err := add(tx, 104); !errors.Is(err, sql.ErrTxDone) {
			t.Errorf("after cancel: %v, want sql.ErrTxDone", err)
		}
		if n := count(); n != 5 {
			t.Errorf("after cancel: %d rows, want 5", n)
		}
		if err := tx.Rollback(); !errors.Is(err, sql.ErrTxDone) {
			t.Errorf("Rollback after cancel: %v", err)
		}
		if n := tg.DB.Stats().InUse; n != 0 {
			t.Errorf("%d connections in use", n)
		}
	})
}

// Counts and aggregates read the same by the direct path.
func TestDirectQueriesAsDatabaseSQL(t *testing.T) {
	eachDirect(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		kindsTable(t, tg)
		kinds := []any{Kinds{}}
		type agg struct {
			N      int64
			Exists bool
			Sum    string
			Min    float64
			Max    time.Time
		}
		if _, err := bothWays(t, tg, kinds, func(c strata.Conn) (agg, error) {
			var a agg
			var err error
			q := func() *strata.Query[Kinds] { return strata.Find[Kinds](c).Where(strata.Ne("id", 4)) }
			if a.N, err = q().Count(ctx); err != nil {
				return a, err
			}
			if a.Exists, err = q().Where(strata.Eq("b", true)).Exists(ctx); err != nil {
				return a, err
			}
			if a.Sum, err = strata.Sum[string](ctx, q(), "num"); err != nil {
				return a, err
			}
			if a.Min, err = strata.Min[float64](ctx, q(), "f8"); err != nil {
				return a, err
			}
			a.Max, err = strata.Max[time.Time](ctx, q(), "ts")
			return a, err
		}); err != nil {
			t.Fatal(err)
		}
	})
}

// Includes, joined or not, and Each read the same by the direct path.
func TestDirectIncludesAsDatabaseSQL(t *testing.T) {
	eachDirect(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := shop(t, tg)
		for i := range 6 {
			u := User{LastName: fmt.Sprint("L", i), Email: fmt.Sprintf("u%d@shop.test", i)}
			if i%2 == 0 {
				u.FirstName, u.Age = ptr("F"), ptr(20+i)
			}
			if err := strata.Create(ctx, db, &u); err != nil {
				t.Fatal(err)
			}
			for j := range i % 3 {
				o := Order{Total: fmt.Sprintf("%d.5", j), UserID: &u.ID}
				if j == 1 {
					o.UserID = nil
				}
				if err := strata.Create(ctx, db, &o); err != nil {
					t.Fatal(err)
				}
			}
		}
		if _, err := bothWays(t, tg, shopModels, func(c strata.Conn) ([]Order, error) {
			return strata.Find[Order](c).Include("User", strata.Join()).Order("id").All(ctx)
		}); err != nil {
			t.Fatal(err)
		}
		if _, err := bothWays(t, tg, shopModels, func(c strata.Conn) ([]User, error) {
			return strata.Find[User](c).Include("Orders").Include("Profile").Order("id").All(ctx)
		}); err != nil {
			t.Fatal(err)
		}
		if _, err := bothWays(t, tg, shopModels, func(c strata.Conn) ([]User, error) {
			var out []User
			for u, err := range strata.Find[User](c).Order("id").Each(ctx) {
				if err != nil {
					return nil, err
				}
				out = append(out, *u)
			}
			return out, nil
		}); err != nil {
			t.Fatal(err)
		}
	})
}
