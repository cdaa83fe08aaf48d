package gen

import (
	"fmt"
	"strconv"
	"strings"
)

// file is the model file of m: its hooks, getters, setters and what else
// has no Go form are TODO comments on the struct.
func (m *smodel) file() modelFile {
	var doc strings.Builder
	fmt.Fprintf(&doc, "// %s is the Sequelize model %s (%s, %s) as a strata model.\n", m.Struct, printableComment(m.def.Name), printableComment(m.def.File), m.def.Form)
	for _, t := range m.todos {
		doc.WriteString("//\n")
		lines := strings.Split(strings.TrimRight(t, "\n"), "\n")
		fmt.Fprintf(&doc, "// TODO(model:import): %s\n", strings.ToValidUTF8(lines[0], "?"))
		for _, l := range lines[1:] {
			fmt.Fprintf(&doc, "//\t%s\n", strings.ToValidUTF8(strings.ReplaceAll(l, "\t", "  "), "?"))
		}
	}
	f := modelFile{Struct: m.Struct, Table: m.table, Doc: doc.String(), Rels: m.rels, Assocs: m.assocs, Imports: m.imports,
		Underscored:  m.opts.Underscored,
		OptionsDoc:   fmt.Sprintf("ModelOptions names the columns of %s in snake_case (underscored: true).", m.Struct),
		AssociateDoc: fmt.Sprintf("Associate declares the associations of %s, as its associate did.", m.Struct)}
	for _, fd := range m.fields {
		tag := structTag(fd.Tag, fd.Attr)
		if len(fd.Validate) > 0 {
			tag += " validate:" + strconv.Quote(strings.Join(fd.Validate, ","))
		}
		f.Fields = append(f.Fields, fileField{Name: fd.Name, Type: fd.Type, Tag: tag, Comments: fd.Comment})
	}
	return f
}
