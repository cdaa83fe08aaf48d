package strata_test

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
)

// EdgeRow has a column of every schema type of ARCHITECTURE.md's table
// (but ARRAY, PostgreSQL's only) for every Go type strata maps to it; a
// row of TestReliabilityEdgeValues sets one field and leaves the others
// NULL.
type EdgeRow struct {
	ID    int64
	I8    *int8
	I16   *int16
	I32   *int32
	Int   *int
	I64   *int64
	U8    *uint8
	U16   *uint16
	U32   *uint32
	U     *uint
	U64   *uint64
	F32   *float32
	F64   *float64
	F64F  *float64 `strata:",type=FLOAT"`
	Dec   *string  `strata:",type=DECIMAL(38,8)"`
	Dec65 *string  `strata:",type=DECIMAL(65,30)"`
	DecF  *float64 `strata:",type=DECIMAL(20,6)"`
	DecI  *int64   `strata:",type=DECIMAL(19,0)"`
	Str   *string  `strata:",size=20"`
	Char  *string  `strata:",type=CHAR(10)"`
	Text  *string  `strata:",type=TEXT"`
	Blob  []byte
	PBlob *[]byte
	Raw   json.RawMessage
	At    *time.Time
	Day   *time.Time `strata:",type=DATEONLY"`
	Tod   *string    `strata:",type=TIME"`
	TodT  *time.Time `strata:",type=TIME"`
	UUID  *string    `strata:",type=UUID"`
	Enum  *string    `strata:",type=ENUM('a','b c')"`
	JSON  *string    `strata:",type=JSON"`
	JSONB *string    `strata:",type=JSONB"`
	Bool  *bool
	NStr  sql.NullString
	NTime sql.NullTime
	NF64  sql.Null[float64]
}

// edgeCase is one value written to one field: want is what it reads back
// as when that differs by a documented conversion (nil: the value
// itself); refused lists the dialects that refuse it before writing
// ("all" for every one).
type edgeCase struct {
	field   string
	val     any
	want    any
	refused string
}

