package archtest

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// The root package's layers are listed in ARCHITECTURE.md between these
// two lines, one layer per line: its number, its name, and its files
// (names or path.Match patterns such as assoc_*.go). A higher number is a higher layer.
const (
	layersBegin = "<!-- layers of the root package -->"
	layersEnd   = "<!-- end of layers -->"
)

type layer struct {
	n     int
	name  string
	files []string
}

// readLayers reads the layer table from ARCHITECTURE.md, so the document
// and the check cannot disagree.
func readLayers(t *testing.T, path string) []layer {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []layer
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == layersBegin:
			in = true
			continue
		case line == layersEnd:
			in = false
			continue
		}
		if !in || line == "" || strings.HasPrefix(line, "```") || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		n, err := strconv.Atoi(fields[0])
		if err != nil || len(fields) < 3 {
			t.Fatalf("%s: layer line %q: want <number> <name> <files…>", path, line)
		}
		out = append(out, layer{n: n, name: fields[1], files: fields[2:]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("%s has no layer table between %q and %q", path, layersBegin, layersEnd)
	}
	return out
}

// layerOf finds the one layer whose list names file (exactly, or by a
// path.Match pattern).
func layerOf(layers []layer, file string) (layer, error) {
	var found []layer
	for _, l := range layers {
		for _, pat := range l.files {
			if ok, _ := path.Match(pat, file); ok {
				found = append(found, l)
				break
			}
		}
	}
	switch len(found) {
	case 0:
		return layer{}, fmt.Errorf("%s is in no layer of ARCHITECTURE.md's table: add it to the layer it belongs to", file)
	case 1:
		return found[0], nil
	}
	return layer{}, fmt.Errorf("%s is in %d layers of ARCHITECTURE.md's table (%s and %s)", file, len(found), found[0].name, found[1].name)
}

// TestRootLayers keeps the root package's files in layers: no file calls
// or uses a function, method, type or variable declared in a file of a
// higher layer. It type-checks the package (tests excluded), so a method
// call is attributed to the file that declares that method.
func TestRootLayers(t *testing.T) {
	root := filepath.Join("..", "..")
	layers := readLayers(t, filepath.Join(root, "ARCHITECTURE.md"))

	fset := token.NewFileSet()
	matches, err := filepath.Glob(filepath.Join(root, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	fileLayer := map[string]layer{}
	for _, m := range matches {
		if strings.HasSuffix(m, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, m, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
		l, err := layerOf(layers, filepath.Base(m))
		if err != nil {
			t.Error(err)
			continue
		}
		fileLayer[filepath.Base(m)] = l
	}
	if t.Failed() {
		return
	}
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	pkg, err := conf.Check(mod, fset, files, info)
	if err != nil {
		t.Fatalf("type-checking the root package: %v", err)
	}

	type edge struct{ from, to, name string }
	seen := map[edge]bool{}
	var bad []string
	for id, obj := range info.Uses {
		if obj.Pkg() != pkg || !obj.Pos().IsValid() {
			continue
		}
		if v, ok := obj.(*types.Var); ok && !v.IsField() && v.Parent() != pkg.Scope() {
			continue // a local variable or parameter
		}
		if _, ok := obj.(*types.Var); ok && obj.(*types.Var).IsField() {
			continue // fields belong to their type's file
		}
		if obj.Parent() != nil && obj.Parent() != pkg.Scope() {
			continue // declared inside a function
		}
		from := filepath.Base(fset.Position(id.Pos()).Filename)
		to := filepath.Base(fset.Position(obj.Pos()).Filename)
		if from == to || fileLayer[to].n <= fileLayer[from].n {
			continue
		}
		e := edge{from, to, obj.Name()}
		if seen[e] {
			continue
		}
		seen[e] = true
		bad = append(bad, fmt.Sprintf("%s (layer %d %s) uses %s of %s (layer %d %s)",
			from, fileLayer[from].n, fileLayer[from].name, obj.Name(), to, fileLayer[to].n, fileLayer[to].name))
	}
	sort.Strings(bad)
	for _, b := range bad {
		t.Error(b)
	}
	if t.Failed() {
		return
	}
	t.Logf("%d files in %d layers; %d uses across layers, none upward", len(files), len(layers), countCross(info, pkg, fset, fileLayer))
}

// countCross counts the uses of a package-level name of another file of
// a lower layer, so the log says how much the check looked at.
func countCross(info *types.Info, pkg *types.Package, fset *token.FileSet, fileLayer map[string]layer) int {
	n := 0
	for id, obj := range info.Uses {
		if obj.Pkg() != pkg || obj.Parent() != pkg.Scope() && !isMethod(obj) {
			continue
		}
		from := filepath.Base(fset.Position(id.Pos()).Filename)
		to := filepath.Base(fset.Position(obj.Pos()).Filename)
		if from != to && fileLayer[to].n < fileLayer[from].n {
			n++
		}
	}
	return n
}

func isMethod(obj types.Object) bool {
	f, ok := obj.(*types.Func)
	return ok && f.Signature().Recv() != nil
}
