package query_test

import (
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/internal/query"
)

// namedDialect writes placeholders as @p1, @p2 …, a style Builder has no
// shortcut for.
type namedDialect struct{ fakeDialect }

func (namedDialect) Placeholder(n int) string { return "@p" + strconv.Itoa(n) }

// A pooled builder remembers quoted names and the placeholder style across
// Reset; what it writes is what the dialect's Quote and Placeholder say.
func TestBuilderReuse(t *testing.T) {
	tests := []struct {
		name string
		b    *query.Builder
		want string
	}{
		{"postgres", query.NewBuilder(fakeDialect{name: "postgres"}, nil),
			`"a""b"."c" = $1 $2 $3 $4 $5 $6 $7 $8 $9 $10 $11, "c"`},
		{"mysql", query.NewBuilder(fakeDialect{name: "mysql"}, nil),
			"`a\"b`.`c` = ? ? ? ? ? ? ? ? ? ? ?, `c`"},
		{"other", query.NewBuilder(namedDialect{fakeDialect{name: "other"}}, nil),
			`"a""b"."c" = @p1 @p2 @p3 @p4 @p5 @p6 @p7 @p8 @p9 @p10 @p11, "c"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for round := range 2 {
				b := tt.b
				b.Column(query.Col{Table: `a"b`, Column: "c"}).S(" =")
				for i := range 11 {
					b.S(" ").Bind(i)
				}
				b.S(", ").Idents([]string{"c"})
				if diff := cmp.Diff(b.SQL(), tt.want); diff != "" {
					t.Errorf("round %d (-got +want):\n%s", round, diff)
				}
				if len(b.Args) != 11 {
					t.Errorf("round %d: %d args", round, len(b.Args))
				}
				b.Reset()
			}
		})
	}
}
