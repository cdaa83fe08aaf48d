package sequelizecompat_test

import (
	"strings"
	"testing"

	"github.com/strata-orm/strata/schema"
)

func TestCatalogDiff(t *testing.T) {
	want := &schema.Database{Tables: []schema.Table{
		{Name: "teams", Columns: []schema.Column{{Name: "id", Type: schema.Integer(), NotNull: true}, {Name: "name", Type: schema.String(255)}}, PrimaryKey: []string{"id"}},
		{Name: "users", Columns: []schema.Column{{Name: "id", Type: schema.Integer()}}, Indexes: []schema.Index{{Name: "users_id", Columns: []string{"id"}}}},
	}}
	if d := catalogDiff(want, want); len(d) != 0 {
		t.Fatalf("a catalog differs from itself: %v", d)
	}
	got := &schema.Database{Tables: []schema.Table{
		{Name: "teams", Columns: []schema.Column{{Name: "id", Type: schema.Integer(), NotNull: true}, {Name: "name", Type: schema.String(100)}}, PrimaryKey: []string{"id"}},
		{Name: "events"},
	}}
	lines := strings.Join(catalogDiff(want, got), "\n")
	for _, w := range []string{
		"table events: strata made it, sequelize-cli did not",
		"table users: sequelize-cli made it, strata did not",
		"teams column name (-sequelize-cli +strata)",
	} {
		if !strings.Contains(lines, w) {
			t.Errorf("the difference lacks %q:\n%s", w, lines)
		}
	}
}
