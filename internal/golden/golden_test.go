package golden

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	tests := []struct {
		name, want, got string
		has             []string
	}{
		{"equal", "a\nb\n", "a\nb\n", nil},
		{"changed line", "1\n2\n3\n4\n5\n6\n", "1\n2\n3\n4\nfive\n6\n", []string{"first difference at line 5 (file has 6 lines, output 6)", "     2  2\n", "-    5  5\n", "+    5  five\n", "+    6  6\n"}},
		{"output shorter", "a\nb\n", "a\n", []string{"line 2", "-    2  b", "+       (end of output)"}},
		{"file shorter", "", "x\n", []string{"line 1", "-       (end of file)", "+    1  x"}},
		{"final newline", "a\n", "a", []string{"-    1  a\n", "+    1  a (no newline at end)"}},
		{"carriage return", "a\n", "a\r\n", []string{`+    1  a\r`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Diff([]byte(tt.want), []byte(tt.got))
			if tt.has == nil && d != "" {
				t.Errorf("Diff = %q, want \"\"", d)
			}
			for _, h := range tt.has {
				if !strings.Contains(d, h) {
					t.Errorf("Diff =\n%s\nwant it to contain %q", d, h)
				}
			}
		})
	}
}

// fakeT records failures instead of failing the test.
type fakeT struct {
	testing.TB
	failed string
}

func (f *fakeT) Helper()                           {}
func (f *fakeT) Errorf(format string, args ...any) { f.failed = format }
func (f *fakeT) Fatalf(format string, args ...any) { f.failed = format }
func (f *fakeT) Fatal(args ...any)                 { f.failed = "fatal" }

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "x.golden")
	ft := &fakeT{TB: t}
	Check(ft, path, []byte("x\n"))
	if !strings.Contains(ft.failed, "-update") {
		t.Errorf("missing file: failure %q, want one naming -update", ft.failed)
	}

	*update = true
	Check(t, path, []byte("x\n"))
	*update = false
	if b, err := os.ReadFile(path); err != nil || !bytes.Equal(b, []byte("x\n")) {
		t.Fatalf("after -update the file holds %q, %v", b, err)
	}

	ft = &fakeT{TB: t}
	Check(ft, path, []byte("x\n"))
	if ft.failed != "" {
		t.Errorf("equal output failed: %q", ft.failed)
	}
	Check(ft, path, []byte("y\n"))
	if ft.failed == "" {
		t.Error("different output passed")
	}

	ft = &fakeT{TB: t}
	upper := Normalize(func(b []byte) []byte { return bytes.ToUpper(b) })
	Check(ft, path, []byte("X\n"), upper)
	if ft.failed != "" {
		t.Errorf("output equal after Normalize failed: %q", ft.failed)
	}
}
