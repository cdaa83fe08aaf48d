package gen

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/strata-orm/strata/internal/naming"
)

// modelFile is what one model file declares, as ImportModels describes a
// table and ImportSequelize a Sequelize model.
type modelFile struct {
	Struct, Table string
	Doc           string          // the struct's doc comment, each line starting with //
	Fields        []fileField     // the columns' fields
	Rels          []irel          // the fields holding associated models
	Assocs        []iassoc        // the calls of Associate, if any
	Imports       map[string]bool // the packages the fields' types name
	// Underscored writes a ModelOptions method, OptionsDoc its comment.
	Underscored bool
	OptionsDoc  string
	// AssociateDoc is the comment of the Associate method.
	AssociateDoc string
}

// fileField is one column's field of a model file.
type fileField struct {
	Name, Type string
	Tag        string   // the struct tag, unquoted
	Comments   []string // a comment line each
}

// imports are the packages a model file uses: those its field types name,
// strata for ModelOptions, Associate and strata's types, and schema for
// the actions of its associations.
func (f *modelFile) imports() map[string]bool {
	imports := map[string]bool{}
	for imp := range f.Imports {
		imports[imp] = true
	}
	for _, fd := range f.Fields {
		if strings.Contains(fd.Type, "time.Time") {
			imports["time"] = true
		}
		if strings.Contains(fd.Type, "json.") {
			imports["encoding/json"] = true
		}
		if strings.Contains(fd.Type, "strata.") {
			imports["github.com/strata-orm/strata"] = true
		}
	}
	if len(f.Assocs) > 0 || f.Underscored {
		imports["github.com/strata-orm/strata"] = true
	}
	for _, a := range f.Assocs {
		for _, o := range a.Opts {
			if strings.Contains(o, "(schema.") {
				imports["github.com/strata-orm/strata/schema"] = true
			}
		}
	}
	return imports
}

// source writes the model file in package pkg.
func (f *modelFile) source(pkg string) ([]byte, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "package %s\n\n", pkg)
	writeImports(&b, f.imports())
	b.WriteString(f.Doc)
	fmt.Fprintf(&b, "type %s struct {\n", f.Struct)
	for _, fd := range f.Fields {
		for _, c := range fd.Comments {
			fmt.Fprintf(&b, "\t// %s\n", printableComment(c))
		}
		fmt.Fprintf(&b, "\t%s %s %s\n", fd.Name, fd.Type, quoteTag(fd.Tag))
	}
	if len(f.Rels) > 0 {
		b.WriteString("\n")
	}
	for _, r := range f.Rels {
		fmt.Fprintf(&b, "\t%s %s `json:\"%s\"`\n", r.Name, r.Type, r.JSON)
	}
	b.WriteString("}\n\n")
	fmt.Fprintf(&b, "// TableName is the table %s is stored in.\n", f.Struct)
	fmt.Fprintf(&b, "func (%s) TableName() string { return %s }\n", f.Struct, strconv.Quote(f.Table))
	if f.Underscored {
		fmt.Fprintf(&b, "\n// %s\n", f.OptionsDoc)
		fmt.Fprintf(&b, "func (%s) ModelOptions() strata.ModelOptions { return strata.ModelOptions{Underscored: true} }\n", f.Struct)
	}
	if len(f.Assocs) > 0 {
		fmt.Fprintf(&b, "\n// %s\n", f.AssociateDoc)
		fmt.Fprintf(&b, "func (%s) Associate(a *strata.Associations) {\n", f.Struct)
		for _, a := range f.Assocs {
			args := append([]string{a.Target + "{}"}, a.Opts...)
			fmt.Fprintf(&b, "\ta.%s(%s)\n", a.Kind, strings.Join(args, ", "))
		}
		b.WriteString("}\n")
	}
	return gofmt(b.String())
}

// filer is a model on its way to its file: an *imodel or an *smodel.
type filer interface{ file() modelFile }

