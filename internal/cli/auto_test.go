package cli

import (
	"slices"
	"testing"

	"github.com/strata-orm/strata/schemadiff"
)

// TestParseRenames: --rename values for a table, a column, and a column
// whose new name repeats the table (users.name:users.fullName, as the
// suggestion prints the new column); malformed ones are refused.
func TestParseRenames(t *testing.T) {
	got, err := parseRenames([]string{"products:items", "users.name:fullName", "users.age:users.years"})
	if err != nil {
		t.Fatal(err)
	}
	want := []schemadiff.Rename{{From: "products", To: "items"}, {Table: "users", From: "name", To: "fullName"}, {Table: "users", From: "age", To: "years"}}
	if !slices.Equal(got, want) {
		t.Errorf("parseRenames = %v, want %v", got, want)
	}
	for _, bad := range []string{"users.name", ":x", "x:"} {
		if _, err := parseRenames([]string{bad}); err == nil {
			t.Errorf("parseRenames(%q) accepted", bad)
		}
	}
}
