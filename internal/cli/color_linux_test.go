package cli

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal: the slave is a terminal to write to,
// the master reads what was written.
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetUint32(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	s, err := os.OpenFile("/dev/pts/"+strconv.Itoa(int(n)), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close(); s.Close() })
	return m, s
}

// stream is where a run writes one of its outputs: a terminal or a file.
type stream struct {
	w    *os.File
	read func() string // what was written, once the run is over
}

func terminal(t *testing.T) stream {
	m, s := openPTY(t)
	got := make(chan string, 1)
	go func() {
		b, _ := io.ReadAll(m) // ends with EIO once the slave is closed
		got <- string(b)
	}()
	return stream{s, func() string {
		s.Close()
		select {
		case b := <-got:
			return b
		case <-time.After(10 * time.Second):
			t.Fatal("reading the terminal did not end")
			return ""
		}
	}}
}

func file(t *testing.T) stream {
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return stream{f, func() string {
		b, err := os.ReadFile(f.Name())
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}}
}

// TestColorOnlyOnTerminals is the colour item of issue 12, defect 12:
// colour codes go to a stream only when that stream is a terminal, and
// never with NO_COLOR set. A failing command in production with stdout on
// a terminal and stderr redirected wrote "\x1b[31mERROR:" into the file.
func TestColorOnlyOnTerminals(t *testing.T) {
	p := sqliteProject(t)
	p.write("config/config.json", `{"production": {"dialect": "sqlite", "storage": "db/prod.sqlite3"}}`)
	args := []string{"db:migrate:undo:all", "--env", "production"}
	for _, tc := range []struct {
		name           string
		out, err       func(*testing.T) stream
		noColor        string
		outColor, errC bool
	}{
		{"stdout on a terminal, stderr redirected", terminal, file, "", true, false},
		{"stdout redirected, stderr on a terminal", file, terminal, "", false, true},
		{"both on terminals", terminal, terminal, "", true, true},
		{"both on terminals with NO_COLOR", terminal, terminal, "1", false, false},
		{"both redirected", file, file, "", false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, errs := tc.out(t), tc.err(t)
			env := map[string]string{"NO_COLOR": tc.noColor, "TERM": "xterm"}
			code := Run(context.Background(), args, IO{Stdin: strings.NewReader(""), Stdout: out.w, Stderr: errs.w}, Options{
				Dir: p.dir,
				Getenv: func(k string) string {
					if v, ok := env[k]; ok {
						return v
					}
					return ""
				},
			})
			stdout, stderr := out.read(), errs.read()
			if code != 1 || !strings.Contains(stderr, "refusing to revert every migration in the production environment") {
				t.Fatalf("exit %d, stderr %q; want the production refusal", code, stderr)
			}
			if got := strings.Contains(stdout, "\x1b["); got != tc.outColor {
				t.Errorf("colour codes on stdout: %v, want %v: %q", got, tc.outColor, stdout)
			}
			if got := strings.Contains(stderr, "\x1b["); got != tc.errC {
				t.Errorf("colour codes on stderr: %v, want %v: %q", got, tc.errC, stderr)
			}
		})
	}
}
