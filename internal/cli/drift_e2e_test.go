package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
)

// driftTarget is one database of the drift test, with what it needs.
type driftTarget struct {
	name string
	tg   *dialecttest.Target
}

// schemaJSON is the live schema of a database, canonical, as JSON: equal
// texts are equal schemas.
func schemaJSON(t *testing.T, tg *dialecttest.Target) string {
	t.Helper()
	s, err := tg.Dialect.Inspect(context.Background(), tg.DB, "SequelizeMeta", "SequelizeData")
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.MarshalIndent(tg.Dialect.Canonical(s), "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// copyDir copies the .go files of the repository folder src into the
// project's folder dst.
func (p *project) copyDir(src, dst string) {
	p.t.Helper()
	entries, err := os.ReadDir(src)
	if err != nil {
		p.t.Fatal(err)
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			p.t.Fatal(err)
		}
		p.write(filepath.Join(dst, e.Name()), string(b))
	}
}

// edit replaces old with new in a project file, failing when old is not there.
func (p *project) edit(rel, old, new string) {
	p.t.Helper()
	s := p.read(rel)
	if !strings.Contains(s, old) {
		p.t.Fatalf("%s has no %q", rel, old)
	}
	p.write(rel, strings.Replace(s, old, new, 1))
}

// TestDriftOnTheShop is issue 16's done-when on the seed's shop, through
// the CLI, on every dialect: removing a column from a model, adding an
// association, adding a belongsToMany, each makes db:check report it and
// migration:generate --auto write the migration that fixes it; applying it
// makes db:check clean; undoing it restores the schema; a second --auto
// writes nothing.
func TestDriftOnTheShop(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a project: skipped with -short")
	}
	p := newProject(t)
	p.ok("init")
	p.copyDir("../../examples/shop/models", "models")
	p.copyDir("../../examples/shop/migrations", "migrations")
	var dbs []driftTarget
	for _, s := range dbtest.Servers() {
		if s.Dialect.Name() != "sqlite" && s.URL == "" {
			t.Logf("%s skipped: no server URL", s.Dialect.Name())
			continue
		}
		dbs = append(dbs, driftTarget{s.Dialect.Name(), dialecttest.Fresh(t, s.Dialect, s.URL)})
	}
	each := func(t *testing.T, f func(t *testing.T, d driftTarget, url []string)) {
		for _, d := range dbs {
			t.Run(d.name, func(t *testing.T) {
				parent := p.t
				p.t = t // p's failures are this subtest's
				defer func() { p.t = parent }()
				f(t, d, []string{"--url", d.tg.URL})
			})
		}
	}
	each(t, func(t *testing.T, d driftTarget, url []string) {
		p.ok(append([]string{"db:migrate"}, url...)...)
		r := p.run(append([]string{"db:check"}, url...)...)
		if r.code != 0 {
			t.Fatalf("db:check on the shop as the seed builds it: %s", r)
		}
		contains(t, "db:check", r.stdout, "agree")
	})
	// With no database, the models against the history alone, as JSON.
	r := p.run("db:check", "--offline", "--json")
	var rep struct {
		Differences []any
		Notes       []string
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || r.code != 0 || len(rep.Differences) != 0 {
		t.Fatalf("db:check --offline --json: %v: %s", err, r)
	}
	// db:diagram draws the models as docs/diagram/shop.mmd shows them.
	want, err := os.ReadFile("../../docs/diagram/shop.mmd")
	if err != nil {
		t.Fatal(err)
	}
	if r := p.ok("db:diagram"); !strings.HasSuffix(r.stdout, string(want)) {
		t.Errorf("db:diagram of the shop's models:\n%s\nwant docs/diagram/shop.mmd:\n%s", r.stdout, want)
	}
	p.ok("db:diagram", "--format", "dot", "--out", "shop.dot")
	if dot, err := os.ReadFile("../../docs/diagram/shop.dot"); err != nil || p.read("shop.dot") != string(dot) {
		t.Errorf("db:diagram --format dot --out: %s, want docs/diagram/shop.dot (%v)", p.read("shop.dot"), err)
	}
	steps := []struct {
		name  string
		edit  func()
		check []string // what db:check says
		mig   []string // what the written migration holds
	}{
		{"remove-age", func() {
			p.edit("models/user.go", "\tAge       *int      `json:\"age\" validate:\"min=0,max=150\"`\n", "")
		}, []string{"drop column users.age", "add a field for column age to model User"},
			[]string{`ddl.RemoveColumn("users", "age")`, `ddl.AddColumn("users"`}},
		{"add-product-user", func() {
			p.edit("models/product.go", "\tOrders []Order", "\tUserID *int  `json:\"userId\"`\n\tUser   *User `json:\"user,omitempty\"`\n\tOrders []Order")
			p.edit("models/product.go", "\ta.BelongsToMany(Order{}", "\ta.BelongsTo(User{})\n\ta.BelongsToMany(Order{}")
		}, []string{"add column products.userId", "Product.User"},
			[]string{`ddl.AddColumn("products", ddl.Column("userId", schema.Integer()).References("users", "id").OnDelete(schema.SetNull).OnUpdate(schema.Cascade))`,
				`ddl.RemoveColumn("products", "userId")`}},
		{"add-favorites", func() {
			p.edit("models/user.go", "\tOrders []Order", "\tFavorites []Product `json:\"favorites,omitzero\"`\n\tOrders []Order")
			p.edit("models/user.go", "\ta.HasMany(Order{}", "\ta.BelongsToMany(Product{}, strata.As(\"Favorites\"), strata.Through(\"favorites\"))\n\ta.HasMany(Order{}")
		}, []string{"add table favorites", "User.Favorites"},
			[]string{`ddl.CreateTable("favorites"`, `ddl.DropTable("favorites")`}},
	}
	// A renamed field looks like a dropped and an added column: --auto
	// writes nothing until the rename is confirmed, then a RenameColumn.
	t.Run("rename", func(t *testing.T) {
		parent := p.t
		p.t = t
		defer func() { p.t = parent }()
		p.edit("models/user.go", "\tFirstName *string   `json:\"firstName\"", "\tGivenName *string   `json:\"givenName\"")
		p.now = p.now.Add(time.Minute)
		p.fails([]string{"migration:generate", "--auto", "--name", "rename-first-name"}, "column users.firstName looks renamed to users.givenName",
			"--rename users.firstName:givenName", "--not-renamed users.firstName")
		if got := p.glob("migrations/*-rename-first-name.go"); len(got) != 0 {
			t.Fatalf("--auto wrote %v before the rename was confirmed", got)
		}
		p.ok("migration:generate", "--auto", "--name", "rename-first-name", "--rename", "users.firstName:givenName")
		files := p.glob("migrations/*-rename-first-name.go")
		if len(files) != 1 {
			t.Fatalf("--auto --rename wrote %v", files)
		}
		contains(t, "the rename migration", p.read(filepath.Join("migrations", filepath.Base(files[0]))),
			`ddl.RenameColumn("users", "firstName", "givenName")`, `ddl.RenameColumn("users", "givenName", "firstName")`)
		each(t, func(t *testing.T, d driftTarget, url []string) {
			p.ok(append([]string{"db:migrate"}, url...)...)
			if r := p.run(append([]string{"db:check"}, url...)...); r.code != 0 {
				t.Fatalf("db:check after the rename: %s", r)
			}
		})
	})
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			parent := p.t
			p.t = t
			defer func() { p.t = parent }()
			st.edit()
			before := map[string]string{}
			each(t, func(t *testing.T, d driftTarget, url []string) {
				before[d.name] = schemaJSON(t, d.tg)
				r := p.run(append([]string{"db:check"}, url...)...)
				if r.code != 1 {
					t.Fatalf("db:check after the model changed: want exit 1: %s", r)
				}
				contains(t, "db:check", r.stdout, st.check...)
			})
			p.now = p.now.Add(time.Minute)
			r := p.ok("migration:generate", "--auto", "--name", st.name)
			files := p.glob("migrations/*-" + st.name + ".go")
			if len(files) != 1 {
				t.Fatalf("--auto wrote %v: %s", files, r)
			}
			src := p.read(filepath.Join("migrations", filepath.Base(files[0])))
			contains(t, "the written migration", src, st.mig...)
			p.now = p.now.Add(time.Minute)
			r = p.ok("migration:generate", "--auto", "--name", st.name+"-again")
			contains(t, "a second --auto", r.stdout, "No changes")
			if got := p.glob("migrations/*-" + st.name + "-again.go"); len(got) != 0 {
				t.Errorf("a second --auto wrote %v", got)
			}
			each(t, func(t *testing.T, d driftTarget, url []string) {
				p.ok(append([]string{"db:migrate"}, url...)...)
				if r := p.run(append([]string{"db:check"}, url...)...); r.code != 0 {
					t.Fatalf("db:check after applying the generated migration: %s", r)
				}
				p.ok(append([]string{"db:migrate:undo"}, url...)...)
				if got := schemaJSON(t, d.tg); got != before[d.name] {
					t.Errorf("undoing the generated migration did not restore the schema:\nbefore %s\nafter %s", before[d.name], got)
				}
				p.ok(append([]string{"db:migrate"}, url...)...)
			})
		})
	}
}
