package archtest

import (
	"encoding/json"
	"io"
	"os/exec"
	"strings"
	"testing"
)

const mod = "github.com/strata-orm/strata"

type pkg struct {
	ImportPath string
	Deps       []string
	Standard   bool
}

func listPackages(t *testing.T) map[string]pkg {
	t.Helper()
	cmd := exec.Command("go", "list", "-deps", "-json", mod+"/...")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pkgs := map[string]pkg{}
	dec := json.NewDecoder(out)
	for {
		var p pkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs[p.ImportPath] = p
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("go list: %v", err)
	}
	return pkgs
}

var concrete = []string{
	mod + "/dialect/pgdialect", mod + "/dialect/mysqldialect", mod + "/dialect/sqlitedialect",
	mod + "/dialect/connect", mod + "/internal/cli",
	"github.com/jackc/pgx", "github.com/go-sql-driver/mysql", "modernc.org/sqlite",
}

func TestImportDirection(t *testing.T) {
	pkgs := listPackages(t)
	rules := []struct {
		pkg       string
		onlyStd   bool     // may import the standard library only …
		allowed   []string // … plus these module packages
		forbidden []string // may not import these (prefixes)
	}{
		{pkg: mod + "/schema", onlyStd: true},
		{pkg: mod + "/ddl", onlyStd: true, allowed: []string{mod + "/schema", mod + "/internal/spell"}},
		{pkg: mod + "/dialect", onlyStd: true, allowed: []string{mod + "/schema", mod + "/ddl", mod + "/internal/spell"}},
		{pkg: mod + "/schemadiff", onlyStd: true, allowed: []string{mod + "/schema", mod + "/ddl", mod + "/internal/spell"}},
		{pkg: mod + "/internal/spell", onlyStd: true},
		{pkg: mod + "/diagram", onlyStd: true, allowed: []string{mod + "/schema"}},
		{pkg: mod + "/internal/sqllex", onlyStd: true},
		{pkg: mod + "/lint", onlyStd: true, allowed: []string{mod + "/schema", mod + "/ddl", mod + "/dialect", mod + "/internal/spell"}},
		{pkg: mod + "/migrate", forbidden: append([]string{mod + "/internal/model", mod + "/internal/query", "github.com/dop251/goja", "github.com/evanw/esbuild"}, concrete...)},
		{pkg: mod + "/internal/query", forbidden: append([]string{mod + "/internal/model", mod + "/migrate"}, concrete...)},
		{pkg: mod + "/internal/model", forbidden: append([]string{mod + "/migrate"}, concrete...)},
		{pkg: mod, forbidden: append([]string{"github.com/dop251/goja", "github.com/evanw/esbuild"}, concrete...)},
		{pkg: mod + "/seed", forbidden: concrete},
		{pkg: mod + "/check", forbidden: concrete},
		{pkg: mod + "/gen", forbidden: concrete},
		{pkg: mod + "/drift", forbidden: concrete},
		// The JavaScript engine serves the move from sequelize-cli: above
		// ddl, schema and migrate, below the commands; the runtime and the
		// engine never load it.
		{pkg: mod + "/sequelizejs", forbidden: append([]string{mod + "/internal/query", mod + "/internal/model"}, concrete...)},
		// The conformance suite drives package strata and any dialect given
		// to it; it names none, so a dialect of another module can run it.
		{pkg: mod + "/dialecttest", forbidden: concrete},
	}
	for _, d := range []string{"pgdialect", "mysqldialect", "sqlitedialect"} {
		rules = append(rules, struct {
			pkg       string
			onlyStd   bool
			allowed   []string
			forbidden []string
		}{pkg: mod + "/dialect/" + d, forbidden: []string{mod + "/internal/model", mod + "/internal/query", mod + "/migrate", mod + "/internal/cli", mod + "/dialect/connect"}})
	}
	checked := 0
	for _, r := range rules {
		p, ok := pkgs[r.pkg]
		if !ok {
			continue // not written yet
		}
		checked++
		for _, dep := range p.Deps {
			dp := pkgs[dep]
			if r.onlyStd && !dp.Standard && !contains(r.allowed, dep) && !strings.HasPrefix(dep, "vendor/") {
				t.Errorf("%s imports %s; it may import only the standard library and %v", r.pkg, dep, r.allowed)
			}
			for _, f := range r.forbidden {
				if dep == f || strings.HasPrefix(dep, f+"/") {
					t.Errorf("%s imports %s, against the direction of imports (see ARCHITECTURE.md)", r.pkg, dep)
				}
			}
		}
	}
	if checked < 3 {
		t.Fatalf("only %d packages checked; the rules name packages that do not exist", checked)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