// writeModels writes the files of models, in their order, in package pkg:
// file name → source, a file each and models.go with All(). It adds the
// struct names to rep.Models.
func writeModels[M filer](pkg string, models []M, rep *ImportReport) (map[string][]byte, error) {
	files := map[string][]byte{}
	names := map[string]bool{"models.go": true}
	for _, m := range models {
		f := m.file()
		src, err := f.source(pkg)
		if err != nil {
			return nil, err
		}
		files[fileName(f.Struct, names)] = src
		rep.Models = append(rep.Models, f.Struct)
	}
	all, err := allSource(pkg, rep.Models)
	if err != nil {
		return nil, err
	}
	files["models.go"] = all
	return files, nil
}

// file is the model file of m.
func (m *imodel) file() modelFile {
	doc := fmt.Sprintf("// %s is a row of the %s table.\n", m.Struct, printableComment(m.t.Name))
	if m.t.Comment != "" {
		doc += fmt.Sprintf("//\n// %s\n", printableComment(m.t.Comment))
	}
	f := modelFile{Struct: m.Struct, Table: m.t.Name, Doc: doc, Rels: m.rels, Assocs: m.assocs, Imports: m.imports,
		Underscored:  m.opts.Underscored,
		OptionsDoc:   fmt.Sprintf("ModelOptions names the columns of %s in snake_case.", m.Struct),
		AssociateDoc: fmt.Sprintf("Associate declares the associations of %s, from the foreign keys of the database.", m.Struct)}
	for _, fd := range m.fields {
		tag := structTag(fd.Tag, jsonName(fd.Name))
		var comments []string
		if fd.col.Comment != "" {
			comments = []string{fd.col.Comment}
		}
		f.Fields = append(f.Fields, fileField{Name: fd.Name, Type: fd.Type, Tag: tag, Comments: comments})
	}
	return f
}

// structTag is a field's struct tag: strata's options, if any, and its
// JSON name.
func structTag(opts []string, json string) string {
	tag := fmt.Sprintf(`json:"%s"`, json)
	if o := strings.Join(opts, ","); o != "" {
		tag = "strata:" + strconv.Quote(o) + " " + tag
	}
	return tag
}

// quoteTag writes a struct tag as a raw string, or as an interpreted one
// when it holds a backquote.
func quoteTag(tag string) string {
	if strings.Contains(tag, "`") {
		return strconv.Quote(tag)
	}
	return "`" + tag + "`"
}

// printableComment keeps text on one comment line.
func printableComment(s string) string {
	s = strings.ToValidUTF8(s, "?")
	return strings.Join(strings.Fields(s), " ")
}

// allSource writes models.go: the package's doc and All().
func allSource(pkg string, structs []string) ([]byte, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "// Package %s holds the models strata model:import wrote from the database's tables.\n", pkg)
	fmt.Fprintf(&b, "package %s\n\n", pkg)
	b.WriteString("// All lists every model, for strata.WithModels.\n")
	b.WriteString("func All() []any {\n\treturn []any{\n")
	for _, s := range structs {
		fmt.Fprintf(&b, "\t\t%s{},\n", s)
	}
	b.WriteString("\t}\n}\n")
	return gofmt(b.String())
}

// buildSuffixes are the last words of a file name that the go command
// reads as a build constraint or a test file.
var buildSuffixes = map[string]bool{
	"test": true, "aix": true, "android": true, "darwin": true, "dragonfly": true, "freebsd": true, "illumos": true,
	"ios": true, "js": true, "linux": true, "netbsd": true, "openbsd": true, "plan9": true, "solaris": true,
	"wasip1": true, "windows": true, "386": true, "amd64": true, "arm": true, "arm64": true, "loong64": true,
	"mips": true, "mips64": true, "mips64le": true, "mipsle": true, "ppc64": true, "ppc64le": true, "riscv64": true,
	"s390x": true, "wasm": true, "hurd": true, "zos": true, "unix": true,
}

// fileName is the file of a model: "order_item.go", unique, never one the
// go command would read as a test or a build constraint.
func fileName(structName string, taken map[string]bool) string {
	base := naming.Snake(structName)
	words := strings.Split(base, "_")
	if buildSuffixes[words[len(words)-1]] {
		base += "_model"
	}
	name := base + ".go"
	for i := 2; taken[name]; i++ {
		name = base + strconv.Itoa(i) + ".go"
	}
	taken[name] = true
	return name
}