func edgeCases() []edgeCase {
	neg0 := math.Copysign(0, -1)
	utf := "😀𝄞中文e\u0301 \t"
	long20 := strings.Repeat("ü", 20)
	kathmandu := time.FixedZone("+0545", 5*3600+45*60)
	cases := []edgeCase{
		{field: "I8", val: int8(math.MinInt8)}, {field: "I8", val: int8(math.MaxInt8)},
		{field: "I16", val: int16(math.MinInt16)}, {field: "I16", val: int16(math.MaxInt16)},
		{field: "I32", val: int32(math.MinInt32)}, {field: "I32", val: int32(math.MaxInt32)},
		{field: "Int", val: math.MinInt32}, {field: "Int", val: math.MaxInt32},
		{field: "Int", val: math.MaxInt32 + 1, refused: "all"}, // INTEGER
		{field: "I64", val: int64(math.MinInt64)}, {field: "I64", val: int64(math.MaxInt64)}, {field: "I64", val: int64(0)},
		{field: "U8", val: uint8(math.MaxUint8)}, {field: "U16", val: uint16(math.MaxUint16)}, {field: "U32", val: uint32(math.MaxUint32)},
		{field: "U", val: uint(math.MaxInt64)}, {field: "U", val: uint(math.MaxInt64) + 1, refused: "all"},
		{field: "U64", val: uint64(math.MaxInt64)}, {field: "U64", val: uint64(math.MaxUint64), refused: "all"}, {field: "U64", val: uint64(0)},
		{field: "F32", val: float32(math.MaxFloat32)}, {field: "F32", val: float32(-math.MaxFloat32)},
		{field: "F32", val: float32(math.SmallestNonzeroFloat32)}, {field: "F32", val: float32(1.17549435e-38)},
		{field: "F32", val: float32(neg0), want: float32(0)},
		{field: "F32", val: float32(math.NaN()), refused: "all"}, {field: "F32", val: float32(math.Inf(1)), refused: "all"}, {field: "F32", val: float32(math.Inf(-1)), refused: "all"},
		{field: "F64", val: math.MaxFloat64}, {field: "F64", val: -math.MaxFloat64},
		{field: "F64", val: math.SmallestNonzeroFloat64}, {field: "F64", val: -math.SmallestNonzeroFloat64},
		{field: "F64", val: 0.1 + 0.2}, {field: "F64", val: 2.2250738585072014e-308},
		{field: "F64", val: neg0, want: 0.0},
		{field: "F64", val: math.NaN(), refused: "all"}, {field: "F64", val: math.Inf(1), refused: "all"}, {field: "F64", val: math.Inf(-1), refused: "all"},
		{field: "F64F", val: 0.1, want: float64(float32(0.1))}, {field: "F64F", val: float64(math.MaxFloat32)},
		{field: "F64F", val: 1e39, refused: "all"}, {field: "F64F", val: 1e-46, refused: "all"}, {field: "F64F", val: math.NaN(), refused: "all"},
		{field: "Dec", val: "123456789012345678901234567890.12345678", refused: "sqlite"},
		{field: "Dec", val: "-999999999999999999999999999999.99999999", refused: "sqlite"},
		{field: "Dec", val: "99999999999999.9", want: "99999999999999.90000000"},
		{field: "Dec", val: "-0.00000001"}, {field: "Dec", val: "0", want: "0.00000000"},
		{field: "Dec", val: "1234567890123456789", want: "1234567890123456789.00000000"}, // fits an int64: SQLite keeps it
		{field: "Dec", val: "1.000000001", refused: "all"}, {field: "Dec", val: "1" + strings.Repeat("0", 30), refused: "all"},
		{field: "Dec", val: "NaN", refused: "all"}, {field: "Dec", val: "Infinity", refused: "all"}, {field: "Dec", val: "1e5", want: "100000.00000000"}, {field: "Dec", val: "", refused: "all"},
		{field: "Dec65", val: strings.Repeat("9", 35) + "." + strings.Repeat("9", 30), refused: "sqlite"},
		{field: "Dec65", val: "-0." + strings.Repeat("0", 29) + "1"}, {field: "Dec65", val: "0." + strings.Repeat("1", 16), want: "0." + strings.Repeat("1", 16) + strings.Repeat("0", 14), refused: "sqlite"},
		{field: "Dec65", val: "12345.678", want: "12345.678" + strings.Repeat("0", 27)},
		{field: "DecF", val: 1234.5}, {field: "DecF", val: -99999999999999.9}, {field: "DecF", val: neg0, want: 0.0},
		{field: "DecF", val: math.NaN(), refused: "all"}, {field: "DecF", val: math.Inf(1), refused: "all"}, {field: "DecF", val: 0.0000001, refused: "all"},
		{field: "DecI", val: int64(math.MaxInt64)}, {field: "DecI", val: int64(math.MinInt64)},
		{field: "Str", val: utf}, {field: "Str", val: "trailing  "}, {field: "Str", val: "  "}, {field: "Str", val: ""}, {field: "Str", val: long20},
		{field: "Str", val: long20 + "x", refused: "all"}, {field: "Str", val: "a\x00b", refused: "all"}, {field: "Str", val: "\xff\xfe", refused: "all"},
		{field: "Str", val: "';DROP TABLE x;--"},
		{field: "Char", val: "abcdefghij"}, {field: "Char", val: "ab  ", want: "ab"}, {field: "Char", val: "😀"},
		{field: "Char", val: "abcdefghijk", refused: "all"},
		{field: "Text", val: strings.Repeat("x", 65535)}, {field: "Text", val: strings.Repeat("x", 65536), refused: "mysql"},
		{field: "Text", val: "line\r\nbreak\\ back"}, {field: "Text", val: "nul\x00", refused: "all"},
		{field: "Blob", val: []byte{}}, {field: "Blob", val: []byte{0, 0, 0xff, 0}}, {field: "Blob", val: bytes.Repeat([]byte{0}, 65535)},
		{field: "Blob", val: bytes.Repeat([]byte{1}, 65536), refused: "mysql"},
		{field: "PBlob", val: []byte{}}, {field: "PBlob", val: []byte{0}},
		{field: "Raw", val: json.RawMessage(`{"k":"v 😀","n":[1,2.5,null,true]}`)}, {field: "Raw", val: json.RawMessage(`[]`)},
		{field: "Raw", val: json.RawMessage{}, refused: "all"}, {field: "Raw", val: json.RawMessage(`{"a":`), refused: "all"},
		{field: "At", val: time.Time{}}, {field: "At", val: time.Date(1, 1, 1, 0, 0, 0, 1000, time.UTC)},
		{field: "At", val: time.Date(9999, 12, 31, 23, 59, 59, 999999000, time.UTC)},
		{field: "At", val: time.Date(2024, 2, 29, 12, 0, 0, 123456789, kathmandu), want: time.Date(2024, 2, 29, 6, 15, 0, 123456000, time.UTC)},
		{field: "At", val: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), refused: "all"},
		{field: "At", val: time.Date(9999, 12, 31, 23, 0, 0, 0, time.FixedZone("-01", -3600)), refused: "all"}, // year 10000 in UTC
		{field: "At", val: time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC), refused: "all"},
		{field: "At", val: time.Date(1, 1, 1, 0, 30, 0, 0, time.FixedZone("+01", 3600)), refused: "all"}, // year 0 in UTC
		{field: "Day", val: time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)}, {field: "Day", val: time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)},
		{field: "Day", val: time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)}, {field: "Day", val: time.Date(2024, 2, 29, 1, 0, 0, 0, time.UTC), refused: "all"},
		{field: "Tod", val: "00:00:00"}, {field: "Tod", val: "23:59:59"}, {field: "Tod", val: "24:00:00", refused: "all"}, {field: "Tod", val: "12:00:00.5", refused: "all"},
		{field: "TodT", val: time.Date(2024, 1, 1, 15, 4, 5, 0, kathmandu), want: time.Date(0, 1, 1, 9, 19, 5, 0, time.UTC)},
		{field: "TodT", val: time.Date(2024, 1, 1, 15, 4, 5, 1000, time.UTC), refused: "all"},
		{field: "UUID", val: "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"}, {field: "UUID", val: "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11", want: "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"},
		{field: "UUID", val: "not-a-uuid", refused: "all"},
		{field: "Enum", val: "a"}, {field: "Enum", val: "b c"}, {field: "Enum", val: "A", refused: "all"}, {field: "Enum", val: "", refused: "all"},
		{field: "JSON", val: `{"k":"v 😀","n":[1,2.5,null]}`}, {field: "JSON", val: `"\u0000"`}, {field: "JSON", val: `{`, refused: "all"},
		{field: "JSONB", val: `{"b":1,"a":[true,false]}`}, {field: "JSONB", val: `"\u0000"`, refused: "all"},
		{field: "Bool", val: true}, {field: "Bool", val: false},
		{field: "NStr", val: sql.NullString{String: "x", Valid: true}}, {field: "NStr", val: sql.NullString{String: "", Valid: true}},
		{field: "NTime", val: sql.NullTime{Time: time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), Valid: true}},
		{field: "NTime", val: sql.NullTime{Time: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), Valid: true}, refused: "all"},
		{field: "NF64", val: sql.Null[float64]{V: math.MaxFloat64, Valid: true}}, {field: "NF64", val: sql.Null[float64]{V: math.NaN(), Valid: true}, refused: "all"},
		{field: "ID", val: int64(0)}, // every column NULL
	}
	return cases
}

