package cli

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os/exec"
	"strings"
	"testing"

	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
)

// injectedEnum is issue 13's reproduction of code injected through
// model:generate: an enum value that closes the tag and the struct
// (refused: longer than PostgreSQL's 63-byte enum values);
// shortInjectedEnum is the same attack in 58 bytes, written escaped.
const (
	injectedEnum      = "e:enum:{'x`; }; func init() { panic(\"injected\") }; type Y struct { Z string `'}"
	shortInjectedEnum = "e:enum:{'x`; }; func init() { panic(1) }; type Y struct { Z string `'}"
)

// TestReliabilityGeneratorInjection is issue 13's defect 2 through the
// command: model:generate writes the hostile enum value as one escaped
// value, both files parse with no declaration but the model's and the
// migration's one init, the project builds, and its migration runs and
// records the value exactly on every dialect. Hostile names and values
// are refused before any file is written.
func TestReliabilityGeneratorInjection(t *testing.T) {
	p := newProject(t)
	p.ok("init")
	p.fails([]string{"model:generate", "--name", "thing", "--attributes", injectedEnum}, "at most 63 bytes")
	if len(p.glob("models/thing.go")) > 0 {
		t.Fatal("models/thing.go was written although its attribute was refused")
	}
	p.ok("model:generate", "--name", "thing", "--attributes", shortInjectedEnum)
	model := p.read("models/thing.go")
	migPath := "migrations/20261126184503-create-thing.go"
	mig := p.read(migPath)
	for name, src := range map[string]string{"model": model, "migration": mig} {
		f, err := parser.ParseFile(token.NewFileSet(), name+".go", src, 0)
		if err != nil {
			t.Fatalf("the %s does not parse: %v\n%s", name, err, src)
		}
		var decls []string
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				decls = append(decls, "func "+d.Name.Name)
			case *ast.GenDecl:
				if d.Tok == token.TYPE {
					for _, s := range d.Specs {
						decls = append(decls, "type "+s.(*ast.TypeSpec).Name.Name)
					}
				} else if d.Tok != token.IMPORT {
					decls = append(decls, d.Tok.String())
				}
			}
		}
		want := map[string]string{"model": "type Thing,func TableName", "migration": "func init"}[name]
		if got := strings.Join(decls, ","); got != want {
			t.Errorf("the %s declares %s, want %s:\n%s", name, got, want, src)
		}
	}
	refused := 0
	for _, tc := range []struct{ name, attrs, says string }{
		{"thing2", "e:enum:{'a\x00b'}", "NUL byte"},
		{"thing3", "e:enum:{'\xff'}", "not valid UTF-8"},
		{"thing4", "s:string:default='x\x00'", "NUL byte"},
		{"thing5", "u:integer:references=users;drop table users", "does not name a table"},
		{"_", "a:string", "model name '_' cannot be used"},
		{"thing6", "iD:integer", "every model has already"},
	} {
		r := p.fails([]string{"model:generate", "--name", tc.name, "--attributes", tc.attrs}, tc.says)
		if strings.ContainsRune(r.stderr, 0) || strings.Contains(r.stderr, "\xff") {
			t.Errorf("the error carries the raw bytes: %q", r.stderr)
		}
		if len(p.glob("models/"+tc.name+".go"))+len(p.glob("migrations/*-create-thing[2-9].go")) > 0 {
			t.Errorf("%s: a file was written although the attribute was refused", tc.name)
		}
		refused++
	}
	p.fails([]string{"migration:generate", "--name", "a\x00b"}, "NUL byte")
	if testing.Short() {
		t.Log("-short: the files are checked, the project is not built")
		return
	}
	build := exec.Command("go", "build", "./...")
	build.Dir = p.dir
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("the generated project does not build: %v\n%s", err, out)
	}
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		p := &project{t: t, dir: p.dir, now: p.now, env: p.env}
		r := p.ok("db:migrate", "--url", tg.URL)
		contains(t, "db:migrate", r.stdout, "20261126184503-create-thing: migrated")
		value := "x`; }; func init() { panic(1) }; type Y struct { Z string `"
		insert := `INSERT INTO things (e, "createdAt", "updatedAt") VALUES ($1, $2, $2)`
		switch tg.Dialect.Name() {
		case "mysql":
			insert = "INSERT INTO things (e, createdAt, updatedAt) VALUES (?, ?, ?)"
		case "sqlite":
			insert = `INSERT INTO things (e, "createdAt", "updatedAt") VALUES (?, ?, ?)`
		}
		args := []any{value, p.now, p.now}
		if tg.Dialect.Name() == "postgres" {
			args = args[:2]
		}
		if _, err := tg.DB.Exec(insert, args...); err != nil {
			t.Fatalf("the enum does not take its value: %v", err)
		}
		var got string
		if err := tg.DB.QueryRow("SELECT e FROM things").Scan(&got); err != nil || got != value {
			t.Fatalf("read back %q (%v), want %q", got, err, value)
		}
		t.Logf("figure: injection written as 1 escaped enum value, 0 injected declarations, %d hostile attributes refused", refused)
	})
}
