package gen

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/strata-orm/strata/sequelizejs"
)

var updateSequelize = flag.Bool("update-sequelize", false, "rewrite testdata/seqmodels from testdata/sequelize/models")

// TestImportSequelizeFixtures imports the fixture project's models (define,
// class + init and sequelize-typescript files) and checks the result is
// the committed package testdata/seqmodels, which the root package's
// Include test compiles and runs against Sequelize's recorded results.
func TestImportSequelizeFixtures(t *testing.T) {
	set, err := sequelizejs.LoadModels("testdata/sequelize/models")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range set.Problems {
		t.Errorf("problem: %s:%d %s: %s", p.File, p.Line, p.Construct, p.Reason)
	}
	files, rep, err := ImportSequelize(set, ImportOptions{Package: "seqmodels"})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range rep.Warnings {
		t.Logf("warning: %s", w)
	}
	want := []string{"Order", "OrderItem", "Product", "ProductTag", "Profile", "Review", "Tag", "User"}
	if strings.Join(rep.Models, ",") != strings.Join(want, ",") {
		t.Errorf("models = %v, want %v", rep.Models, want)
	}
	dir := "testdata/seqmodels"
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
