package sequelizecompat_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/internal/sequelizecompat"
)

// EnvCLI names the sequelize-cli entry point record-sequelize-cli.sh
// installed (`record-sequelize-cli.sh --install` prints it). With it the
// live tests run the originals with the real sequelize-cli; without it they
// skip, and the recordings in testdata stand for sequelize-cli.
const EnvCLI = "STRATA_SEQUELIZE_CLI"

// cliPath returns $STRATA_SEQUELIZE_CLI, skipping the test without it.
func cliPath(t *testing.T) string {
	t.Helper()
	cli := os.Getenv(EnvCLI)
	if cli == "" {
		t.Skipf("set %s to the sequelize-cli that internal/sequelizecompat/record-sequelize-cli.sh --install prints to run sequelize-cli live; the recordings in testdata are compared without it", EnvCLI)
	}
	return cli
}

// nodeModules is the node_modules directory the CLI was installed in.
func nodeModules(t *testing.T, cli string) string {
	t.Helper()
	i := strings.LastIndex(cli, string(filepath.Separator)+"node_modules"+string(filepath.Separator))
	if i < 0 {
		t.Fatalf("%s=%s is not inside a node_modules directory", EnvCLI, cli)
	}
	return cli[:i+len("/node_modules")]
}

// nodeURL is the URL Sequelize connects to tg with.
func nodeURL(tg *dialecttest.Target) string {
	if tg.Dialect.Name() == "sqlite" {
		return "sqlite://" + tg.Name
	}
	return tg.URL
}

// runCLI runs sequelize-cli with args in history's directory against tg,
// with the environment the recordings were made with, and returns what it
// printed and its error.
func runCLI(t *testing.T, cli, history string, tg *dialecttest.Target, args ...string) (string, error) {
	t.Helper()
	modules := nodeModules(t, cli)
	if tg.Dialect.Name() == "sqlite" {
		if _, err := os.Stat(filepath.Join(modules, "sqlite3")); err != nil {
			t.Skipf("the sqlite3 npm package is not installed next to %s (record-sequelize-cli.sh with STRATA_SEQUELIZE_SQLITE=1 installs it); the SQLite recording stands for it", cli)
		}
	}
	dir, err := filepath.Abs(filepath.Join("testdata", history))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", append([]string{cli}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NODE_PATH="+modules, "DATABASE_URL="+nodeURL(tg))
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// TestRecordingsCurrent runs each history with the real sequelize-cli on
// a fresh database of each of its dialects and checks that strata reads
// the database it leaves as the recording says: the recordings are current
// with the fixtures.
func TestRecordingsCurrent(t *testing.T) {
	cli := cliPath(t)
	for history, dialects := range histories {
		t.Run(history, func(t *testing.T) {
			t.Parallel()
			eachDialect(t, dialects, func(t *testing.T, s dbtest.Server) {
				tg := dialecttest.Fresh(t, s.Dialect, s.URL)
				if out, err := runCLI(t, cli, history, tg, "db:migrate"); err != nil {
					t.Fatalf("sequelize-cli db:migrate: %v\n%s", err, out)
				}
				got, err := sequelizecompat.Dump(context.Background(), tg.DB, tg.Dialect)
				if err != nil {
					t.Fatal(err)
				}
				want := load(t, history, s.Dialect.Name(), "migrate")
				if diff := cmp.Diff(want.Catalog, got.Catalog); diff != "" {
					t.Errorf("the database sequelize-cli made is not the recorded one; run record-sequelize-cli.sh %s (-recorded +live):\n%s", history, diff)
				}
				if diff := cmp.Diff(want.SequelizeMeta, got.SequelizeMeta); diff != "" {
					t.Errorf("SequelizeMeta differs from the recording (-recorded +live):\n%s", diff)
				}
			})
		})
	}
}

// eachDialect runs f on each server dbtest knows whose dialect is one of
// dialects (a history runs on those only), as dbtest.EachServer does.
func eachDialect(t *testing.T, dialects []string, f func(t *testing.T, s dbtest.Server)) {
	t.Helper()
	for _, s := range dbtest.Servers() {
		if !slices.Contains(dialects, s.Dialect.Name()) {
			continue
		}
		t.Run(s.Dialect.Name(), func(t *testing.T) {
			if s.Dialect.Name() != "sqlite" && s.URL == "" {
				t.Skipf("%s tests skipped: set STRATA_TEST_%s to a server URL to run them", s.Dialect.Name(), strings.ToUpper(s.Dialect.Name()))
			}
			f(t, s)
		})
	}
}