// set stores c's value in its field of r (through a new pointer for a
// pointer field).
func (c edgeCase) set(r *EdgeRow) {
	f := reflect.ValueOf(r).Elem().FieldByName(c.field)
	v := reflect.ValueOf(c.val)
	if f.Kind() == reflect.Pointer {
		p := reflect.New(f.Type().Elem())
		p.Elem().Set(v.Convert(f.Type().Elem()))
		f.Set(p)
		return
	}
	f.Set(v.Convert(f.Type()))
}

// edgeEqual reports whether got (the field read back) is exactly want: a
// time the same instant in UTC, bytes with the same nil-ness, JSON the
// same value (the databases keep JSON as text or as a tree).
func edgeEqual(field string, got reflect.Value, want any) bool {
	if got.Kind() == reflect.Pointer {
		if got.IsNil() {
			return false
		}
		got = got.Elem()
	}
	g := got.Interface()
	switch w := want.(type) {
	case time.Time:
		t, ok := g.(time.Time)
		return ok && t.Equal(w) && t.Location() == time.UTC
	case sql.NullTime:
		t, ok := g.(sql.NullTime)
		_, off := t.Time.Zone()
		return ok && t.Valid && t.Time.Equal(w.Time) && off == 0 // the driver's time, in UTC
	case float64:
		x, ok := g.(float64)
		return ok && x == w && math.Signbit(x) == math.Signbit(w)
	case float32:
		x, ok := g.(float32)
		return ok && x == w && math.Signbit(float64(x)) == math.Signbit(float64(w))
	case []byte:
		b, ok := g.([]byte)
		return ok && bytes.Equal(b, w) && (b == nil) == (w == nil)
	case json.RawMessage:
		b, ok := g.(json.RawMessage)
		return ok && sameJSON(string(b), string(w))
	case string:
		if field == "JSON" || field == "JSONB" {
			return sameJSON(g.(string), w)
		}
	}
	return reflect.DeepEqual(g, want)
}

