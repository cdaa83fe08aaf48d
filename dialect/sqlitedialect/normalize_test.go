package sqlitedialect_test

import (
	"testing"

	"github.com/strata-orm/strata/dialect/sqlitedialect"
)

func TestNormalizeExpr(t *testing.T) {
	tests := []struct{ in, want string }{
		{`"rank" > 0`, `rank > 0`},
		{`rank>0`, `rank > 0`},
		{`(("rank" > 0))`, `rank > 0`},
		{"  \"total\"\n\t>= 0 -- non-negative", `total >= 0`},
		{`"state" in ('open','paid')`, `state IN ('open', 'paid')`},
		{`"order" is not null and "first name" <> ''`, `"order" IS NOT NULL AND "first name" != ''`},
		{`a == b`, `a = b`},
		{`lower ( "email" ) like '%@x'`, `LOWER(email) LIKE '%@x'`},
		{`(a > 0) and (b < 0)`, `(a > 0) AND (b < 0)`},
		{`-1 < x and x < - 2`, `-1 < x AND x < -2`},
		{`x - -1`, `x - -1`},
		{`t.col = "t"."col"`, `t.col = t.col`},
		{`[rank] > 0 AND ` + "`rank`" + ` < 9`, `rank > 0 AND rank < 9`},
		{`'Keep  Case' = Name`, `'Keep  Case' = Name`},
		{`case when a then 1 else 0 end`, `CASE WHEN a THEN 1 ELSE 0 END`},
		{`"it""s" > 0`, `"it""s" > 0`},
		{`'unterminated  x`, `'unterminated x`},
	}
	for _, tt := range tests {
		got := sqlitedialect.NormalizeExpr(tt.in)
		if got != tt.want {
			t.Errorf("NormalizeExpr(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if again := sqlitedialect.NormalizeExpr(got); again != got {
			t.Errorf("NormalizeExpr is not stable on %q: %q then %q", tt.in, got, again)
		}
	}
	// SQLite's own rewrite of a renamed column and the offline rename
	// normalise to the same text.
	if a, b := sqlitedialect.NormalizeExpr(`"position" > 0 AND "position" < 10`), sqlitedialect.NormalizeExpr(`"position" > 0 AND position < 10`); a != b {
		t.Errorf("%q != %q", a, b)
	}
}
