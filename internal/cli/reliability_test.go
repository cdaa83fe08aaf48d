package cli

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
)

// cliMigration is the i-th (1-based) of the .sql migrations the CLI race
// applies: each creates a table (so applying it twice fails); the first
// also writes rows.
func cliMigration(i int) (name, text string) {
	name = fmt.Sprintf("2026112618450%d-c%d", i, i)
	up := fmt.Sprintf("CREATE TABLE c%d (id INTEGER PRIMARY KEY, note VARCHAR(20));\n", i)
	if i == 1 {
		up += "INSERT INTO c1 (id, note) VALUES (1, 'kept'), (2, 'also kept');\n"
	}
	return name, "-- strata:up\n" + up + fmt.Sprintf("-- strata:down\nDROP TABLE c%d;\n", i)
}

// TestReliabilityCLIConcurrentMigrators is RELIABILITY scenario 1 through
// the command: eight `strata db:migrate` processes (the built command)
// start at once in one project, on a new database (on SQLite a file that
// does not exist yet) and on one with the first migration applied. All
// exit 0, each migration is applied by exactly one of them, its state row
// is there once, and the rows already there are untouched.
func TestReliabilityCLIConcurrentMigrators(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command: skipped with -short")
	}
	bin := buildCommand(t)
	dbtest.EachServer(t, func(t *testing.T, s dbtest.Server) {
		var figures []string
		for _, existing := range []bool{false, true} {
			name := map[bool]string{false: "new", true: "existing"}[existing]
			t.Run(name, func(t *testing.T) {
				p := newProject(t)
				url := ""
				if s.Dialect.Name() == "sqlite" {
					p.write("config/config.json", `{"development": {"dialect": "sqlite", "storage": "db/dev.sqlite3"}}`)
					var err error
					if url, err = s.Dialect.(dialect.Admin).DatabaseURL("", filepath.Join(p.dir, "db/dev.sqlite3")); err != nil {
						t.Fatal(err)
					}
				} else {
					url = dialecttest.Fresh(t, s.Dialect, s.URL).URL
					p.write("config/config.json", fmt.Sprintf(`{"development": {"url": %q}}`, url))
				}
				pending := 5
				if existing {
					n, text := cliMigration(1)
					p.write("migrations/"+n+".sql", text)
					p.ok("db:migrate")
					pending = 4
				}
				for i := 6 - pending; i <= 5; i++ {
					n, text := cliMigration(i)
					p.write("migrations/"+n+".sql", text)
				}
				outs, exited := startAll(t, p, bin, 8, "db:migrate")
				for i := 6 - pending; i <= 5; i++ {
					n, _ := cliMigration(i)
					got := 0
					for _, o := range outs {
						got += strings.Count(o, "== "+n+": migrated (")
					}
					if got != 1 {
						t.Errorf("%s was applied %d times:\n%s", n, got, strings.Join(outs, "\n----\n"))
					}
				}
				db, err := s.Dialect.Open(url)
				if err != nil {
					t.Fatal(err)
				}
				defer db.Close()
				names := column(t, db, "SELECT "+s.Dialect.Quote("name")+" FROM "+s.Dialect.Quote("SequelizeMeta")+" ORDER BY 1")
				var want []string
				for i := 1; i <= 5; i++ {
					n, _ := cliMigration(i)
					want = append(want, n)
				}
				if strings.Join(names, " ") != strings.Join(want, " ") {
					t.Errorf("state rows %q, want each of %q once", names, want)
				}
				if got := strings.Join(column(t, db, "SELECT note FROM c1 ORDER BY id"), ","); got != "kept,also kept" {
					t.Errorf("rows of c1: %q", got)
				}
				figures = append(figures, fmt.Sprintf("%s database: %d of 8 exited 0, each of %d migrations applied by one, %d state rows each once", name, exited, pending, len(names)))
			})
		}
		t.Logf("figure: %s", strings.Join(figures, "; "))
	})
}

// startAll starts n runs of the command with args at once and waits for
// them; it returns their output and how many exited 0, failing the test
// for each that did not.
func startAll(t *testing.T, p *project, bin string, n int, args ...string) ([]string, int) {
	t.Helper()
	cmds := make([]*exec.Cmd, n)
	bufs := make([]*bytes.Buffer, n)
	for i := range cmds {
		cmds[i], bufs[i] = p.start(bin, args...)
	}
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i, cmd := range cmds {
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = cmd.Wait()
		}()
	}
	wg.Wait()
	outs := make([]string, n)
	exited := 0
	for i := range cmds {
		outs[i] = bufs[i].String()
		if errs[i] != nil {
			t.Errorf("run %d: %v\n%s", i, errs[i], outs[i])
		} else {
			exited++
		}
	}
	return outs, exited
}

// column reads the first column of a query's rows as strings.
func column(t *testing.T, db *sql.DB, query string) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
