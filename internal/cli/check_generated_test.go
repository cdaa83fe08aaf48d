package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
)

// TestCheckAfterModelGenerate: the first steps of a project (init,
// model:generate, db:migrate) leave db:check clean on every dialect: the
// model and the migration model:generate writes agree, and so does the
// database they build.
func TestCheckAfterModelGenerate(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a project: skipped with -short")
	}
	p := newProject(t)
	p.ok("init")
	p.ok("model:generate", "--name", "user", "--attributes", "firstName:string,age:integer,active:boolean,bio:text")
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		parent := p.t
		p.t = t
		defer func() { p.t = parent }()
		p.ok("db:migrate", "--url", tg.URL)
		if r := p.run("db:check", "--url", tg.URL); r.code != 0 {
			t.Errorf("db:check after model:generate and db:migrate: %s", r)
		}
	})
	// A model whose key and timestamps come from a base struct it embeds:
	// the base is no table, the model is one, and --auto writes it.
	p.write("models/base.go", "package models\n\nimport \"time\"\n\n// Base is what the models embed.\ntype Base struct {\n\tID        int\n\tCreatedAt time.Time\n\tUpdatedAt time.Time\n}\n")
	p.write("models/note.go", "package models\n\n// Note embeds Base.\ntype Note struct {\n\tBase\n\tText *string\n}\n")
	p.now = p.now.Add(time.Minute)
	r := p.ok("migration:generate", "--auto", "--name", "notes")
	contains(t, "--auto", r.stdout, "add table notes\n")
	if strings.Contains(r.stdout, "bases") {
		t.Errorf("--auto took the base struct for a model: %s", r)
	}
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		parent := p.t
		p.t = t
		defer func() { p.t = parent }()
		p.ok("db:migrate", "--url", tg.URL)
		if r := p.run("db:check", "--url", tg.URL); r.code != 0 {
			t.Errorf("db:check after --auto for the embedding model: %s", r)
		}
	})
}
