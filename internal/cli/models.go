package cli

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
)

// The project's models reach the commands that compare or draw them
// (db:check, migration:generate --auto, db:diagram) the way its Go
// migrations reach db:migrate: linked into the project's build of strata.
// The build passes the models package's All() when it has one (the list
// strata.WithModels takes), and otherwise every model the package
// declares: each exported struct type with a TableName or Associate
// method, a strata tag or an ID field (its own or that of a struct it
// embeds), as model:generate and model:import write them. A struct the
// package's other structs embed (a base with ID and timestamps) is not a
// model of its own, and a file the build leaves out (a build constraint,
// another GOOS) is not read.

// modelsPackage is what the build links from the models folder.
type modelsPackage struct {
	all   bool     // the package declares func All()
	types []string // otherwise its models' type names, sorted
}

// readModelsPackage reads the Go package in dir (nil when it has no Go files).
func readModelsPackage(dir string) *modelsPackage {
	files := goFiles(dir, "")
	if len(files) == 0 {
		return nil
	}
	out := &modelsPackage{}
	structs := map[string]*ast.StructType{}
	methods := map[string]bool{}
	for _, f := range files {
		// A file the build leaves out (a build constraint, another GOOS)
		// declares nothing the build can name.
		if ok, err := build.Default.MatchFile(dir, filepath.Base(f)); err != nil || !ok {
			continue
		}
		file, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.SkipObjectResolution)
		if err != nil {
			continue
		}
		for _, d := range file.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				// All as strata.WithModels takes it: func All() []any
				// (another All is the project's own, not the list).
				if d.Recv == nil && d.Name.Name == "All" && d.Type.TypeParams == nil && d.Type.Params.NumFields() == 0 && d.Type.Results.NumFields() == 1 {
					if at, ok := d.Type.Results.List[0].Type.(*ast.ArrayType); ok && at.Len == nil {
						out.all = true
					}
				}
				if d.Recv != nil && len(d.Recv.List) == 1 && (d.Name.Name == "TableName" || d.Name.Name == "Associate") {
					methods[recvName(d.Recv.List[0].Type)] = true
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					ts, ok := s.(*ast.TypeSpec)
					if !ok || !ts.Name.IsExported() || ts.TypeParams != nil {
						continue
					}
					if st, ok := ts.Type.(*ast.StructType); ok {
						structs[ts.Name.Name] = st
					}
				}
			}
		}
	}
	// A struct other structs of the package embed (a base holding ID and
	// the timestamps) is part of its models, not a model of its own.
	embedded := map[string]bool{}
	for _, st := range structs {
		for _, f := range st.Fields.List {
			if len(f.Names) == 0 {
				embedded[recvName(f.Type)] = true
			}
		}
	}
	for name, st := range structs {
		if methods[name] || !embedded[name] && looksLikeModel(st, structs, map[string]bool{}) {
			out.types = append(out.types, name)
		}
	}
	sort.Strings(out.types)
	return out
}

// looksLikeModel reports whether a struct has a strata tag or an ID field,
// its own or through a struct of the package it embeds.
func looksLikeModel(st *ast.StructType, structs map[string]*ast.StructType, seen map[string]bool) bool {
	for _, f := range st.Fields.List {
		if len(f.Names) == 0 {
			if name := recvName(f.Type); !seen[name] && structs[name] != nil {
				seen[name] = true
				if looksLikeModel(structs[name], structs, seen) {
					return true
				}
			}
		}
		if f.Tag != nil {
			if _, ok := reflect.StructTag(strings.Trim(f.Tag.Value, "`")).Lookup("strata"); ok {
				return true
			}
		}
		for _, n := range f.Names {
			if n.Name == "ID" {
				return true
			}
		}
	}
	return false
}

func recvName(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.StarExpr:
		return recvName(t.X)
	case *ast.Ident:
		return t.Name
	}
	return ""
}

// arg is the models' argument of the build's cli.Main call.
func (p *modelsPackage) arg() string {
	if p.all {
		return "models.All()..."
	}
	vals := make([]string, len(p.types))
	for i, t := range p.types {
		vals[i] = "models." + t + "{}"
	}
	return strings.Join(vals, ", ")
}

// hasModels reports whether the project has Go models: a models package
// that declares All or a model (init's models.go alone declares neither).
func (r *run) hasModels() bool {
	p := readModelsPackage(r.path("models-path"))
	return p != nil && (p.all || len(p.types) > 0)
}

// modelsIfAny: a command that compares the models when the project has any.
func modelsIfAny(r *run) bool { return r.hasModels() }

// checkModelsPackage reports why the project's models cannot be linked
// into its build, or nil when they can.
func (r *run) checkModelsPackage() error {
	dir := r.path("models-path")
	p := readModelsPackage(dir)
	if p == nil {
		return fmt.Errorf("%s needs the project's models, and %s holds no Go files; write them with strata model:generate or model:import, or pass --models-path", r.cmd.name, r.rel(dir))
	}
	if !p.all && len(p.types) == 0 {
		return fmt.Errorf("the models package in %s declares no model (an exported struct with a TableName method, a strata tag or an ID field) and no All function; add one, or func All() []any { return []any{User{}, ...} }", r.rel(dir))
	}
	return nil
}

// linkedModels returns the project's models, or an error saying how to
// give them.
func (r *run) linkedModels() ([]any, error) {
	if r.opts.Linked == nil || len(r.opts.Linked.Models) == 0 {
		if err := r.checkModelsPackage(); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("the models in %s list no model; add them to All", r.rel(r.path("models-path")))
	}
	return r.opts.Linked.Models, nil
}
