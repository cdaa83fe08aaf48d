package gen

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/strata-orm/strata/sequelizejs"
)

var updateSequelize = flag.Bool("update-sequelize", false, "rewrite testdata/seqmodels and testdata/seqoptions from the Sequelize fixtures")

// TestImportSequelizeFixtures imports the fixture projects' models and
// checks the result is the committed packages: testdata/seqmodels (define,
// class + init and sequelize-typescript files), which the root package's
// Include test compiles and runs against Sequelize's recorded results, and
// testdata/seqoptions (the options), which the root package registers and
// syncs. Refresh with -update-sequelize.
func TestImportSequelizeFixtures(t *testing.T) {
	for _, tt := range []struct {
		from, pkg string
		models    []string
		problems  []string // file: construct
	}{
		{"testdata/sequelize/models", "seqmodels", []string{"Order", "OrderItem", "Product", "ProductTag", "Profile", "Review", "Tag", "User"}, nil},
		{"testdata/sequelize-options/models", "seqoptions", []string{"Account", "AccountGroup", "Group", "Membership"}, []string{`legacy.js:3: require("fs")`}},
	} {
		t.Run(tt.pkg, func(t *testing.T) { importSequelizeFixture(t, tt.from, tt.pkg, tt.models, tt.problems) })
	}
}

func importSequelizeFixture(t *testing.T, from, pkg string, want, problems []string) {
	set, err := sequelizejs.LoadModels(from)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range set.Problems {
		got = append(got, fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Construct))
	}
	if strings.Join(got, "\n") != strings.Join(problems, "\n") {
		t.Errorf("problems = %q, want %q", got, problems)
	}
	files, rep, err := ImportSequelize(set, ImportOptions{Package: pkg})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range rep.Warnings {
		t.Logf("warning: %s", w)
	}
	if strings.Join(rep.Models, ",") != strings.Join(want, ",") {
		t.Errorf("models = %v, want %v", rep.Models, want)
	}
	dir := filepath.Join("testdata", pkg)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	if *updateSequelize {
		_ = os.MkdirAll(dir, 0o755)
		for _, n := range names {
			if err := os.WriteFile(filepath.Join(dir, n), files[n], 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, n := range names {
		old, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil || !bytes.Equal(old, files[n]) {
			t.Errorf("%s/%s is stale: go test ./gen -run TestImportSequelizeFixtures -update-sequelize\n%s", dir, n, files[n])
		}
	}
}
