package strata_test

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
)

// Limits has a column of every type strata maps (ARRAY aside, which only
// PostgreSQL has), in Go types wide enough to hold a value just past the
// column's limit.
type Limits struct {
	ID      int64
	Tag     string    `strata:",unique"`
	Small   int64     `strata:",type=SMALLINT"`
	Int     int       // INTEGER
	Big     uint64    // BIGINT
	BigText string    `strata:",type=BIGINT"`
	F32     float32   // FLOAT
	Float   float64   `strata:",type=FLOAT"`
	Double  float64   // DOUBLE
	Dec     string    `strata:",type=DECIMAL(10,2)"`
	DecF    float64   `strata:",type=DECIMAL(10,2)"`
	Wide    string    `strata:",type=DECIMAL(20,6)"`
	Str     string    `strata:",size=5"`
	Ch      string    `strata:",type=CHAR(3)"`
	Txt     string    `strata:",type=TEXT"`
	Flag    bool      // BOOLEAN
	At      time.Time // DATE
	Day     time.Time `strata:",type=DATEONLY"`
	Tod     string    `strata:",type=TIME"`
	TodT    time.Time `strata:",type=TIME"`
	UID     string    `strata:",type=UUID"`
	Role    string    `strata:",type=ENUM('a','b c')"`
	J       string    `strata:",type=JSON"`
	JB      string    `strata:",type=JSONB"`
	Blob    []byte    // BLOB
}

func limitsRow(tag string) Limits {
	return Limits{Tag: tag, BigText: "0", Dec: "0", Wide: "0", Tod: "00:00:00", UID: "00000000-0000-0000-0000-000000000000", Role: "a", J: "{}", JB: "{}",
		At: time.Date(2024, 2, 29, 12, 0, 0, 0, time.UTC), Day: time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), TodT: time.Date(0, 1, 1, 12, 0, 0, 0, time.UTC)}
}

// limitCase is a value for one field: written and read back (as back
// says, or unchanged), or refused by rule before any SQL.
type limitCase struct {
	field string
	v     any
	back  any    // what reads back when not v itself
	rule  string // the FieldError's rule when refused
	// capacity: refused by rule only on these dialects, whose type holds
	// less than elsewhere (MySQL's TEXT and BLOB, SQLite's DECIMAL), and
	// stored on the others.
	only []string
}