func sameJSON(a, b string) bool {
	var x, y any
	return json.Unmarshal([]byte(a), &x) == nil && json.Unmarshal([]byte(b), &y) == nil && reflect.DeepEqual(x, y)
}

// Every mapped type at its edges, on every database: a value written by
// Create reads back by Find exactly (or as a documented conversion gives
// it: FLOAT in single precision, -0 as 0, times in UTC at microseconds, a
// CHAR without trailing spaces, a UUID in lower case, a DECIMAL with its
// scale), or is refused with a *ValidationError before any SQL, leaving
// no row and the table readable (issue 13, defect 4).
func TestReliabilityEdgeValues(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		var qc queryCounter
		db := must(strata.New(tg.DB, tg.Dialect, strata.WithModels(EdgeRow{}), strata.WithQueryHook(qc.hook())))(t)
		if err := db.Sync(ctx); err != nil {
			t.Fatal(err)
		}
		if err := strata.Create(ctx, db, &EdgeRow{}); err != nil { // reads the features
			t.Fatal(err)
		}
		name := tg.Dialect.Name()
		var exact, converted, refused, changed int
		cases := edgeCases()
		for _, c := range cases {
			desc := fmt.Sprintf("%s = %.60v", c.field, c.val)
			var row EdgeRow
			c.set(&row)
			before := must(strata.Find[EdgeRow](db).Count(ctx))(t)
			n0 := qc.n.Load()
			err := strata.Create(ctx, db, &row)
			wantRefused := c.refused == "all" || c.refused == name
			if err != nil {
				var ve *strata.ValidationError
				switch {
				case !errors.As(err, &ve):
					t.Errorf("%s: %v, want a *ValidationError", desc, err)
				case qc.n.Load() != n0:
					t.Errorf("%s: refused after %d statements, want none", desc, qc.n.Load()-n0)
				case !wantRefused:
					t.Errorf("%s: refused (%v), want it written", desc, err)
				}
				if after, err := strata.Find[EdgeRow](db).All(ctx); err != nil || int64(len(after)) != before {
					t.Errorf("%s: after the refusal: %d rows (%v), want %d", desc, len(after), err, before)
				}
				refused++
				continue
			}
			if wantRefused {
				t.Errorf("%s: written, want it refused on %s", desc, c.refused)
			}
			got, err := strata.Find[EdgeRow](db).Where(strata.Eq("id", row.ID)).One(ctx)
			if err != nil {
				t.Errorf("%s: read back: %v", desc, err)
				changed++
				continue
			}
			if c.field == "ID" {
				if !reflect.DeepEqual(*got, EdgeRow{ID: row.ID}) {
					t.Errorf("all NULL: read back %+v", got)
					changed++
				} else {
					exact++
				}
				continue
			}
			want, conv := c.val, c.want != nil
			if conv {
				want = c.want
			}
			if field := reflect.ValueOf(got).Elem().FieldByName(c.field); !edgeEqual(c.field, field, want) {
				t.Errorf("%s: read back %.80v, want %.80v", desc, reflect.Indirect(field), want)
				changed++
			} else if conv {
				converted++
			} else {
				exact++
			}
		}
		if _, err := strata.Find[EdgeRow](db).All(ctx); err != nil {
			t.Errorf("the table is not readable: %v", err)
		}
		t.Logf("figure: %d values: %d exact (%d by a documented conversion), %d refused, %d changed", len(cases), exact+converted, converted, refused, changed)
	})
}
