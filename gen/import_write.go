package gen

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/strata-orm/strata/internal/naming"
)

// source writes the model file of m.
func (m *imodel) source(pkg string) ([]byte, error) {
	imports := map[string]bool{}
	for imp := range m.imports {
		imports[imp] = true
	}
	for _, f := range m.fields {
		if strings.Contains(f.Type, "time.Time") {
			imports["time"] = true
		}
	}
	if len(m.assocs) > 0 || m.opts.Underscored {
		imports["github.com/strata-orm/strata"] = true
	}
	for _, a := range m.assocs {
		for _, o := range a.Opts {
			if strings.Contains(o, "schema.") {
				imports["github.com/strata-orm/strata/schema"] = true
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "package %s\n\n", pkg)
	writeImports(&b, imports)
	fmt.Fprintf(&b, "// %s is a row of the %s table.\n", m.Struct, printableComment(m.t.Name))
	if m.t.Comment != "" {
		fmt.Fprintf(&b, "//\n// %s\n", printableComment(m.t.Comment))
	}
	fmt.Fprintf(&b, "type %s struct {\n", m.Struct)
	for _, f := range m.fields {
		opts := strings.Join(f.Tag, ",")
		tag := fmt.Sprintf(`json:"%s"`, jsonName(f.Name))
		if opts != "" {
			tag = "strata:" + strconv.Quote(opts) + " " + tag
		}
		if f.col.Comment != "" {
			fmt.Fprintf(&b, "\t// %s\n", printableComment(f.col.Comment))
		}
		fmt.Fprintf(&b, "\t%s %s %s\n", f.Name, f.Type, quoteTag(tag))
	}
	if len(m.rels) > 0 {
		b.WriteString("\n")
	}
	for _, r := range m.rels {
		fmt.Fprintf(&b, "\t%s %s `json:\"%s\"`\n", r.Name, r.Type, r.JSON)
	}
	b.WriteString("}\n\n")
	fmt.Fprintf(&b, "// TableName is the table %s is stored in.\n", m.Struct)
	fmt.Fprintf(&b, "func (%s) TableName() string { return %s }\n", m.Struct, strconv.Quote(m.t.Name))
	if m.opts.Underscored {
		fmt.Fprintf(&b, "\n// ModelOptions names the columns of %s in snake_case.\n", m.Struct)
		fmt.Fprintf(&b, "func (%s) ModelOptions() strata.ModelOptions { return strata.ModelOptions{Underscored: true} }\n", m.Struct)
	}
	if len(m.assocs) > 0 {
		fmt.Fprintf(&b, "\n// Associate declares the associations of %s, from the foreign keys of the database.\n", m.Struct)
		fmt.Fprintf(&b, "func (%s) Associate(a *strata.Associations) {\n", m.Struct)
		for _, a := range m.assocs {
			args := append([]string{a.Target + "{}"}, a.Opts...)
			fmt.Fprintf(&b, "\ta.%s(%s)\n", a.Kind, strings.Join(args, ", "))
		}
		b.WriteString("}\n")
	}
	return gofmt(b.String())
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
