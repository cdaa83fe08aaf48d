package cli

import (
	"strings"
	"testing"

	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
)

// TestModelImportMore: model:import --tables run again for another table
// adds its model to the package: the first import's models.go is not a
// reason to stop, and All keeps the models imported before.
func TestModelImportMore(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		tg.Exec(t, "CREATE TABLE authors (id INTEGER PRIMARY KEY, name VARCHAR(50))")
		tg.Exec(t, "CREATE TABLE tags (id INTEGER PRIMARY KEY, label VARCHAR(50))")
		p := newProject(t)
		p.ok("init")
		p.ok("model:import", "--url", tg.URL, "--tables", "authors")
		r := p.run("model:import", "--url", tg.URL, "--tables", "tags")
		if r.code != 0 {
			t.Fatalf("a second model:import --tables: %s", r)
		}
		all := p.read("models/models.go")
		if !strings.Contains(all, "Author{}") || !strings.Contains(all, "Tag{}") {
			t.Errorf("All after two imports:\n%s", all)
		}
		if !strings.Contains(p.read("models/author.go"), "type Author struct") || !strings.Contains(p.read("models/tag.go"), "type Tag struct") {
			t.Errorf("the model files of both imports are not there")
		}
	})
}
