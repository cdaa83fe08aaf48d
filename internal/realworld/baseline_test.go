package realworld

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/cli"
	"github.com/strata-orm/strata/internal/dbtest"
)

// strata runs the strata command in dir and returns its output, failing
// the test unless it exits 0.
func strata(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, code := strataCode(t, dir, args...)
	if code != 0 {
		t.Fatalf("strata %s: exit %d\n%s", strings.Join(args, " "), code, out)
	}
	return out
}

// strataCode runs the strata command in dir and returns its output and
// exit code.
func strataCode(t *testing.T, dir string, args ...string) (string, int) {
	t.Helper()
	var out bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	code := cli.Run(ctx, args, cli.IO{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &out}, cli.Options{
		Dir: dir,
		Getenv: func(k string) string {
			switch k {
			case "STRATA_ENV", "NODE_ENV", "DATABASE_URL":
				return ""
			}
			return os.Getenv(k)
		},
	})
	return out.String(), code
}

// TestBaselineOwnFixtures is migration:baseline on a database strata did
// not create: each fixture is made by hand, baselined (a Go migration
// written and recorded as applied there), and the baseline applied by
// db:migrate to an empty database must give the same catalog, column for
// column, index for index, view, trigger and function alike.
func TestBaselineOwnFixtures(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a project: skipped with -short")
	}
	dbtest.EachServer(t, func(t *testing.T, s dbtest.Server) {
		vendor := dialecttest.Fresh(t, s.Dialect, s.URL)
		for _, stmt := range fixtures[s.Dialect.Name()] {
			vendor.Exec(t, stmt)
		}
		dir := t.TempDir()
		strata(t, dir, "init")
		out := strata(t, dir, "migration:baseline", "--url", vendor.URL)
		if !strings.Contains(out, "recorded as applied on the database") {
			t.Fatalf("migration:baseline said:\n%s", out)
		}
		status := strata(t, dir, "db:migrate:status", "--url", vendor.URL)
		if !strings.Contains(status, "up ") || strings.Contains(status, "down ") {
			t.Errorf("the baseline is not recorded as applied where it was taken:\n%s", status)
		}
		if out := strata(t, dir, "db:migrate", "--url", vendor.URL); !strings.Contains(out, "No migrations were executed") {
			t.Errorf("db:migrate on the baselined database ran something:\n%s", out)
		}
		rebuilt := dialecttest.Fresh(t, s.Dialect, s.URL)
		strata(t, dir, "db:migrate", "--url", rebuilt.URL)
		compareCatalogs(t, s.Dialect.Name(), catalog(t, vendor), catalog(t, rebuilt), true)
		// Both databases are what the baseline builds: db:check finds no
		// drift on either.
		for _, tg := range []*dialecttest.Target{vendor, rebuilt} {
			if out, code := strataCode(t, dir, "db:check", "--url", tg.URL); code != 0 {
				t.Errorf("db:check after the baseline: exit %d\n%s", code, out)
			}
		}
	})
}

// TestBaselineRealWorld is TestBaselineOwnFixtures on Sakila and Chinook
// as their repositories ship them (STRATA_REALWORLD_DIR); what differs is
// logged, not failed, as TestRealWorld does.
func TestBaselineRealWorld(t *testing.T) {
	eachScript(t, func(t *testing.T, s dbtest.Server, load func(*dialecttest.Target)) {
		vendor := dialecttest.Fresh(t, s.Dialect, s.URL)
		load(vendor)
		dir := t.TempDir()
		strata(t, dir, "init")
		t.Log(lastLine(strata(t, dir, "migration:baseline", "--url", vendor.URL)))
		rebuilt := dialecttest.Fresh(t, s.Dialect, s.URL)
		strata(t, dir, "db:migrate", "--url", rebuilt.URL)
		compareCatalogs(t, s.Dialect.Name(), catalog(t, vendor), catalog(t, rebuilt), false)
		if out, code := strataCode(t, dir, "db:check", "--url", vendor.URL); code != 0 {
			t.Errorf("db:check after the baseline: exit %d\n%s", code, out)
		}
	})
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// tryStrata runs the strata command in dir and returns its output (with
// the exit code when not 0) and whether it exited 0.
func tryStrata(t *testing.T, dir string, args ...string) (string, bool) {
	t.Helper()
	out, code := strataCode(t, dir, args...)
	if code != 0 {
		return fmt.Sprintf("exit %d\n%s", code, out), false
	}
	return out, true
}
