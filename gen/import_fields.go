package gen

import (
	"go/token"
	"slices"
	"strconv"
	"strings"

	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/schema"
)

// typeFields sets each field's Go type and its column, notnull, default
// and type options.
func (m *imodel) typeFields(pk []string, rep *ImportReport) {
	t := m.t
	for _, f := range m.fields {
		c := f.col
		typ, imp := importGoType(c.Type)
		if imp != "" {
			m.imports[imp] = true
		}
		col := ""
		if model.ColumnName(f.Name, m.opts) != c.Name {
			col = c.Name
		}
		f.Tag = append(f.Tag, col)
		stamp := (f.Name == "CreatedAt" || f.Name == "UpdatedAt") && typ == "time.Time" && c.NotNull
		ptr := !f.pk && !stamp && (!c.NotNull || c.Default != nil || c.AutoIncrement)
		f.Type = typ
		if ptr {
			f.Type = nullable(typ)
		}
		if c.NotNull && !f.pk {
			f.Tag = append(f.Tag, "notnull")
		}
		if d := c.Default; d != nil {
			if opt := "default=" + tagDefault(c.Type, d); tagHolds(opt) {
				f.Tag = append(f.Tag, opt)
			} else {
				rep.warn("column %s.%s has the SQL default %s, which a tag cannot carry (unbalanced quotes or parentheses): left out (SchemaReport will list it)", t.Name, c.Name, d.Value)
			}
		}
		if d := c.OnUpdate; d != nil {
			if opt := "onupdate=" + tagDefault(c.Type, d); tagHolds(opt) {
				f.Tag = append(f.Tag, opt)
			} else {
				rep.warn("column %s.%s has ON UPDATE %s, which a tag cannot carry: left out; it stays in the database", t.Name, c.Name, d.GoString())
			}
		}
		if c.Collation != "" {
			if opt := "collate=" + c.Collation; tagHolds(opt) {
				f.Tag = append(f.Tag, opt)
			} else {
				rep.warn("column %s.%s has the collation %s, which a tag cannot carry; it stays in the database", t.Name, c.Name, c.Collation)
			}
		}
		if opt := typeOption(c.Type, typ); opt != "" {
			f.Tag = append(f.Tag, opt)
			if c.Type.Kind == schema.KindNative {
				rep.warn("column %s.%s has the %s type %s, which no portable type is: kept as %s (its model runs on %s only)", t.Name, c.Name, c.Type.Dialect, c.Type.Native, opt, c.Type.Dialect)
			}
		}
		if f.Name == "DeletedAt" && f.Type != "*time.Time" {
			// DeletedAt makes a model paranoid and must then be *time.Time.
			f.Name = m.fieldName(c.Name + "Value")
			f.Tag[0] = c.Name
		}
	}
}

// keyTags adds pk, autoincrement and unique options.
func (m *imodel) keyTags(pk []string, rep *ImportReport) {
	t := m.t
	for _, name := range pk {
		f := m.byCol[name]
		if f == nil {
			continue
		}
		conventional := len(pk) == 1 && (f.Name == "ID" || f.Col == "id") && f.Type == "int" && f.col.AutoIncrement
		if !conventional {
			f.Tag = append(f.Tag, "pk")
			if f.col.AutoIncrement && len(pk) == 1 {
				f.Tag = append(f.Tag, "autoincrement")
			}
		}
	}
	if len(pk) > 1 {
		var order []string
		for _, f := range m.fields {
			if f.pk {
				order = append(order, f.Col)
			}
		}
		if !slices.Equal(order, pk) {
			rep.warn("table %s: the primary key (%s) takes its columns in field order in the model (%s)", t.Name, strings.Join(pk, ", "), strings.Join(order, ", "))
		}
	}
	for _, f := range m.fields {
		if f.col.AutoIncrement && !f.pk {
			f.Tag = append(f.Tag, "autoincrement")
		}
	}
	type key struct {
		name string
		cols []string
	}
	var keys []key
	for _, u := range t.Uniques {
		keys = append(keys, key{u.Name, u.Columns})
	}
	for _, x := range t.Indexes {
		if !x.Unique {
			continue
		}
		plain := x.Where == "" && x.Method == "" && len(x.Include) == 0 && !x.NullsNotDistinct && x.Lengths == nil
		for _, c := range x.Columns {
			plain = plain && m.byCol[c] != nil
		}
		if !plain {
			rep.warn("table %s: the unique index %s (%s) is not a plain unique key, which models cannot declare yet; it stays in the database", t.Name, x.Name, strings.Join(x.Columns, ", "))
			continue
		}
		keys = append(keys, key{x.Name, x.Columns})
	}
	group := 0
	used := map[*ifield]string{}
	for _, k := range keys {
		if slices.Equal(k.cols, pk) && len(pk) == len(t.PrimaryKey) {
			continue
		}
		var fs []*ifield
		for _, c := range k.cols {
			if f := m.byCol[c]; f != nil {
				fs = append(fs, f)
			}
		}
		if len(fs) != len(k.cols) || slices.ContainsFunc(fs, func(f *ifield) bool { return used[f] != "" }) {
			rep.warn("table %s: the unique key %s (%s) shares a column with another unique key; a field declares one, so it is left out", t.Name, k.name, strings.Join(k.cols, ", "))
			continue
		}
		opt := "unique"
		if len(fs) > 1 {
			group++
			opt = "unique=" + uniqueGroup(k.name, group)
		}
		for _, f := range fs {
			used[f] = opt
			f.Tag = append(f.Tag, opt)
		}
	}
}

// uniqueGroup is a tag's name for a composite unique key: its constraint
// name when a tag can hold it, else uN.
func uniqueGroup(name string, n int) string {
	if name != "" && token.IsIdentifier(name) {
		return name
	}
	return "u" + strconv.Itoa(n)
}

// tagHolds reports whether opt is one option of a tag: model's splitTag
// reads it back whole (its quotes and parentheses balance).
func tagHolds(opt string) bool {
	return len(model.SplitTag(opt)) == 1 && strings.Count(opt, "'")%2 == 0 && strings.Count(opt, "(") == strings.Count(opt, ")")
}

// importGoType is the Go type of a field for t and the import it needs:
// model:generate's mapping, and for a native type the Go type its
// spelling suggests.
func importGoType(t schema.Type) (string, string) {
	if t.Kind != schema.KindNative {
		return goType(t)
	}
	n := strings.ToLower(t.Native)
	switch {
	case strings.Contains(n, "bool"):
		return "bool", ""
	case strings.Contains(n, "int") && !strings.Contains(n, "interval") && !strings.Contains(n, "point") && !strings.Contains(n, "range") && !strings.Contains(n, "[]"):
		return "int64", ""
	case strings.Contains(n, "double") || strings.Contains(n, "float") || strings.Contains(n, "real"):
		return "float64", ""
	case strings.HasPrefix(n, "timestamp") || strings.HasPrefix(n, "datetime") || n == "date":
		return "time.Time", "time"
	case strings.Contains(n, "blob") || strings.Contains(n, "binary") || n == "bytea":
		return "[]byte", ""
	}
	return "string", ""
}
