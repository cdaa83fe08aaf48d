package cli

import (
	"bytes"
	"context"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/strata-orm/strata/gen"
	"github.com/strata-orm/strata/sequelizejs"
)

// model:import writes Go models for a live database's tables (gen.ImportModels):
// a struct per table, with its associations inferred from the foreign keys.

func runModelImport(ctx context.Context, r *run) error {
	if r.flags.set["from-sequelize"] {
		return runModelImportSequelize(r)
	}
	p, db, err := r.project(ctx, false, false)
	if err != nil {
		return err
	}
	defer db.Close()
	live, err := p.Dialect.Inspect(ctx, db, p.StateTables...)
	if err != nil {
		return err
	}
	state := p.StateTables
	// The schema as read, not Canonical's: that folds what means the same
	// (RESTRICT and NO ACTION, DEFAULT NULL and none) and drops the
	// domains and types, and the models are to make it again exactly.
	files, rep, err := gen.ImportModels(live, gen.ImportOptions{
		Package: "models",
		Tables:  r.flags.list("tables"),
		Skip:    func(t string) bool { return slices.Contains(state, t) },
	})
	if err != nil {
		return err
	}
	if err := writeModels(r, r.path("models-path"), files, rep); err != nil {
		return err
	}
	r.printf("Imported %d model%s with %d association%s from the database.\n", len(rep.Models), plural(len(rep.Models)), len(rep.Associations), plural(len(rep.Associations)))
	return nil
}

// writeModels writes an import's model files into dir, every file checked
// before any is written, and prints what it wrote and the report.
func writeModels(r *run, dir string, files map[string][]byte, rep *gen.ImportReport) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	// Every file is checked before any is written: an import that stops
	// half-way leaves models that do not build.
	force := r.flags.bool("force")
	skeleton, _ := gen.ModelsPackage()
	// The package's own models.go (an earlier import's, or the project's):
	// the new models join its All and the rest of it is kept; without an
	// All, it is kept as it is and the build finds the models by type.
	// init's models.go is replaced.
	allPath := filepath.Join(dir, "models.go")
	if old, err := os.ReadFile(allPath); err == nil && !bytes.Equal(old, skeleton) {
		if merged, ok := mergeAll(old, rep.Models); ok {
			files["models.go"] = merged
		} else {
			delete(files, "models.go")
			names = slices.DeleteFunc(names, func(s string) bool { return s == "models.go" })
			r.printf("Kept %s as it is (it declares no All() []any{…} to add the models to).\n", r.rel(allPath))
		}
	}
	for _, n := range names {
		if n == "models.go" {
			continue
		}
		old, err := os.ReadFile(filepath.Join(dir, n))
		if err == nil && !force && !bytes.Equal(old, skeleton) {
			return fmt.Errorf("the file %s already exists; run model:import with --force to overwrite it (or --tables or --out to write other files)", r.rel(filepath.Join(dir, n)))
		}
	}
	for _, n := range names {
		if err := writeAtomic(filepath.Join(dir, n), files[n]); err != nil {
			return err
		}
	}
	for _, n := range names {
		r.printf("Wrote %s\n", r.rel(filepath.Join(dir, n)))
	}
	for _, a := range rep.Associations {
		r.printf("  association %s\n", a)
	}
	for _, w := range rep.Warnings {
		r.printf("  warning: %s\n", w)
	}
	return nil
}

// mergeAll adds the structs All's list lacks to models.go's All (func All()
// returning a composite literal), keeping the rest of the file; ok is false
// when the file declares no such All.
func mergeAll(src []byte, structs []string) ([]byte, bool) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "models.go", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, false
	}
	for _, d := range file.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Recv != nil || fn.Name.Name != "All" || fn.Body == nil || len(fn.Body.List) != 1 {
			continue
		}
		ret, ok := fn.Body.List[0].(*ast.ReturnStmt)
		if !ok || len(ret.Results) != 1 {
			return nil, false
		}
		lit, ok := ret.Results[0].(*ast.CompositeLit)
		if !ok {
			return nil, false
		}
		have := map[string]bool{}
		for _, e := range lit.Elts {
			if c, ok := e.(*ast.CompositeLit); ok {
				if id, ok := c.Type.(*ast.Ident); ok {
					have[id.Name] = true
				}
			}
		}
		var add strings.Builder
		for _, s := range structs {
			if !have[s] {
				add.WriteString("\n" + s + "{},")
			}
		}
		at := fset.Position(lit.Rbrace).Offset
		out := string(src[:at]) + add.String() + "\n" + string(src[at:])
		b, err := format.Source([]byte(out))
		if err != nil {
			return nil, false
		}
		return b, true
	}
	return nil, false
}

// runModelImportSequelize is model:import --from-sequelize DIR: the model
// files of a Sequelize project (sequelizejs.LoadModels, which runs them
// with a recording sequelize and never the generated index.js) converted
// into Go models (gen.ImportSequelize), written into --out or the models
// folder. No database is read.
func runModelImportSequelize(r *run) error {
	from := r.path("from-sequelize")
	if r.flags.set["tables"] {
		return fmt.Errorf("--tables chooses a database's tables; with --from-sequelize every model file of the folder is imported (move the others out of it)")
	}
	if r.flags.str("from-sequelize") == "" {
		return fmt.Errorf("--from-sequelize needs the folder of the Sequelize models, e.g. --from-sequelize models")
	}
	if st, err := os.Stat(from); err != nil || !st.IsDir() {
		return fmt.Errorf("--from-sequelize %s: no such folder; give the folder holding the Sequelize model files", r.rel(from))
	}
	set, err := sequelizejs.LoadModels(from)
	if err != nil {
		return err
	}
	if len(set.Models) == 0 {
		for _, p := range set.Problems {
			r.printf("  problem: %s:%d: %s: %s\n", p.File, p.Line, p.Construct, p.Reason)
		}
		return fmt.Errorf("--from-sequelize %s: no model files define a model (sequelize.define, Model.init or @Table)", r.rel(from))
	}
	files, rep, err := gen.ImportSequelize(set, gen.ImportOptions{Package: "models"})
	if err != nil {
		return err
	}
	if err := writeModels(r, r.importPath("out", "models-path"), files, rep); err != nil {
		return err
	}
	todos := 0
	for _, src := range files {
		todos += bytes.Count(src, []byte("TODO(model:import)"))
	}
	r.printf("Imported %d model%s with %d association%s from %s; %d TODO%s hold what Go models cannot (hooks, getters and setters, scopes, methods).\n",
		len(rep.Models), plural(len(rep.Models)), len(rep.Associations), plural(len(rep.Associations)), r.rel(from), todos, plural(todos))
	return nil
}