func limitCases() []limitCase {
	tz := time.FixedZone("x", 5*3600)
	return []limitCase{
		{field: "Small", v: int64(math.MaxInt16)},
		{field: "Small", v: int64(math.MinInt16)},
		{field: "Small", v: int64(math.MaxInt16 + 1), rule: "range"},
		{field: "Small", v: int64(math.MinInt16 - 1), rule: "range"},
		{field: "Int", v: math.MaxInt32},
		{field: "Int", v: math.MinInt32},
		{field: "Int", v: math.MaxInt32 + 1, rule: "range"},
		{field: "Int", v: math.MinInt32 - 1, rule: "range"},
		{field: "Big", v: uint64(math.MaxInt64)},
		{field: "Big", v: uint64(math.MaxInt64 + 1), rule: "range"},
		{field: "BigText", v: "-9223372036854775808"},
		{field: "BigText", v: "-9223372036854775809", rule: "range"},
		{field: "BigText", v: "12.5", rule: "number"},
		{field: "F32", v: float32(math.MaxFloat32)},
		{field: "F32", v: float32(math.SmallestNonzeroFloat32)},
		{field: "F32", v: float32(0.1)},
		{field: "F32", v: float32(math.NaN()), rule: "number"},
		{field: "Float", v: float64(math.MaxFloat32)},
		{field: "Float", v: 0.1, back: float64(float32(0.1))}, // single precision everywhere
		{field: "Float", v: math.MaxFloat32 * 1.000001, rule: "range"},
		{field: "Float", v: 1e-50, rule: "range"},
		{field: "Double", v: math.MaxFloat64},
		{field: "Double", v: -math.SmallestNonzeroFloat64},
		{field: "Double", v: math.Inf(1), rule: "number"},
		{field: "Double", v: math.NaN(), rule: "number"},
		{field: "Dec", v: "99999999.99"},
		{field: "Dec", v: "-99999999.99"},
		{field: "Dec", v: "1.5", back: "1.50"},
		{field: "Dec", v: "100000000", rule: "range"},
		{field: "Dec", v: "123456789012.345", rule: "range"},
		{field: "Dec", v: "1.005", rule: "scale"},
		{field: "Dec", v: "NaN", rule: "number"},
		{field: "Dec", v: "abc", rule: "number"},
		{field: "DecF", v: 99999999.99},
		{field: "DecF", v: 1.005, rule: "scale"},
		{field: "DecF", v: 1e8, rule: "range"},
		{field: "Wide", v: "99999999999999.999999", only: []string{"sqlite"}, rule: "precision"},
		{field: "Wide", v: "999999999.999999"},
		{field: "Wide", v: "100000000000000", rule: "range"},
		{field: "Str", v: "äöü😀x"},
		{field: "Str", v: "äöü😀xy", rule: "len"},
		{field: "Str", v: "a\x00", rule: "text"},
		{field: "Str", v: "\xff", rule: "text"},
		{field: "Ch", v: "abc"},
		{field: "Ch", v: "a  ", back: "a"}, // CHAR drops trailing spaces, on every database
		{field: "Ch", v: "abcd", rule: "len"},
		{field: "Ch", v: "abc ", rule: "len"},
		{field: "Txt", v: strings.Repeat("x", 65535)},
		{field: "Txt", v: strings.Repeat("x", 65536), only: []string{"mysql"}, rule: "len"},
		{field: "Flag", v: true},
		{field: "At", v: time.Date(9999, 12, 31, 23, 59, 59, 999999000, time.UTC)},
		{field: "At", v: time.Date(1, 1, 1, 0, 0, 0, 1000, time.UTC)},
		{field: "At", v: time.Date(2024, 1, 1, 0, 0, 0, 999, tz), back: time.Date(2023, 12, 31, 19, 0, 0, 0, time.UTC)},
		{field: "At", v: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), rule: "range"},
		{field: "At", v: time.Time{}}, // year 1: MySQL is sent 0001-01-01, not 0000-00-00
		{field: "At", v: time.Date(0, 12, 31, 23, 59, 59, 0, time.UTC), rule: "range"},
		{field: "Day", v: time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)},
		{field: "Day", v: time.Date(1, 1, 2, 0, 0, 0, 0, time.UTC)},
		{field: "Day", v: time.Date(2024, 1, 2, 13, 0, 0, 0, time.UTC), rule: "date"},
		{field: "Day", v: time.Date(2024, 1, 2, 0, 0, 0, 0, tz), rule: "date"},
		{field: "Tod", v: "23:59:59"},
		{field: "Tod", v: "24:00:00", rule: "time"},
		{field: "Tod", v: "12:00:00.5", rule: "time"},
		{field: "TodT", v: time.Date(0, 1, 1, 23, 59, 59, 0, time.UTC)},
		{field: "TodT", v: time.Date(2024, 6, 1, 1, 2, 3, 0, tz), back: time.Date(0, 1, 1, 20, 2, 3, 0, time.UTC)},
		{field: "TodT", v: time.Date(0, 1, 1, 1, 2, 3, 4000, time.UTC), rule: "time"},
		{field: "UID", v: "ffffffff-ffff-ffff-ffff-ffffffffffff"},
		{field: "UID", v: "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11", back: "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"},
		{field: "UID", v: "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}", rule: "uuid"},
		{field: "UID", v: "nope", rule: "uuid"},
		{field: "Role", v: "b c"},
		{field: "Role", v: "c", rule: "oneof"},
		{field: "Role", v: "", rule: "oneof"},
		{field: "J", v: `{"b": 1,  "a": [true, null]}`},
		{field: "J", v: "{", rule: "json"},
		{field: "JB", v: `{"a": [1, 2]}`},
		{field: "JB", v: `{"a": "\u0000"}`, rule: "json"},
		{field: "Blob", v: make([]byte, 65535)},
		{field: "Blob", v: make([]byte, 65536), only: []string{"mysql"}, rule: "len"},
	}
}

