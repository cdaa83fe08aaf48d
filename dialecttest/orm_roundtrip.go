package dialecttest

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/strata-orm/strata"
)

// The round trips of each kind of value, moved here from package strata's
// own tests (roundtrip_test.go, write_test.go) so that every dialect runs
// them.

var zones = func() []*time.Location {
	var out []*time.Location
	for _, name := range []string{"UTC", "America/New_York", "Europe/Vilnius", "Asia/Kathmandu", "Pacific/Chatham", "Australia/Lord_Howe"} {
		if loc, err := time.LoadLocation(name); err == nil {
			out = append(out, loc)
		}
	}
	return append(out, time.FixedZone("odd", -(9*3600+30*60)), time.Local)
}()

// timeRoundTrip: times in any zone come back as the same instant at
// microsecond precision, and WHERE at = t finds exactly that row
// (RELIABILITY 38).
func timeRoundTrip(t *testing.T, db *strata.DB, tg *Target) {
	ctx := ctx(t)
	r := rand.New(rand.NewPCG(1, 2))
	var rows []sample
	nyc, _ := time.LoadLocation("America/New_York")
	fixed := []time.Time{
		time.Date(2021, 3, 14, 2, 30, 0, 0, nyc),    // in the DST gap
		time.Date(2021, 11, 7, 1, 30, 0, 0, nyc),    // in the DST overlap
		time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), // the epoch
		time.Date(2038, 1, 19, 3, 14, 8, 999999999, time.UTC),
		time.Date(1999, 12, 31, 23, 59, 59, 999999500, time.UTC), // rounds up if not truncated
	}
	for i := range 200 {
		var at time.Time
		if i < len(fixed) {
			at = fixed[i]
		} else {
			sec := r.Int64N(int64(2100-1971) * 365 * 86400)
			at = time.Unix(int64(365*86400)+sec, r.Int64N(1e9)).In(zones[r.IntN(len(zones))])
		}
		rows = append(rows, sample{Tag: fmt.Sprint(i), At: at, AtPtr: &at, Dec: "0"})
	}
	if err := strata.BulkCreate(ctx, db, rows); err != nil {
		t.Fatal(err)
	}
	for i, want := range rows {
		inst := want.At.UTC().Truncate(time.Microsecond)
		got, err := strata.Find[sample](db).Where(strata.Eq("at", want.At)).All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].Tag != want.Tag {
			t.Fatalf("row %d: WHERE at = %v found %d rows", i, want.At, len(got))
		}
		if !got[0].At.Equal(inst) || got[0].AtPtr == nil || !got[0].AtPtr.Equal(inst) {
			t.Fatalf("row %d: wrote %v, read %v / %v, want %v", i, want.At, got[0].At, got[0].AtPtr, inst)
		}
		if got[0].At.Location() != time.UTC {
			t.Fatalf("row %d: read back in %v, want UTC", i, got[0].At.Location())
		}
	}
	// Ranges compare as instants too.
	lo, hi := fixed[2], fixed[3]
	n := must(strata.Find[sample](db).Where(strata.Between("at", lo.In(zones[1]), hi.In(zones[2]))).Count(ctx))(t)
	want := 0
	for _, s := range rows {
		if !s.At.Before(lo) && !s.At.Truncate(time.Microsecond).After(hi.Truncate(time.Microsecond)) {
			want++
		}
	}
	if n != int64(want) {
		t.Errorf("BETWEEN across zones: %d rows, want %d", n, want)
	}
}

