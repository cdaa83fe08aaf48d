package pgdialect_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect/pgdialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/schema"
)

func TestNormalizeExpr(t *testing.T) {
	tests := []struct {
		name string
		in   []string // as a migration writes it, then as PostgreSQL 15 prints it back
		want string
	}{
		{"cast and parentheses", []string{`"total" >= 0`, `(total >= (0)::numeric)`}, `total >= 0`},
		{"quoted identifiers keep their case",
			[]string{`"lastName" <> 'a' and "firstName" is null`, `(("lastName" <> 'a'::text) AND ("firstName" IS NULL))`},
			`"lastName" <> 'a' AND "firstName" IS NULL`},
		{"IN, LIKE and BETWEEN as PostgreSQL rewrites them",
			[]string{`a in (1,2) and h like 'x%' or b between 1 and 5`,
				`(((a = ANY (ARRAY[1, 2])) AND ((h)::text ~~ 'x%'::text)) OR ((b >= 1) AND (b <= 5)))`},
			`a IN (1, 2) AND h ~~ 'x%' OR b >= 1 AND b <= 5`},
		{"IN over strings",
			[]string{`h IN ('a', 'b')`, `((h)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))`},
			`h IN ('a', 'b')`},
		{"NOT IN", []string{`h not in ('a','b')`, `((h)::text <> ALL ((ARRAY['a'::character varying, 'b'::character varying])::text[]))`},
			`h NOT IN ('a', 'b')`},
		{"one-element IN", []string{`a IN (1)`, `(a = 1)`}, `a = 1`},
		{"NOT BETWEEN", []string{`a NOT BETWEEN 1 AND 5`, `((a < 1) OR (a > 5))`}, `a < 1 OR a > 5`},
		{"negative constants and NOT",
			[]string{`length(h) > -1 and not (a = 1)`, `((length((h)::text) > '-1'::integer) AND (NOT (a = 1)))`},
			`length(h) > -1 AND a <> 1`},
		{"!=, COALESCE and AND chains",
			[]string{`f != 2 and coalesce(a,0) > 0 and a is not null`,
				`((f <> (2)::double precision) AND (COALESCE(a, 0) > 0) AND (a IS NOT NULL))`},
			`f <> 2 AND coalesce(a, 0) > 0 AND a IS NOT NULL`},
		{"NOT LIKE", []string{`name NOT LIKE 'x%'`, `((name)::text !~~ 'x%'::text)`}, `name !~~ 'x%'`},
		{"ILIKE", []string{`name ILIKE 'x%'`, `((name)::text ~~* 'x%'::text)`}, `name ~~* 'x%'`},
		{"typed constant", []string{`created > now() - interval '1 day'`, `(created > (now() - '1 day'::interval))`}, `created > now() - '1 day'`},
		{"CAST", []string{`CAST(a AS bigint) > 0`, `((a)::bigint > 0)`}, `a > 0`},
		{"arithmetic keeps needed parentheses", []string{`(a + b) * c > 0`, `(((a + b) * c) > 0)`}, `(a + b) * c > 0`},
		{"arithmetic drops redundant parentheses", []string{`a + (b * c) > 0`, `((a + (b * c)) > 0)`}, `a + b * c > 0`},
		{"subtraction is not associative", []string{`a - (b - c) > 0`}, `a - (b - c) > 0`},
		{"left-nested subtraction", []string{`(a - b) - c > 0`, `a - b - c > 0`}, `a - b - c > 0`},
		{"OR under AND", []string{`(a OR b) AND c`, `((a OR b) AND c)`}, `(a OR b) AND c`},
		{"NOT over a comparison", []string{`NOT a < 1`, `(NOT (a < 1))`}, `NOT a < 1`},
		{"NOT over AND", []string{`NOT (a AND b)`, `(NOT (a AND b))`}, `NOT (a AND b)`},
		{"nested AND flattened", []string{`a AND (b AND c)`, `(a AND b AND c)`, `((a AND b) AND c)`}, `a AND b AND c`},
		{"IS DISTINCT FROM", []string{`a IS DISTINCT FROM b`, `(a IS DISTINCT FROM b)`}, `a IS DISTINCT FROM b`},
		{"ISNULL", []string{`a ISNULL`, `a IS NULL`, `(a IS NULL)`}, `a IS NULL`},
		{"CASE", []string{`CASE WHEN a > 0 THEN 'x' ELSE 'y' END = 'x'`,
			`(CASE WHEN (a > 0) THEN 'x'::text ELSE 'y'::text END = 'x'::text)`},
			`CASE WHEN a > 0 THEN 'x' ELSE 'y' END = 'x'`},
		{"string constants", []string{`s = 'it''s'`, `((s)::text = 'it''s'::text)`, `s = E'it\'s'`}, `s = 'it''s'`},
		{"keyword as a column name", []string{`"order" > 0`, `("order" > 0)`}, `"order" > 0`},
		{"unquoted names fold to lower case", []string{`Total > 0`, `total > 0`, `"total" > 0`}, `total > 0`},
		{"array subscript", []string{`tags[1] = 'a'`, `((tags[1])::text = 'a'::text)`}, `tags[1] = 'a'`},
		{"whitespace and comments", []string{"a  >\n\t0 -- positive", "a /* x */ > 0"}, `a > 0`},
		{"a subquery falls back to tokens",
			[]string{`EXISTS (SELECT 1 FROM t WHERE t.x = y::int)`, `exists ( select 1 from t where t.x = y )`},
			`EXISTS (SELECT 1 FROM t WHERE t.x = y)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, in := range tt.in {
				got := pgdialect.NormalizeExpr(in)
				if diff := cmp.Diff(got, tt.want); diff != "" {
					t.Errorf("NormalizeExpr(%q) (-got +want):\n%s", in, diff)
				}
				if again := pgdialect.NormalizeExpr(got); again != got {
					t.Errorf("NormalizeExpr is not idempotent on %q: %q", got, again)
				}
			}
		})
	}
}

// TestExprRoundTrip adds check constraints and partial indexes to a live
// table and compares what PostgreSQL reads back with the offline schema, in
// canonical form: NormalizeExpr must bring both to the same text.
func TestExprRoundTrip(t *testing.T) {
	d := pgdialect.New()
	tg := dialecttest.Fresh(t, d, serverURL(t))
	cur := &schema.Database{}
	tg.Apply(t, cur, ddl.CreateTable("items",
		ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
		ddl.Column("name", schema.String(40)).NotNull(),
		ddl.Column("qty", schema.Integer()),
		ddl.Column("price", schema.Decimal(10, 2)),
		ddl.Column("ratio", schema.Double()),
		ddl.Column("sold", schema.Date()),
		ddl.Column("tags", schema.Array(schema.Text())),
		ddl.Column("state", schema.Enum("new", "old")),
		ddl.Column("Flag", schema.Boolean()),
	))
	exprs := []string{
		`"price" >= 0`,
		`qty BETWEEN 1 AND 100`,
		`qty NOT BETWEEN 200 AND 300`,
		`name IN ('a', 'b', 'c')`,
		`name NOT IN ('x')`,
		`name LIKE 'a%' OR name ILIKE 'b%'`,
		`length(name) > -1 AND NOT (qty = 1)`,
		`ratio != 2.5 AND coalesce(qty, 0) > 0`,
		`(qty + 1) * 2 < 1000`,
		`sold > now() - interval '1 day' OR sold IS NULL`,
		`tags[1] <> 'x'`,
		`state IN ('new')`,
		`"Flag" IS NOT TRUE OR price * qty > 10`,
		`CASE WHEN qty > 10 THEN price < 100 ELSE true END`,
	}
	for i, e := range exprs {
		tg.Apply(t, cur, ddl.AddCheck("items", fmt.Sprintf("items_check_%d", i), e))
	}
	for i, e := range []string{`"price" > 0`, `name LIKE 'a%' AND qty IS NOT NULL`, `state = 'new'`} {
		tg.Apply(t, cur, ddl.AddIndex("items", "qty").Named(fmt.Sprintf("items_partial_%d", i)).Partial(e))
	}
	tg.Compare(t, cur, "after adding checks and partial indexes")
}

// FuzzNormalizeExpr checks that any input normalizes without a panic, and
// that the normal form is stable.
func FuzzNormalizeExpr(f *testing.F) {
	for _, s := range []string{`"total" >= 0`, `(total >= (0)::numeric)`, `a IN (1, 2) AND b LIKE 'x%'`,
		`CASE WHEN a THEN 1 END`, `x::timestamp(6) with time zone`, `NOT a BETWEEN 1 AND 2`, `E'a\'b'`,
		`"a""b" <> ALL (ARRAY['x'])`, `-(-a) ^ 2`, `f(*)`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := pgdialect.NormalizeExpr(s)
		if again := pgdialect.NormalizeExpr(got); again != got {
			t.Errorf("NormalizeExpr(%q) = %q, but NormalizeExpr of that = %q", s, got, again)
		}
	})
}
