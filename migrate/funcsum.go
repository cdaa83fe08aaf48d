package migrate

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"reflect"
	"runtime"
	"strings"
)

// Unchecked reasons: why a Go migration's checksum cannot be computed, so
// an edit to it would go unnoticed. Status reports them (MigrationStatus.
// Unchecked).
const (
	uncheckedNoSource = "Go function, source not found: not checked"
	uncheckedNoFunc   = "Go function, its source position is unknown (a method value or generated code): not checked"
)

// funcChecksum is the checksum of a migration written as Go functions:
//
//   - with Version set, the version alone (and the no-transaction flag):
//     the author changes it when the code's effect changes, including
//     what the functions call, and it is the same wherever it is built;
//   - without, the source text of UpFunc and DownFunc themselves, found
//     from the file and line the compiled function records and read with
//     go/parser, printed without comments or layout (so a comment or
//     gofmt changes nothing). What they call is not part of it.
//
// When the source is not there (a binary built with -trimpath, or run on
// another machine) it returns "" and the reason, and the migration is not
// checked; the CLI builds a project's runner in the project, so its
// sources are found.
func funcChecksum(m Migration) (sum, unchecked string) {
	h := sha256.New()
	if m.Version != "" {
		fmt.Fprintf(h, "version %d\n%s\n", len(m.Version), m.Version)
	} else {
		for _, part := range []struct {
			label string
			fn    func(ctx context.Context, ex Executor) error
		}{{"upfunc", m.UpFunc}, {"downfunc", m.DownFunc}} {
			if part.fn == nil {
				continue
			}
			src, captured, why := funcSource(part.fn)
			if why != "" {
				return "", why
			}
			if len(captured) > 0 && unchecked == "" {
				unchecked = fmt.Sprintf("Go function captures %s from the function that made it: its text is checked, "+
					"the captured values are not (set Version)", strings.Join(captured, ", "))
			}
			fmt.Fprintf(h, "%s %d\n", part.label, len(src))
			h.Write(src)
		}
	}
	if m.NoTx {
		h.Write([]byte("notx\n"))
	}
	return ChecksumVersion + ":sha256:" + hex.EncodeToString(h.Sum(nil)), unchecked
}

// readSource reads a Go source file (a variable for the tests).
var readSource = os.ReadFile

// funcSource is the source of fn as go/printer prints it without comments:
// the function literal or declaration that starts on the line the compiled
// function records (every one there, should several start on that line).
// captured lists the variables of an enclosing function that a function
// literal uses (a helper's parameters, say): their values are not in it.
func funcSource(fn any) (src []byte, captured []string, unchecked string) {
	f := runtime.FuncForPC(reflect.ValueOf(fn).Pointer())
	if f == nil {
		return nil, nil, uncheckedNoFunc
	}
	file, line := f.FileLine(f.Entry())
	if file == "" || line == 0 || !strings.HasSuffix(file, ".go") || strings.HasSuffix(f.Name(), "-fm") {
		return nil, nil, uncheckedNoFunc
	}
	data, err := readSource(file)
	if err != nil {
		return nil, nil, uncheckedNoSource
	}
	fset := token.NewFileSet()
	parsed, err := parser.ParseFile(fset, file, data, 0)
	if err != nil {
		return nil, nil, uncheckedNoSource
	}
	var out bytes.Buffer
	var outer []ast.Node // the nodes enclosing the one visited
	ast.Inspect(parsed, func(n ast.Node) bool {
		if n == nil {
			outer = outer[:len(outer)-1]
			return true
		}
		switch n.(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			if fset.Position(n.Pos()).Line == line {
				if err := printer.Fprint(&out, fset, n); err == nil {
					out.WriteByte('\n')
				}
				// outer[0] is the file, outer[1] the top-level declaration.
				if lit, ok := n.(*ast.FuncLit); ok && len(outer) > 1 {
					captured = append(captured, capturedBy(lit, outer[1])...)
				}
			}
		}
		outer = append(outer, n)
		return true
	})
	if out.Len() == 0 {
		// The file was edited since the build: its lines moved.
		return nil, nil, uncheckedNoSource
	}
	return out.Bytes(), captured, ""
}

// capturedBy lists the identifiers lit uses that are declared in top (the
// outermost enclosing declaration) outside lit: variables it captures.
func capturedBy(lit *ast.FuncLit, top ast.Node) []string {
	var out []string
	seen := map[string]bool{}
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || id.Obj == nil || id.Obj.Kind != ast.Var || seen[id.Name] {
			return true
		}
		d, ok := id.Obj.Decl.(ast.Node)
		if !ok {
			return true
		}
		inTop := d.Pos() >= top.Pos() && d.End() <= top.End()
		inLit := d.Pos() >= lit.Pos() && d.End() <= lit.End()
		if inTop && !inLit {
			seen[id.Name] = true
			out = append(out, id.Name)
		}
		return true
	})
	return out
}
