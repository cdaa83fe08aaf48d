// Package golden compares test output with golden files and rewrites them
// when the test binary runs with -update (go test ./pkg -update). It is the
// one golden-file helper of the module: the -update flag is registered here,
// once, so every package whose tests link it shares the same flag.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files with the output of the tests that compare with them")

// Updating reports whether the test binary runs with -update.
func Updating() bool { return *update }

// An Option changes how Check compares.
type Option func(*config)

type config struct {
	normalize func([]byte) []byte
}

// Normalize applies f to both the golden file's content and got before they
// are compared (not to what -update writes), for a test whose output holds
// something that varies between runs or platforms.
func Normalize(f func([]byte) []byte) Option {
	return func(c *config) { c.normalize = f }
}

// Check compares got with the file at path and fails the test (without
// stopping it) when they differ, showing the first line that differs with
// its context. With -update it writes got to path instead (creating its
// directory), leaving a file that already holds got untouched.
func Check(t testing.TB, path string, got []byte, opts ...Option) {
	t.Helper()
	var c config
	for _, o := range opts {
		o(&c)
	}
	want, err := os.ReadFile(path)
	if *update {
		if err == nil && bytes.Equal(want, got) {
			return
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if err != nil {
		t.Fatalf("read golden file: %v (run `go test -update` to create it)", err)
	}
	w, g := want, got
	if c.normalize != nil {
		w, g = c.normalize(w), c.normalize(g)
	}
	if !bytes.Equal(w, g) {
		t.Errorf("%s is out of date; run `go test -update` if the change is intended:\n%s", path, Diff(w, g))
	}
}

// contextLines is the number of equal lines Diff shows around the first
// difference.
const contextLines = 3

// Diff describes where want and got first differ: the line number, the
// equal lines before it, and the lines of each from there (a few of them),
// marked "-" for want (the file) and "+" for got. It returns "" when they
// are equal.
func Diff(want, got []byte) string {
	if bytes.Equal(want, got) {
		return ""
	}
	wl, gl := lines(want), lines(got)
	i := 0
	for i < len(wl) && i < len(gl) && wl[i] == gl[i] {
		i++
	}
	var b strings.Builder
	fmt.Fprintf(&b, "first difference at line %d (file has %d lines, output %d):\n", i+1, len(wl), len(gl))
	for j := max(0, i-contextLines); j < i; j++ {
		fmt.Fprintf(&b, "  %4d  %s\n", j+1, wl[j])
	}
	show := func(mark string, ls []string) {
		if i >= len(ls) {
			fmt.Fprintf(&b, "%s       (end of %s)\n", mark, map[string]string{"-": "file", "+": "output"}[mark])
			return
		}
		for j := i; j < len(ls) && j < i+contextLines; j++ {
			fmt.Fprintf(&b, "%s %4d  %s\n", mark, j+1, ls[j])
		}
	}
	show("-", wl)
	show("+", gl)
	return b.String()
}

// lines splits s into lines, showing a missing final newline and stray
// carriage returns so that a difference in them is visible.
func lines(s []byte) []string {
	if len(s) == 0 {
		return nil
	}
	text := string(s)
	noEOL := !strings.HasSuffix(text, "\n")
	text = strings.TrimSuffix(text, "\n")
	ls := strings.Split(text, "\n")
	for i, l := range ls {
		ls[i] = strings.ReplaceAll(l, "\r", `\r`)
	}
	if noEOL {
		ls[len(ls)-1] += " (no newline at end)"
	}
	return ls
}
