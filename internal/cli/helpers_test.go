package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// project is a scratch project directory outside the repository.
type project struct {
	t   *testing.T
	dir string
	now time.Time
	env map[string]string
}

func newProject(t *testing.T) *project {
	t.Helper()
	return &project{t: t, dir: t.TempDir(), now: time.Date(2026, 11, 26, 18, 45, 3, 0, time.UTC), env: map[string]string{}}
}

type result struct {
	stdout, stderr string
	code           int
}

func (r result) String() string {
	return "exit " + itoa(r.code) + "\n--- stdout\n" + r.stdout + "--- stderr\n" + r.stderr
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// run runs strata in the project directory, in process.
func (p *project) run(args ...string) result {
	p.t.Helper()
	return p.runIn("", args...)
}

// runIn runs strata in the project's subfolder sub, in process.
func (p *project) runIn(sub string, args ...string) result {
	p.t.Helper()
	var out, errb bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	code := Run(ctx, args, IO{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb}, Options{
		Dir: filepath.Join(p.dir, sub),
		Getenv: func(k string) string {
			if v, ok := p.env[k]; ok {
				return v
			}
			switch k {
			case "STRATA_ENV", "NODE_ENV", "DATABASE_URL":
				return ""
			}
			return os.Getenv(k)
		},
		Now: func() time.Time { return p.now },
	})
	return result{out.String(), errb.String(), code}
}

// ok runs strata and fails the test unless it exits 0.
func (p *project) ok(args ...string) result {
	p.t.Helper()
	r := p.run(args...)
	if r.code != 0 {
		p.t.Fatalf("strata %s: %s", strings.Join(args, " "), r)
	}
	return r
}

// fails runs strata and fails the test unless it exits non-zero with an
// error containing every one of wants.
func (p *project) fails(args []string, wants ...string) result {
	p.t.Helper()
	r := p.run(args...)
	if r.code == 0 {
		p.t.Fatalf("strata %s succeeded, want failure: %s", strings.Join(args, " "), r)
	}
	for _, w := range wants {
		if !strings.Contains(r.stderr+r.stdout, w) {
			p.t.Errorf("strata %s: output lacks %q:\n%s", strings.Join(args, " "), w, r)
		}
	}
	return r
}

func (p *project) write(rel, content string) {
	p.t.Helper()
	path := filepath.Join(p.dir, rel)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		p.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		p.t.Fatal(err)
	}
}

func (p *project) read(rel string) string {
	p.t.Helper()
	b, err := os.ReadFile(filepath.Join(p.dir, rel))
	if err != nil {
		p.t.Fatal(err)
	}
	return string(b)
}

func (p *project) glob(pattern string) []string {
	p.t.Helper()
	m, err := filepath.Glob(filepath.Join(p.dir, pattern))
	if err != nil {
		p.t.Fatal(err)
	}
	return m
}

func contains(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, got)
		}
	}
}
