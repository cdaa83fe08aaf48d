package migrate_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
)

// migrators is how many processes TestReliabilityConcurrentMigrators starts.
const migrators = 8

// TestReliabilityConcurrentMigrators is RELIABILITY scenarios 1 and 5 with
// eight processes (re-runs of this test binary) released at once, on a new
// database (on SQLite a file that does not exist yet) and on one where
// part of the history is applied and its table holds rows: every process
// exits 0, exactly one applies the pending migrations and the others
// none, each migration has one state row, and the rows already there are
// untouched.
func TestReliabilityConcurrentMigrators(t *testing.T) {
	dbtest.EachServer(t, func(t *testing.T, s dbtest.Server) {
		var figures []string
		for _, existing := range []bool{false, true} {
			name := map[bool]string{false: "new", true: "existing"}[existing]
			t.Run(name, func(t *testing.T) {
				var tg *dialecttest.Target
				if s.Dialect.Name() == "sqlite" && !existing {
					tg = unopenedFile(t, s.Dialect)
				} else {
					tg = dialecttest.Fresh(t, s.Dialect, s.URL)
				}
				pending, rowsBefore := 5, ""
				if existing {
					m := newMigrator(t, tg, migrate.WithGo(raceMigrations()))
					if _, err := m.Up(testCtx(t), migrate.To("20260101000001-r1")); err != nil {
						t.Fatal(err)
					}
					tg.Exec(t, "INSERT INTO r1 (id, note) VALUES (1, 'kept'), (2, 'also kept')")
					pending, rowsBefore = 4, tableRows(t, tg, "r1")
				}
				children := make([]*child, migrators)
				for i := range children {
					children[i] = startChild(t, tg, "race")
				}
				for _, c := range children {
					c.waitFor(t, "READY")
				}
				for _, c := range children {
					c.stdin.Close()
				}
				var results []string
				exited := 0
				for i, c := range children {
					line := c.waitFor(t, "DONE")
					if err := <-c.done; err != nil {
						t.Errorf("migrator %d: %v (%s)", i, err, line)
					} else {
						exited++
					}
					results = append(results, line)
				}
				slices.Sort(results)
				want := slices.Repeat([]string{"DONE applied=0 err="}, migrators-1)
				want = append(want, fmt.Sprintf("DONE applied=%d err=", pending))
				wantNames(t, "migrators' results", results, want)
				if tg.DB == nil {
					tg = openTarget(t, tg)
				}
				rows := stateRows(t, tg)
				seen := map[string]bool{}
				for i, r := range rows {
					if seen[r.Name] || r.Status != "applied" || r.Seq != int64(i+1) {
						t.Errorf("state row %d: %+v", i, r)
					}
					seen[r.Name] = true
				}
				if len(rows) != 5 {
					t.Fatalf("%d state rows: %+v", len(rows), rows)
				}
				wantNames(t, "tables", tables(t, tg), []string{migrate.DefaultTable, "r1", "r2", "r3", "r4", "r5"})
				if existing {
					if got := tableRows(t, tg, "r1"); got != rowsBefore {
						t.Errorf("rows of r1: %q, were %q", got, rowsBefore)
					}
				}
				figures = append(figures, fmt.Sprintf("%s database: %d of %d exited 0, one applied %d, %d applied 0, %d state rows each once",
					name, exited, migrators, pending, migrators-1, len(rows)))
			})
		}
		t.Logf("figure: %s", strings.Join(figures, "; "))
	})
}

// unopenedFile is a SQLite target whose file does not exist yet: URL set,
// DB nil until openTarget.
func unopenedFile(t *testing.T, d dialect.Dialect) *dialecttest.Target {
	t.Helper()
	path := filepath.Join(t.TempDir(), "new.db")
	url, err := d.(dialect.Admin).DatabaseURL("", path)
	if err != nil {
		t.Fatal(err)
	}
	return &dialecttest.Target{Dialect: d, URL: url, Name: path}
}

// openTarget opens tg's database.
func openTarget(t *testing.T, tg *dialecttest.Target) *dialecttest.Target {
	t.Helper()
	db, err := tg.Dialect.Open(tg.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return &dialecttest.Target{Dialect: tg.Dialect, DB: db, URL: tg.URL, Name: tg.Name}
}