// valueRoundTrip: integers at their limits, decimals, floats, bytes and
// strings come back exactly (RELIABILITY 39, 41).
func valueRoundTrip(t *testing.T, db *strata.DB, tg *Target) {
	ctx := ctx(t)
	at := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	long := strings.Repeat("ünïcödé 😀 ", 3500) // ~60 KiB of multibyte text (MySQL TEXT holds 64 KiB)
	maxDec := "99999999999999.999999"
	if tg.Dialect.Name() == "sqlite" {
		// SQLite keeps a DECIMAL as a double: 15 significant digits.
		maxDec = "999999999.999999"
	}
	cases := []sample{
		{Tag: "max", I64: math.MaxInt64, I32: math.MaxInt32, F64: math.MaxFloat64, Dec: maxDec},
		{Tag: "min", I64: math.MinInt64, I32: math.MinInt32, F64: -math.SmallestNonzeroFloat64, Dec: "-" + maxDec},
		{Tag: "frac", F64: 0.1 + 0.2, Dec: "0.000001"},
		{Tag: "utf8", Str: "emoji 😀 𝄞 中文 e\u0301", Text: long, Dec: "12.5"},
		{Tag: "spaces", Str: "  trailing  ", Text: "\ttabs\nand\r\nlines  ", Dec: "1"},
		{Tag: "bytes", Blob: []byte{0, 1, 2, 0xff, 0xfe, 0}, Dec: "2"},
		{Tag: "empty-bytes", Blob: []byte{}, Dec: "3"},
		{Tag: "bool", Flag: true, Dec: "4"},
	}
	for i := range cases {
		cases[i].At = at
	}
	if err := strata.BulkCreate(ctx, db, cases); err != nil {
		t.Fatal(err)
	}
	for _, want := range cases {
		got := must(strata.Find[sample](db).Where(strata.Eq("tag", want.Tag)).One(ctx))(t)
		dec := want.Dec
		if !strings.Contains(dec, ".") {
			dec += ".000000"
		}
		if strings.Contains(want.Dec, ".") {
			dec = fmt.Sprintf("%s%s", want.Dec, strings.Repeat("0", 6-len(want.Dec[strings.IndexByte(want.Dec, '.')+1:])))
		}
		switch {
		case got.I64 != want.I64 || got.I32 != want.I32:
			t.Errorf("%s: ints %d %d, want %d %d", want.Tag, got.I64, got.I32, want.I64, want.I32)
		case got.F64 != want.F64:
			t.Errorf("%s: float %v, want %v", want.Tag, got.F64, want.F64)
		case got.Dec != dec:
			t.Errorf("%s: decimal %q, want %q", want.Tag, got.Dec, dec)
		case got.Str != want.Str || got.Text != want.Text:
			t.Errorf("%s: strings differ: %q", want.Tag, got.Str)
		case !bytes.Equal(got.Blob, want.Blob):
			t.Errorf("%s: bytes %v, want %v", want.Tag, got.Blob, want.Blob)
		case got.Flag != want.Flag:
			t.Errorf("%s: flag %v", want.Tag, got.Flag)
		}
	}
	// 0.1 + 0.2 computed by the database on exact decimals is 0.3.
	sum := must(strata.RawAll[string](ctx, db, "SELECT TRIM(CAST(CAST(? AS DECIMAL(10,2)) + CAST(? AS DECIMAL(10,2)) AS CHAR(20)))", "0.1", "0.2"))(t)
	if tg.Dialect.Name() != "sqlite" && sum[0] != "0.30" {
		t.Errorf("0.1 + 0.2 in SQL: %q", sum[0])
	}
	// A string longer than its column is an error, never truncated.
	err := strata.Create(ctx, db, &sample{Tag: "long", Str: strings.Repeat("x", 101), Dec: "0", At: at})
	if !fieldFailed(err, "Str", "len") {
		t.Errorf("101 characters into VARCHAR(100): %v, want a len error for Str", err)
	}
	// More digits than SQLite keeps of a DECIMAL are refused there,
	// not rounded to 15.
	err = strata.Create(ctx, db, &sample{Tag: "digits", Dec: "99999999999999.999999", At: at})
	if tg.Dialect.Name() == "sqlite" && !fieldFailed(err, "Dec", "precision") {
		t.Errorf("20 digits into a SQLite DECIMAL: %v, want a precision error for Dec", err)
	}
}

// nullVersusZero: NULL and the zero value are different values on every
// dialect, written and read back as such.
func nullVersusZero(t *testing.T, db *strata.DB, tg *Target) {
	ctx := ctx(t)
	at := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC) // MySQL cannot store the zero time
	zero := sample{Tag: "zero", Dec: "0", At: at, PStr: ptr(""), PInt: ptr(int64(0)), AtPtr: ptr(time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC))}
	null := sample{Tag: "null", Dec: "0", At: at}
	if err := strata.BulkCreate(ctx, db, []sample{zero, null}); err != nil {
		t.Fatal(err)
	}
	count := func(sql string) int64 {
		n := must(strata.RawAll[int64](ctx, db, sql))(t)
		return n[0]
	}
	if n := count(`SELECT COUNT(*) FROM samples WHERE ` + tg.Dialect.Quote("pStr") + ` IS NULL AND ` + tg.Dialect.Quote("pInt") + ` IS NULL`); n != 1 {
		t.Errorf("rows with NULLs: %d, want 1", n)
	}
	if n := count(`SELECT COUNT(*) FROM samples WHERE ` + tg.Dialect.Quote("pStr") + ` = '' AND ` + tg.Dialect.Quote("pInt") + ` = 0`); n != 1 {
		t.Errorf("rows with zeros: %d, want 1", n)
	}
	got := must(strata.Find[sample](db).Order("tag DESC").All(ctx))(t)
	if got[0].PStr == nil || *got[0].PStr != "" || got[0].PInt == nil || *got[0].PInt != 0 {
		t.Errorf("zero row read back: %+v", got[0])
	}
	if got[1].PStr != nil || got[1].PInt != nil || got[1].AtPtr != nil {
		t.Errorf("null row read back: %+v", got[1])
	}
	// Setting back to NULL, and NULL into a non-pointer field reads as zero.
	got[0].PStr, got[0].PInt = nil, nil
	if err := strata.Update(ctx, db, &got[0], "PStr", "PInt"); err != nil {
		t.Fatal(err)
	}
	if _, err := strata.Exec(ctx, db, "UPDATE samples SET "+tg.Dialect.Quote("str")+" = NULL"); err != nil {
		t.Fatal(err)
	}
	again := must(strata.Find[sample](db).Where(strata.Eq("tag", "zero")).One(ctx))(t)
	if again.PStr != nil || again.PInt != nil || again.Str != "" {
		t.Errorf("after writing NULL: %+v", again)
	}
}

// fieldFailed reports whether err is a *ValidationError with a failure
// of rule for field.
func fieldFailed(err error, field, rule string) bool {
	var ve *strata.ValidationError
	if !errors.As(err, &ve) {
		return false
	}
	for _, fe := range ve.Field(field) {
		if fe.Rule == rule {
			return true
		}
	}
	return false
}
