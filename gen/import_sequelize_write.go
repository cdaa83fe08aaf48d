package gen

import (
	"fmt"
	"strconv"
	"strings"
)

// source writes the model file of m.
func (m *smodel) source(pkg string) ([]byte, error) {
	imports := map[string]bool{}
	for k := range m.imports {
		imports[k] = true
	}
	for _, f := range m.fields {
		if strings.Contains(f.Type, "time.Time") {
			imports["time"] = true
		}
		if strings.Contains(f.Type, "json.") {
			imports["encoding/json"] = true
		}
		if strings.Contains(f.Type, "strata.") {
			imports["github.com/strata-orm/strata"] = true
		}
	}
	if len(m.assocs) > 0 || m.opts.Underscored {
		imports["github.com/strata-orm/strata"] = true
	}
	for _, a := range m.assocs {
		for _, o := range a.Opts {
			if strings.Contains(o, "(schema.") {
				imports["github.com/strata-orm/strata/schema"] = true
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "package %s\n\n", pkg)
	writeImports(&b, imports)
	fmt.Fprintf(&b, "// %s is the Sequelize model %s (%s, %s) as a strata model.\n", m.Struct, printableComment(m.def.Name), printableComment(m.def.File), m.def.Form)
	for _, t := range m.todos {
		b.WriteString("//\n")
		lines := strings.Split(strings.TrimRight(t, "\n"), "\n")
		fmt.Fprintf(&b, "// TODO(model:import): %s\n", strings.ToValidUTF8(lines[0], "?"))
		for _, l := range lines[1:] {
			fmt.Fprintf(&b, "//\t%s\n", strings.ToValidUTF8(strings.ReplaceAll(l, "\t", "  "), "?"))
		}
	}
	fmt.Fprintf(&b, "type %s struct {\n", m.Struct)
	for _, f := range m.fields {
		for _, c := range f.Comment {
			fmt.Fprintf(&b, "\t// %s\n", printableComment(c))
		}
		tag := fmt.Sprintf(`json:"%s"`, f.Attr)
		if opts := strings.Join(f.Tag, ","); opts != "" {
			tag = "strata:" + strconv.Quote(opts) + " " + tag
		}
		if len(f.Validate) > 0 {
			tag += " validate:" + strconv.Quote(strings.Join(f.Validate, ","))
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
	fmt.Fprintf(&b, "func (%s) TableName() string { return %s }\n", m.Struct, strconv.Quote(m.table))
	if m.opts.Underscored {
		fmt.Fprintf(&b, "\n// ModelOptions names the columns of %s in snake_case (underscored: true).\n", m.Struct)
		fmt.Fprintf(&b, "func (%s) ModelOptions() strata.ModelOptions { return strata.ModelOptions{Underscored: true} }\n", m.Struct)
	}
	if len(m.assocs) > 0 {
		fmt.Fprintf(&b, "\n// Associate declares the associations of %s, as its associate did.\n", m.Struct)
		fmt.Fprintf(&b, "func (%s) Associate(a *strata.Associations) {\n", m.Struct)
		for _, a := range m.assocs {
			args := append([]string{a.Target + "{}"}, a.Opts...)
			fmt.Fprintf(&b, "\ta.%s(%s)\n", a.Kind, strings.Join(args, ", "))
		}
		b.WriteString("}\n")
	}
	return gofmt(b.String())
}
