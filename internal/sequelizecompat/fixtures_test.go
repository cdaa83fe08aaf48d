package sequelizecompat_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/internal/sequelizecompat"
)

// histories lists each fixture history with the dialects it runs on.
var histories = map[string][]string{
	"shared":   {"postgres", "mysql", "sqlite"},
	"postgres": {"postgres"},
	"mysql":    {"mysql"},
	"skeleton": {"postgres", "mysql", "sqlite"},
	"mjs":      {"postgres", "mysql", "sqlite"},
}

// env is the environment the histories were recorded with
// (record-sequelize-cli.sh exports the same).
var env = map[string]string{"NODE_ENV": "development", "DEPLOYMENT": "hosted"}

// undoFails lists the histories whose db:migrate:undo:all fails with
// sequelize-cli, by dialect, with the migration it stops at: there the
// originals do not undo to empty.
var undoFails = map[string]map[string]string{
	// Sequelize removes a CHECK constraint on MariaDB as an index.
	"mysql": {"mysql": "20210205000000-articles-checks"},
	// Sequelize's SQLite table recreation loses the constraint's name.
	"shared": {"sqlite": "20190720000000-add-constraints"},
}

// cliPattern is how sequelize-cli 6.6.5 (umzug 2) lists migration files.
var cliPattern = regexp.MustCompile(`^(?:[^.].*)\.(cjs|js|cts|ts)$`)

// migrationFiles lists the files of a history's migrations directory that
// sequelize-cli runs, sorted as it runs them.
func migrationFiles(t *testing.T, history string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join("testdata", history, "migrations"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && cliPattern.MatchString(e.Name()) && !regexp.MustCompile(`\.d\.ts$`).MatchString(e.Name()) {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	return names
}

// load reads a recording of history on dialect d ("migrate" or "undo").
func load(t *testing.T, history, d, phase string) *sequelizecompat.Recording {
	t.Helper()
	r, err := sequelizecompat.Load(filepath.Join("testdata", history, "recorded", d, phase+".json"))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestRecordings checks the recordings against the fixtures: every
// history on each of its dialects was migrated by sequelize-cli with every
// file it lists in SequelizeMeta (and no .mjs file, which it does not
// list), and undone to an empty database except where undoFails says.
func TestRecordings(t *testing.T) {
	total := 0
	for history, dialects := range histories {
		files := migrationFiles(t, history)
		total += len(files)
		for _, d := range dialects {
			t.Run(history+"/"+d, func(t *testing.T) {
				up := load(t, history, d, "migrate")
				if up.Exit != 0 || up.Dialect != d {
					t.Fatalf("db:migrate on %s exited %d (dialect %q): record the history again", d, up.Exit, up.Dialect)
				}
				if diff := cmp.Diff(up.SequelizeMeta, files); diff != "" {
					t.Errorf("SequelizeMeta after db:migrate differs from the files sequelize-cli lists (-recorded +files):\n%s", diff)
				}
				if len(up.Catalog.Tables) == 0 {
					t.Errorf("db:migrate left no table")
				}
				down := load(t, history, d, "undo")
				stop, fails := undoFails[history][d]
				switch {
				case fails && down.Exit == 0:
					t.Errorf("db:migrate:undo:all succeeded; undoFails says it stops at %s", stop)
				case fails:
					if !slices.Contains(down.SequelizeMeta, stop+filepath.Ext(files[0])) && !slices.ContainsFunc(down.SequelizeMeta, func(n string) bool { return n[:len(n)-len(filepath.Ext(n))] == stop }) {
						t.Errorf("undo:all stopped with SequelizeMeta %v, which lacks %s", down.SequelizeMeta, stop)
					}
				case down.Exit != 0 || len(down.SequelizeMeta) != 0 || len(down.Catalog.Tables) != 0:
					t.Errorf("db:migrate:undo:all exited %d leaving %d rows and %d tables; want an empty database", down.Exit, len(down.SequelizeMeta), len(down.Catalog.Tables))
				}
			})
		}
	}
	if total < 40 {
		t.Errorf("the fixtures hold %d migration files that sequelize-cli runs; issue 17 asks for at least 40", total)
	}
}
