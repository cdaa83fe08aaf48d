package model_test

import (
	"database/sql"
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/internal/query"
)

// Fitted has a column of every kind with a limit.
type Fitted struct {
	ID   int
	I16  int16
	I32  int
	I64  int64
	U64  uint64
	IS   string  `strata:",type=INTEGER"`
	F32  float64 `strata:",type=FLOAT"`
	F64  float64
	Dec  string  `strata:",type=DECIMAL(10,2)"`
	DecF float64 `strata:",type=DECIMAL(5,1)"`
	DecI int     `strata:",type=DECIMAL(4,0)"`
	Str  string  `strata:",size=3"`
	Ch   string  `strata:",type=CHAR(2)"`
	Txt  string  `strata:",type=TEXT"`
	Blob []byte
	UID  string    `strata:",type=UUID"`
	Role string    `strata:",type=ENUM('admin','guest user')"`
	J    string    `strata:",type=JSON"`
	JB   []byte    `strata:",type=JSONB"`
	At   time.Time `strata:",null"`
	Day  time.Time `strata:",type=DATEONLY"`
	Tod  string    `strata:",type=TIME"`
	TodT time.Time `strata:",type=TIME"`
	P    *int16
}

// valid is a Fitted whose every value fits.
func valid() Fitted {
	return Fitted{Dec: "0", IS: "0", UID: "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", Role: "admin", J: "{}", JB: []byte("[]"),
		At: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), Day: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), Tod: "00:00:00",
		TodT: time.Date(0, 1, 1, 12, 0, 0, 0, time.UTC)}
}

