package sequelizejs_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/strata-orm/strata/dialect/connect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
	"github.com/strata-orm/strata/sequelizejs"
)

// The catalogs of databases the real sequelize-cli 6.6.5 migrated with
// testdata/history's and testdata/methods' JavaScript files
// (testdata/sequelize/record.sh runs it and then this package's tests with
// STRATA_SEQUELIZE_RECORD set to history.dialect=url pairs, which write
// testdata/sequelize/<history>.<dialect>.json).
// TestSameCatalogAsSequelize compares strata's run of the recorded
// history with them.

// jsHistory copies a history folder without its TypeScript file, which
// sequelize-cli runs only with ts-node installed.
func jsHistory(t *testing.T, from string) string {
	dir := t.TempDir()
	err := filepath.Walk(from, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		if strings.HasSuffix(p, ".ts") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestRecordSequelizeCatalog(t *testing.T) {
	spec := os.Getenv("STRATA_SEQUELIZE_RECORD")
	if spec == "" {
		t.Skip("set STRATA_SEQUELIZE_RECORD=postgres=URL,mysql=URL after sequelize-cli migrated those databases (testdata/sequelize/record.sh)")
	}
	for _, pair := range strings.Split(spec, ",") {
		name, url, _ := strings.Cut(pair, "=")
		history, name, _ := strings.Cut(name, ".")
		db, d, err := connect.Open(url)
		if err != nil {
			t.Fatal(err)
		}
		live, err := d.Inspect(context.Background(), db, "SequelizeMeta")
		_ = db.Close()
		if err != nil {
			t.Fatal(err)
		}
		live = d.Canonical(live)
		b, _ := json.MarshalIndent(live, "", "  ")
		if err := os.WriteFile("testdata/sequelize/"+history+"."+name+".json", append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestSameCatalogAsSequelize(t *testing.T) {
	for _, history := range []string{"history", "methods"} {
		t.Run(history, func(t *testing.T) { sameCatalog(t, history) })
	}
}

func sameCatalog(t *testing.T, history string) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		b, err := os.ReadFile("testdata/sequelize/" + history + "." + tg.Dialect.Name() + ".json")
		if os.IsNotExist(err) {
			t.Skipf("no sequelize-cli recording for %s", tg.Dialect.Name())
		}
		if err != nil {
			t.Fatal(err)
		}
		var want schema.Database
		if err := json.Unmarshal(b, &want); err != nil {
			t.Fatal(err)
		}
		recs, err := sequelizejs.RecordDir(jsHistory(t, "testdata/"+history), sequelizejs.RecordOptions{Dialect: tg.Dialect.Name(), Env: map[string]string{}})
		if err != nil {
			t.Fatal(err)
		}
		var reg migrate.Registry
		for _, r := range recs {
			if !r.Complete() {
				t.Fatalf("%s: %v", r.Name, r.Problems[0])
			}
			reg.Add(migrate.Migration{Name: r.Name, Up: r.Up, Down: r.Down, NoTx: r.NoTx})
		}
		m, err := migrate.New(tg.DB, tg.Dialect, migrate.WithGo(reg))
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if _, err := m.Up(ctx); err != nil {
			t.Fatal(err)
		}
		live := tg.Inspect(t)
		live.Tables = slices.DeleteFunc(live.Tables, func(t schema.Table) bool { return t.Name == migrate.DefaultTable })
		want.Normalize()
		live.Normalize()
		if diff := cmp.Diff(&want, live); diff != "" {
			t.Errorf("strata's run of the recorded history differs from sequelize-cli's (-sequelize-cli +strata):\n%s", diff)
		}
	})
}
