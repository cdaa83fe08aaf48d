package cli

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// buildCommand builds the strata command into a temporary folder and
// returns its path, for tests that need it as processes of its own.
func buildCommand(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "strata")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/strata-orm/strata/cmd/strata").CombinedOutput()
	if err != nil {
		t.Fatalf("go build ./cmd/strata: %v\n%s", err, out)
	}
	return bin
}

// start runs the strata command bin in the project as a process of its own
// with the test's environment, less what would choose another database.
func (p *project) start(bin string, args ...string) (*exec.Cmd, *bytes.Buffer) {
	cmd := exec.Command(bin, args...)
	cmd.Dir = p.dir
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if k != "STRATA_ENV" && k != "NODE_ENV" && k != "DATABASE_URL" && k != "NO_COLOR" {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	for k, v := range p.env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	return cmd, &out
}

// TestConcurrentFirstRuns is defect 11 of issue 12: eight `strata
// db:migrate` started at once in a project with Go migrations and no build
// yet (a deploy starting several instances) all succeed: one builds, the
// others wait for it and use its build, and the migrations are applied
// once. Three rounds, each from no build and no database.
func TestConcurrentFirstRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a project: skipped with -short")
	}
	bin := buildCommand(t)
	p := newProject(t)
	p.ok("init")
	p.ok("model:generate", "--name", "user", "--attributes", "firstName:string,email:string")
	for round := range 3 {
		for _, dir := range []string{".strata", "db"} {
			if err := os.RemoveAll(filepath.Join(p.dir, dir)); err != nil {
				t.Fatal(err)
			}
		}
		outs, _ := startAll(t, p, bin, 8, "db:migrate")
		migrated, built := 0, 0
		for _, out := range outs {
			migrated += strings.Count(out, "== 20261126184503-create-user: migrated (")
			built += strings.Count(out, "Building the project's Go migrations")
		}
		if migrated != 1 || built != 1 {
			t.Errorf("round %d: the migration was applied %d times and the project built %d times, want once each", round, migrated, built)
		}
		if left := p.glob(".strata/bin/*"); len(left) != 1 || strings.HasSuffix(left[0], ".tmp") {
			t.Errorf("round %d: .strata/bin holds %v, want one build", round, left)
		}
		for _, f := range []string{".strata/build.lock", "db/development.sqlite3.lock"} {
			if _, err := os.Stat(filepath.Join(p.dir, f)); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("round %d: %s is left (%v)", round, f, err)
			}
		}
		if t.Failed() {
			t.FailNow()
		}
	}
	r := p.ok("db:migrate:status")
	contains(t, "status", r.stdout, "up 20261126184503-create-user\n")
}