func TestFit(t *testing.T) {
	m := mustModel(t, Fitted{})
	mysql := model.Capacity{TextBytes: 65535, BlobBytes: 65535}
	sqlite := model.Capacity{DecimalDigits: 15}
	p := func(v int16) *int16 { return &v }
	tests := []struct {
		name string
		set  func(*Fitted)
		c    model.Capacity
		want string // "field rule", "" when it fits
	}{
		{"every value fits", func(*Fitted) {}, model.Capacity{}, ""},
		{"SMALLINT max", func(f *Fitted) { f.I16 = math.MaxInt16 }, model.Capacity{}, ""},
		{"INTEGER max", func(f *Fitted) { f.I32 = math.MaxInt32 }, model.Capacity{}, ""},
		{"INTEGER past max", func(f *Fitted) { f.I32 = math.MaxInt32 + 1 }, model.Capacity{}, "I32 range"},
		{"INTEGER past min", func(f *Fitted) { f.I32 = math.MinInt32 - 1 }, model.Capacity{}, "I32 range"},
		{"BIGINT max", func(f *Fitted) { f.I64 = math.MaxInt64 }, model.Capacity{}, ""},
		{"uint64 at BIGINT max", func(f *Fitted) { f.U64 = math.MaxInt64 }, model.Capacity{}, ""},
		{"uint64 past BIGINT max", func(f *Fitted) { f.U64 = math.MaxInt64 + 1 }, model.Capacity{}, "U64 range"},
		{"string INTEGER", func(f *Fitted) { f.IS = "-2147483648" }, model.Capacity{}, ""},
		{"string INTEGER past min", func(f *Fitted) { f.IS = "-2147483649" }, model.Capacity{}, "IS range"},
		{"string INTEGER not a number", func(f *Fitted) { f.IS = "abc" }, model.Capacity{}, "IS number"},
		{"string INTEGER fraction", func(f *Fitted) { f.IS = "1.5" }, model.Capacity{}, "IS number"},
		{"FLOAT max", func(f *Fitted) { f.F32 = math.MaxFloat32 }, model.Capacity{}, ""},
		{"FLOAT past max", func(f *Fitted) { f.F32 = math.MaxFloat32 * 1.0000001 }, model.Capacity{}, "F32 range"},
		{"FLOAT smallest", func(f *Fitted) { f.F32 = math.SmallestNonzeroFloat32 }, model.Capacity{}, ""},
		{"FLOAT underflow", func(f *Fitted) { f.F32 = math.SmallestNonzeroFloat32 / 4 }, model.Capacity{}, "F32 range"},
		{"FLOAT NaN", func(f *Fitted) { f.F32 = math.NaN() }, model.Capacity{}, "F32 number"},
		{"DOUBLE max", func(f *Fitted) { f.F64 = math.MaxFloat64 }, model.Capacity{}, ""},
		{"DOUBLE +Inf", func(f *Fitted) { f.F64 = math.Inf(1) }, model.Capacity{}, "F64 number"},
		{"DECIMAL max", func(f *Fitted) { f.Dec = "99999999.99" }, model.Capacity{}, ""},
		{"DECIMAL past max", func(f *Fitted) { f.Dec = "100000000" }, model.Capacity{}, "Dec range"},
		{"DECIMAL overflow", func(f *Fitted) { f.Dec = "123456789012.345" }, model.Capacity{}, "Dec range"},
		{"DECIMAL scale", func(f *Fitted) { f.Dec = "1.005" }, model.Capacity{}, "Dec scale"},
		{"DECIMAL trailing zeros", func(f *Fitted) { f.Dec = "-00012.3400000" }, model.Capacity{}, ""},
		{"DECIMAL exponent", func(f *Fitted) { f.Dec = "1.2e7" }, model.Capacity{}, ""},
		{"DECIMAL exponent past max", func(f *Fitted) { f.Dec = "1e8" }, model.Capacity{}, "Dec range"},
		{"DECIMAL small exponent", func(f *Fitted) { f.Dec = "5e-3" }, model.Capacity{}, "Dec scale"},
		{"DECIMAL NaN", func(f *Fitted) { f.Dec = "NaN" }, model.Capacity{}, "Dec number"},
		{"DECIMAL empty", func(f *Fitted) { f.Dec = "" }, model.Capacity{}, "Dec number"},
		{"DECIMAL abc", func(f *Fitted) { f.Dec = "abc" }, model.Capacity{}, "Dec number"},
		{"DECIMAL float", func(f *Fitted) { f.DecF = 9999.9 }, model.Capacity{}, ""},
		{"DECIMAL float scale", func(f *Fitted) { f.DecF = 0.25 }, model.Capacity{}, "DecF scale"},
		{"DECIMAL float Inf", func(f *Fitted) { f.DecF = math.Inf(-1) }, model.Capacity{}, "DecF number"},
		{"DECIMAL int", func(f *Fitted) { f.DecI = -9999 }, model.Capacity{}, ""},
		{"DECIMAL int past max", func(f *Fitted) { f.DecI = 10000 }, model.Capacity{}, "DecI range"},
		{"DECIMAL 10 digits on SQLite", func(f *Fitted) { f.Dec = "99999999.99" }, sqlite, ""},
		{"STRING(3) at length", func(f *Fitted) { f.Str = "äöü" }, model.Capacity{}, ""},
		{"STRING(3) past length", func(f *Fitted) { f.Str = "abcd" }, model.Capacity{}, "Str len"},
		{"STRING(3) trailing spaces count", func(f *Fitted) { f.Str = "ab  " }, model.Capacity{}, "Str len"},
		{"CHAR(2) past length", func(f *Fitted) { f.Ch = "😀😀😀" }, model.Capacity{}, "Ch len"},
		{"NUL", func(f *Fitted) { f.Txt = "a\x00b" }, model.Capacity{}, "Txt text"},
		{"invalid UTF-8", func(f *Fitted) { f.Str = "\xff" }, model.Capacity{}, "Str text"},
		{"TEXT at MySQL's limit", func(f *Fitted) { f.Txt = strings.Repeat("x", 65535) }, mysql, ""},
		{"TEXT past MySQL's limit", func(f *Fitted) { f.Txt = strings.Repeat("x", 65536) }, mysql, "Txt len"},
		{"TEXT past MySQL's limit elsewhere", func(f *Fitted) { f.Txt = strings.Repeat("x", 65536) }, model.Capacity{}, ""},
		{"BLOB past MySQL's limit", func(f *Fitted) { f.Blob = make([]byte, 65536) }, mysql, "Blob len"},
		{"UUID upper case", func(f *Fitted) { f.UID = "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11" }, model.Capacity{}, ""},
		{"UUID braces", func(f *Fitted) { f.UID = "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}" }, model.Capacity{}, "UID uuid"},
		{"UUID empty", func(f *Fitted) { f.UID = "" }, model.Capacity{}, "UID uuid"},
		{"ENUM listed", func(f *Fitted) { f.Role = "guest user" }, model.Capacity{}, ""},
		{"ENUM not listed", func(f *Fitted) { f.Role = "root" }, model.Capacity{}, "Role oneof"},
		{"JSON invalid", func(f *Fitted) { f.J = "{" }, model.Capacity{}, "J json"},
		{"JSONB NUL escape", func(f *Fitted) { f.JB = []byte(`{"a": "\u0000"}`) }, model.Capacity{}, "JB json"},
		{"JSONB escaped backslash", func(f *Fitted) { f.JB = []byte(`{"a": "\\u0000"}`) }, model.Capacity{}, ""},
		{"DATE year 9999", func(f *Fitted) { f.At = time.Date(9999, 12, 31, 23, 59, 59, 999999000, time.UTC) }, model.Capacity{}, ""},
		{"DATE year 10000", func(f *Fitted) { f.At = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) }, model.Capacity{}, "At range"},
		{"DATE zero", func(f *Fitted) { f.At = time.Time{} }, model.Capacity{}, ""}, // 0001-01-01, year 1
		{"DATE year 0", func(f *Fitted) { f.At = time.Date(0, 12, 31, 23, 59, 59, 0, time.UTC) }, model.Capacity{}, "At range"},
		{"DATE year 10000 in UTC", func(f *Fitted) { f.At = time.Date(9999, 12, 31, 23, 0, 0, 0, time.FixedZone("w", -3600)) }, model.Capacity{}, "At range"},
		{"DATE year 1", func(f *Fitted) { f.At = time.Date(1, 1, 1, 0, 0, 0, 1000, time.UTC) }, model.Capacity{}, ""},
		{"DATEONLY with a time", func(f *Fitted) { f.Day = time.Date(2024, 1, 2, 13, 0, 0, 0, time.UTC) }, model.Capacity{}, "Day date"},
		{"DATEONLY local midnight", func(f *Fitted) { f.Day = time.Date(2024, 1, 2, 0, 0, 0, 0, time.FixedZone("x", 3600)) }, model.Capacity{}, "Day date"},
		{"TIME last second", func(f *Fitted) { f.Tod = "23:59:59" }, model.Capacity{}, ""},
		{"TIME 24:00:00", func(f *Fitted) { f.Tod = "24:00:00" }, model.Capacity{}, "Tod time"},
		{"TIME fraction", func(f *Fitted) { f.Tod = "12:00:00.5" }, model.Capacity{}, "Tod time"},
		{"time.Time TIME fraction", func(f *Fitted) { f.TodT = f.TodT.Add(time.Millisecond) }, model.Capacity{}, "TodT time"},
		{"pointer", func(f *Fitted) { f.P = p(math.MaxInt16) }, model.Capacity{}, ""},
	}
	for _, tt := range tests {
		v := valid()
		tt.set(&v)
		errs := m.Fit(unsafe.Pointer(&v), nil, tt.c)
		var got string
		for _, e := range errs {
			got += strings.TrimSpace(got+" ") + e.Field + " " + e.Rule
			if e.Column == "" || e.Message == "" {
				t.Errorf("%s: %+v lacks its column or message", tt.name, e)
			}
		}
		if got != tt.want {
			t.Errorf("%s: %q, want %q (%v)", tt.name, got, tt.want, errs)
		}
	}
}

