package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testFuncs scans every *_test.go file under root (skipping testdata,
// hidden folders and other modules) and returns the Test and Fuzz functions
// by "dir/Name" reference.
func testFuncs(t *testing.T, root string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if path != root && (name == "testdata" || strings.HasPrefix(name, ".") || fileExists(filepath.Join(path, "go.mod"))) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		dir, err := filepath.Rel(root, filepath.Dir(path))
		if err != nil {
			return err
		}
		dir = filepath.ToSlash(dir)
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv != nil {
				continue
			}
			if n := fn.Name.Name; strings.HasPrefix(n, "Test") || strings.HasPrefix(n, "Fuzz") {
				ref := n
				if dir != "." {
					ref = dir + "/" + n
				}
				out[ref] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// TestRegistryMatchesTheTree: every test and fuzz target the registry
// names exists, and every TestReliability* test of the tree is registered,
// so no scenario drops out of the suite unnoticed.
func TestRegistryMatchesTheTree(t *testing.T) {
	funcs := testFuncs(t, "../..")
	registered := map[string]bool{}
	ids := map[string]bool{}
	for _, s := range Registry {
		if s.ID == "" || s.Title == "" || s.Plan == "" {
			t.Errorf("scenario %+v lacks an ID, title or plan", s)
		}
		if ids[s.ID] {
			t.Errorf("scenario ID %s is used twice", s.ID)
		}
		ids[s.ID] = true
		if len(s.Tests)+len(s.Offline)+len(s.Fuzz) == 0 {
			t.Errorf("scenario %s has no test", s.ID)
		}
		for _, d := range s.Dialects {
			if d != "sqlite" && d != "postgres" && d != "mysql" {
				t.Errorf("scenario %s: unknown dialect %q", s.ID, d)
			}
		}
		for _, list := range [][]string{s.Tests, s.Offline, s.Fuzz} {
			for _, ref := range list {
				dir, name := splitRef(ref)
				if on := onlyDialect(ref); on != "" && on != "sqlite" && on != "postgres" && on != "mysql" {
					t.Errorf("scenario %s: %s: unknown dialect %q", s.ID, ref, on)
				}
				key := name
				if dir != "" {
					key = dir + "/" + name
				}
				if !funcs[key] {
					t.Errorf("scenario %s names %s, which is no test function in the tree", s.ID, ref)
				}
				registered[key] = true
			}
		}
		for _, f := range s.Fuzz {
			if _, name := splitRef(f); !strings.HasPrefix(name, "Fuzz") {
				t.Errorf("scenario %s: fuzz target %s is not a Fuzz function", s.ID, f)
			}
		}
	}
	for ref := range funcs {
		if _, name := splitRef(ref); strings.HasPrefix(name, "TestReliability") && !registered[ref] {
			t.Errorf("%s is not in the registry (internal/reliability/registry.go)", ref)
		}
	}
}

// TestTestFuncsScansTheTree checks the scan itself on tests known to exist,
// so the check above cannot pass by finding nothing.
func TestTestFuncsScansTheTree(t *testing.T) {
	funcs := testFuncs(t, "../..")
	for _, ref := range []string{"TestInjectionCorpus", "migrate/TestTwoProcessesRace", "internal/query/FuzzTokenizer", "internal/reliability/TestRegistryMatchesTheTree"} {
		if !funcs[ref] {
			t.Errorf("scan missed %s", ref)
		}
	}
	for ref := range funcs {
		if strings.HasPrefix(ref, "bench/") {
			t.Errorf("scan entered the bench module: %s", ref)
		}
	}
}
