package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
)

// TestModelImportFromSequelize: model:import --from-sequelize converts a
// Sequelize project's models folder (define, class + init and
// sequelize-typescript files, index.js not run) into the project's Go
// models, which build: migration:generate --auto writes their tables,
// db:migrate applies them and db:check finds the models and the database
// agreeing on every dialect. A second import stops on the files it wrote
// unless --force.
func TestModelImportFromSequelize(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a project: skipped with -short")
	}
	from, err := filepath.Abs("../../gen/testdata/sequelize/models")
	if err != nil {
		t.Fatal(err)
	}
	p := newProject(t)
	p.ok("init")
	r := p.ok("model:import", "--from-sequelize", from)
	contains(t, "model:import --from-sequelize", r.stdout,
		"models/user.go\n", "models/product_tag.go\n",
		"association Order.Products belongsToMany\n", "association Review.Product belongsTo\n",
		"Imported 8 models with 12 associations from ")
	user := p.read("models/user.go")
	for _, want := range []string{"type User struct", "`strata:\",notnull,unique\" json:\"email\" validate:\"email\"`",
		"a.HasMany(Order{}, strata.ForeignKey(\"UserID\"), strata.OnDelete(schema.Cascade))", "TODO(model:import): hooks beforeCreate (user.js:12):"} {
		if !strings.Contains(user, want) {
			t.Errorf("models/user.go lacks %s:\n%s", want, user)
		}
	}
	p.fails([]string{"model:import", "--from-sequelize", from}, "already exists", "--force")
	p.ok("model:import", "--from-sequelize", from, "--force")
	p.fails([]string{"model:import", "--from-sequelize", filepath.Join(from, "nope")}, "no such folder")
	p.fails([]string{"model:import", "--from-sequelize", from, "--tables", "users"}, "--tables chooses a database's tables")
	p.ok("migration:generate", "--auto", "--name", "from-sequelize")
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		parent := p.t
		p.t = t
		defer func() { p.t = parent }()
		p.ok("db:migrate", "--url", tg.URL)
		if r := p.run("db:check", "--url", tg.URL); r.code != 0 {
			t.Errorf("db:check after model:import --from-sequelize: %s", r)
		}
	})
}