// The message says what fits, the same whatever database is underneath.
func TestFitMessages(t *testing.T) {
	m := mustModel(t, Fitted{})
	tests := []struct {
		field string
		v     any
		want  string
	}{
		{"I32", 2147483648, "must be between -2147483648 and 2147483647 to fit INTEGER (for a BIGINT column, make the field an int64 or tag it type=BIGINT)"},
		{"I16", uint(1 << 15), "must be between -32768 and 32767 to fit SMALLINT"},
		{"Dec", "123456789012.345", "must have at most 8 digits before the point to fit DECIMAL(10,2)"},
		{"Dec", "1.005", "must have at most 2 digits after the point to fit DECIMAL(10,2): round it first"},
		{"Dec", "NaN", "must be a finite number (not NaN or ±Inf) to fit DECIMAL(10,2)"},
		{"Str", "abcd", "must be at most 3 characters long to fit STRING(3), not 4"},
		{"Role", "root", "must be one of admin, guest user"},
		{"I32", 1.5, "must be a whole number to fit INTEGER"},
		{"I32", ptrTo(int64(1) << 40), "must be between -2147483648 and 2147483647 to fit INTEGER (for a BIGINT column, make the field an int64 or tag it type=BIGINT)"},
	}
	for _, tt := range tests {
		f, err := m.Field(tt.field)
		if err != nil {
			t.Fatal(err)
		}
		fe, bad := f.Fits(tt.v, model.Capacity{})
		if !bad || fe.Message != tt.want {
			t.Errorf("%s ← %#v: %q, want %q", tt.field, tt.v, fe.Message, tt.want)
		}
	}
}

