package schema_test

import (
	"slices"
	"testing"

	"github.com/strata-orm/strata/schema"
)

// TestIndexLengths: a missing length is 0 (the whole column), canonical
// lengths are one per key or nil, and an index on a prefix of a column
// does not serve a search by that column (MySQL keeps a foreign key's own
// index then).
func TestIndexLengths(t *testing.T) {
	x := schema.Index{Name: "p", Columns: []string{"code", "title", "at"}, Lengths: []int{0, 20}}
	if got := x.CanonicalLengths(); !slices.Equal(got, []int{0, 20, 0}) {
		t.Errorf("CanonicalLengths = %v, want [0 20 0]", got)
	}
	if got := (schema.Index{Columns: []string{"a"}, Lengths: []int{0}}).CanonicalLengths(); got != nil {
		t.Errorf("CanonicalLengths of no prefix = %v, want nil", got)
	}
	if !x.SameLengths(schema.Index{Lengths: []int{0, 20, 0}}) || x.SameLengths(schema.Index{}) {
		t.Error("SameLengths: [0 20] is [0 20 0] and not none")
	}
	tb := &schema.Table{Name: "t", Indexes: []schema.Index{x}}
	for _, tc := range []struct {
		cols []string
		want bool
	}{{[]string{"code"}, true}, {[]string{"code", "title"}, false}, {[]string{"title"}, false}} {
		if got := tb.Indexed(tc.cols); got != tc.want {
			t.Errorf("Indexed(%v) = %v, want %v", tc.cols, got, tc.want)
		}
	}
}