// Every column type strata maps takes a value at its limit and refuses
// one just past it, through every write path, with the same outcome on
// every database: stored and read back exactly, or refused before any SQL
// with a *ValidationError naming the field, its rule and the same message
// (issue 12, defect 5). Where a type holds less on one database (MySQL's
// TEXT and BLOB, SQLite's DECIMAL) it is refused there the same way, and
// stored elsewhere.
func TestValueLimits(t *testing.T) {
	cases := limitCases()
	outcomes := map[string][]string{} // dialect → one outcome per case and path
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := on(t, tg, Limits{})
		ok(t, db.Sync(ctx))
		name := tg.Dialect.Name()
		for i, c := range cases {
			want := c.rule
			if c.only != nil && !slices.Contains(c.only, name) {
				want = ""
			}
			back := c.v
			if c.back != nil {
				back = c.back
			}
			for _, path := range []string{"Create", "Update", "BulkCreate", "Query.Update", "Upsert", "Save"} {
				tag := fmt.Sprintf("%d-%s", i, path)
				err := writeLimit(t, db, path, tag, c)
				got := ""
				if err == nil {
					row := must(strata.Find[Limits](db).Where(strata.Eq("tag", tag)).One(ctx))(t)
					got = fmt.Sprintf("stored %s", show(reflect.ValueOf(row).Elem().FieldByName(c.field).Interface()))
					if want != "" {
						t.Errorf("%s %s = %s: stored, want refused by %q", path, c.field, show(c.v), want)
					} else if stored := reflect.ValueOf(row).Elem().FieldByName(c.field).Interface(); !cmp.Equal(stored, back) {
						t.Errorf("%s %s = %s: read back %s, want %s", path, c.field, show(c.v), show(stored), show(back))
					}
				} else {
					var ve *strata.ValidationError
					fe := []strata.FieldError(nil)
					if errors.As(err, &ve) {
						fe = ve.Field(c.field)
					}
					if len(fe) != 1 || fe[0].Rule != want || want == "" {
						t.Errorf("%s %s = %s: %v, want refused by %q", path, c.field, show(c.v), err, want)
						continue
					}
					got = fmt.Sprintf("refused: %s", fe[0].Error())
					if n := must(strata.Find[Limits](db).Where(strata.Like("tag", fmt.Sprintf("%d-%s%%", i, path))).Count(ctx))(t); n != 0 && path != "Update" && path != "Query.Update" && path != "Save" {
						t.Errorf("%s %s = %s: refused, but %d rows written", path, c.field, show(c.v), n)
					}
				}
				if c.only == nil {
					outcomes[name] = append(outcomes[name], fmt.Sprintf("%s %s = %s: %s", path, c.field, show(c.v), got))
				}
			}
		}
	})
	var first string
	for name, got := range outcomes {
		if first == "" {
			first = name
			continue
		}
		if diff := cmp.Diff(got, outcomes[first]); diff != "" {
			t.Errorf("%s and %s differ (-%s +%s):\n%s", name, first, name, first, diff)
		}
	}
}

// writeLimit writes a row tagged tag whose field c.field holds c.v by one
// write path; the updating paths first create it with valid values, and
// an update that is refused leaves it as it was.
func writeLimit(t *testing.T, db *strata.DB, path, tag string, c limitCase) error {
	t.Helper()
	ctx := testCtx(t)
	row := limitsRow(tag)
	set := func(r *Limits) { reflect.ValueOf(r).Elem().FieldByName(c.field).Set(reflect.ValueOf(c.v)) }
	switch path {
	case "Create":
		set(&row)
		return strata.Create(ctx, db, &row)
	case "BulkCreate":
		other := limitsRow(tag + "-other")
		set(&row)
		return strata.BulkCreate(ctx, db, []Limits{other, row})
	case "Upsert":
		set(&row)
		return strata.Upsert(ctx, db, &row, strata.OnConflict("tag"))
	}
	ok(t, strata.Create(ctx, db, &row))
	before := *must(strata.Find[Limits](db).ByPK(ctx, row.ID))(t)
	var err error
	switch path {
	case "Update":
		set(&row)
		err = strata.Update(ctx, db, &row, c.field)
	case "Save":
		set(&row)
		err = strata.Save(ctx, db, &row)
	case "Query.Update":
		_, err = strata.Find[Limits](db).Where(strata.Eq("id", row.ID)).Update(ctx, strata.Fields{c.field: c.v})
	}
	if err != nil {
		after := must(strata.Find[Limits](db).ByPK(ctx, row.ID))(t)
		if got, want := reflect.ValueOf(after).Elem().FieldByName(c.field).Interface(), reflect.ValueOf(before).FieldByName(c.field).Interface(); !cmp.Equal(got, want) {
			t.Errorf("%s %s refused, but the row changed to %s", path, c.field, show(got))
		}
	}
	return err
}

// show abbreviates a value for a message.
func show(v any) string {
	s := fmt.Sprintf("%#v", v)
	if b, ok := v.([]byte); ok {
		s = fmt.Sprintf("%d bytes", len(b))
	}
	if len(s) > 60 {
		s = fmt.Sprintf("%s… (%d bytes)", s[:40], len(s))
	}
	return s
}