// Value writes what only some databases would change changed the same
// way for all.
func TestValueForColumnType(t *testing.T) {
	m := mustModel(t, Fitted{})
	v := valid()
	v.F32 = 0.1
	v.UID = "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"
	v.TodT = time.Date(2024, 5, 6, 7, 8, 9, 0, time.FixedZone("x", 3600))
	base := unsafe.Pointer(&v)
	for col, want := range map[string]any{
		"f32":  float64(float32(0.1)),
		"uid":  "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
		"todT": "06:08:09",
		"f64":  0.0,
	} {
		f, err := m.Field(col)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(f.Value(base), want); diff != "" {
			t.Errorf("%s (-got +want):\n%s", col, diff)
		}
	}
	f, _ := m.Field("uid")
	if got := f.Written("ABC"); got != "abc" {
		t.Errorf("Written: %v", got)
	}
}

// Operand converts what a condition compares with a column, or says the
// comparison's answer.
func TestOperand(t *testing.T) {
	m := mustModel(t, Fitted{})
	type myInt int
	tests := []struct {
		col   string
		v     any
		want  any
		place query.Place
		err   bool
	}{
		{"i32", 7, 7, query.Inside, false},
		// Within 64 bits the database compares: the live column may be a
		// BIGINT the model reads into an int.
		{"i32", 2147483648, 2147483648, query.Inside, false},
		{"i32", -2147483649, -2147483649, query.Inside, false},
		{"i32", myInt(2147483648), int64(2147483648), query.Inside, false},
		// Beyond 64 bits no integer column holds it.
		{"i32", uint64(1 << 63), nil, query.Above, false},
		{"i64", uint64(1 << 63), nil, query.Above, false},
		{"i32", ptrTo(5), int64(5), query.Inside, false},
		{"i32", "42", int64(42), query.Inside, false},
		{"i32", "4e1", int64(40), query.Inside, false},
		// Text is never trimmed: " 1" from a query string is not 1.
		{"i32", " 4e1 ", nil, query.Inside, true},
		{"i32", "1 ", nil, query.Inside, true},
		{"f64", " 1.5", nil, query.Inside, true},
		{"i32", "99999999999999999999999", nil, query.Above, false},
		{"i16", 2.0, int64(2), query.Inside, false},
		{"i32", 1.5, nil, query.Inside, true},
		{"i32", "abc", nil, query.Inside, true},
		{"i32", true, nil, query.Inside, true},
		{"f64", math.NaN(), nil, query.Inside, true},
		{"f32", 0.1, float64(float32(0.1)), query.Inside, false},
		{"dec", "abc", nil, query.Inside, true},
		{"dec", "1.005", "1.005", query.Inside, false},
		// A value of another kind than the column's is converted only
		// where that is exact (a where map decoded from JSON).
		{"str", 5, nil, query.Inside, true},
		{"str", float64(0), nil, query.Inside, true},
		{"str", json.Number("0"), nil, query.Inside, true},
		{"str", false, nil, query.Inside, true},
		{"str", []byte("ab"), "ab", query.Inside, false},
		{"str", "a\x00", nil, query.Inside, true},
		{"txt", time.Now(), nil, query.Inside, true},
		{"uid", 1, nil, query.Inside, true},
		{"role", 0, nil, query.Inside, true},
		{"i32", json.Number("7"), int64(7), query.Inside, false},
		{"i32", json.Number("1.5"), nil, query.Inside, true},
		{"i32", []byte("1"), nil, query.Inside, true},
		{"f64", json.Number("1.5"), json.Number("1.5"), query.Inside, false},
		{"f64", false, nil, query.Inside, true},
		{"f64", "x", nil, query.Inside, true},
		{"p", float64(1), int64(1), query.Inside, false},
		{"blob", "x", nil, query.Inside, true},
		{"blob", []byte("x"), []byte("x"), query.Inside, false},
		{"j", `{"a":1}`, nil, query.Inside, true},
		{"jb", float64(1), nil, query.Inside, true},
		{"at", "2024-01-02T03:04:05Z", time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), query.Inside, false},
		{"at", "2024-01-02 03:04:05", time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), query.Inside, false},
		{"day", "2024-01-02", time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), query.Inside, false},
		{"at", "yesterday", nil, query.Inside, true},
		{"at", float64(0), nil, query.Inside, true},
		{"tod", "25:00:00", nil, query.Inside, true},
		{"tod", "10:11:12", "10:11:12", query.Inside, false},
		{"tod", float64(1), nil, query.Inside, true},
		{"uid", "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", query.Inside, false},
		{"uid", "nope", nil, query.Apart, false},
		{"role", "root", nil, query.Apart, false},
		{"role", "admin", "admin", query.Inside, false},
		{"todT", time.Date(0, 1, 1, 1, 2, 3, 0, time.UTC), "01:02:03", query.Inside, false},
		{"nope", 1 << 40, 1 << 40, query.Inside, false},
	}
	for _, tt := range tests {
		got, place, err := m.Operand(tt.col, tt.v)
		if (err != nil) != tt.err {
			t.Errorf("%s ← %#v: error %v, want one: %v", tt.col, tt.v, err, tt.err)
			continue
		}
		if err != nil {
			continue
		}
		if place != tt.place || !cmp.Equal(got, tt.want) {
			t.Errorf("%s ← %#v: %#v %v, want %#v %v", tt.col, tt.v, got, place, tt.want, tt.place)
		}
	}
}

// A value standing for NULL (a Valuer giving nil, a nil pointer) fits any
// column's type: whether the column takes NULL is the database's to say.
func TestFitsNull(t *testing.T) {
	m := mustModel(t, Fitted{})
	var nilTime *time.Time
	for _, col := range []string{"At", "Day", "Tod", "TodT", "I32", "F64"} {
		f, err := m.Field(col)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range []any{sql.NullTime{}, sql.NullString{}, sql.NullInt64{}, nilTime} {
			if fe, bad := f.Fits(v, model.Capacity{}); bad {
				t.Errorf("%s ← %T: %v, want it to fit", col, v, fe)
			}
		}
	}
}
