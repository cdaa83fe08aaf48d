package query_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/internal/query"
)

// ranged is a column set whose "n" holds 0 to 9 and whose "u" holds the
// strings "a" and "b" only (as a model's INTEGER and ENUM would).
type ranged struct{ cols }

func (ranged) Operand(col string, v any) (any, query.Place, error) {
	switch col {
	case "n":
		n, ok := v.(int)
		switch {
		case !ok:
			return nil, query.Inside, &query.ValueError{Column: col, Value: v, Why: "not a number"}
		case n < 0:
			return nil, query.Below, nil
		case n > 9:
			return nil, query.Above, nil
		}
	case "u":
		if v != "a" && v != "b" {
			return nil, query.Apart, nil
		}
	}
	return v, query.Inside, nil
}

// A comparison with a value the column cannot hold is answered without
// the database, the way a database that compares it would answer: never
// a broader query, and NULL stays NULL under a Not.
func TestOperandsSettleComparisons(t *testing.T) {
	c := ranged{cols{"n": "n", "u": "u", "x": "x"}}
	tests := []struct {
		name string
		cond query.Cond
		want string
	}{
		{"eq inside", query.Eq("n", 5), `"n" = $1`},
		{"eq above", query.Eq("n", 10), `1 = 0`},
		{"ne above", query.Ne("n", 10), `"n" IS NOT NULL`},
		{"gt above", query.Gt("n", 10), `1 = 0`},
		{"gte below", query.Gte("n", -1), `"n" IS NOT NULL`},
		{"lt above", query.Lt("n", 10), `"n" IS NOT NULL`},
		{"lte below", query.Lte("n", -1), `1 = 0`},
		{"in drops what does not fit", query.In("n", []int{1, 10, -1, 2}), `"n" IN ($1, $2)`},
		{"in of nothing that fits", query.In("n", []int{10}), `1 = 0`},
		{"not in of nothing that fits", query.NotIn("n", []int{10}), `"n" IS NOT NULL`},
		{"between above", query.Between("n", 10, 20), `1 = 0`},
		{"between below and above", query.Between("n", -5, 20), `"n" IS NOT NULL`},
		{"between from below", query.Between("n", -5, 3), `"n" <= $1`},
		{"between to above", query.Between("n", 3, 20), `"n" >= $1`},
		{"not between to above", query.NotBetween("n", 3, 20), `"n" < $1`},
		{"not between above", query.NotBetween("n", 10, 20), `"n" IS NOT NULL`},
		{"not eq above", query.Not(query.Eq("n", 10)), `NOT ("n" <> "n")`},
		{"not ne above", query.Not(query.Ne("n", 10)), `NOT ("n" = "n")`},
		{"apart", query.Eq("u", "c"), `1 = 0`},
		{"fields", query.Fields{"n": 10, "x": 1}, `(1 = 0 AND "x" = $1)`},
		{"other columns as they are", query.Eq("x", 10), `"x" = $1`},
	}
	d := dialects[0]
	for _, tt := range tests {
		b := query.NewBuilder(d, &d.feat)
		if err := tt.cond.Build(b, c); err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if diff := cmp.Diff(b.SQL(), tt.want); diff != "" {
			t.Errorf("%s (-got +want):\n%s", tt.name, diff)
		}
	}
	for _, cond := range []query.Cond{query.Eq("n", "x"), query.Gt("u", "c"), query.Between("u", "a", "c")} {
		b := query.NewBuilder(d, &d.feat)
		if err := cond.Build(b, c); !errors.Is(err, query.ErrValue) {
			t.Errorf("%#v: error %v, want one matching ErrValue", cond, err)
		}
	}
}

func (ranged) IntRange(col string) (lo, hi int64, ok bool) { return 0, 9, col == "n" }

// Where every integer column holds 64 bits (SQLite), col = col + n checks
// the column's range in SQL; elsewhere the database does.
func TestAddChecksRangeWhereTheDatabaseDoesNot(t *testing.T) {
	c := ranged{cols{"n": "n", "x": "x"}}
	up := &query.Update{Table: "t", Set: []query.Assign{{Column: "n", Value: 1, Add: true}, {Column: "x", Value: 2, Add: true}}}
	d := dialects[0]
	for _, wide := range []bool{false, true} {
		f := d.feat
		if wide {
			f.IntOverflow = "abs(-9223372036854775807 - 1)"
		}
		b := query.NewBuilder(d, &f)
		if err := up.Build(b, c); err != nil {
			t.Fatal(err)
		}
		want := `UPDATE "t" SET "n" = "n" + $1, "x" = "x" + $2`
		if wide {
			want = `UPDATE "t" SET "n" = CASE WHEN "n" IS NULL OR "n" + $1 BETWEEN 0 AND 9 THEN "n" + $2 ELSE abs(-9223372036854775807 - 1) END, "x" = "x" + $3`
		}
		if diff := cmp.Diff(b.SQL(), want); diff != "" {
			t.Errorf("wide %v (-got +want):\n%s", wide, diff)
		}
	}
}
