package schemadiff

import (
	"slices"
	"strings"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/schema"
)

// columns compares the columns of a table both sides have: added at the
// end, dropped, or changed in place. Column order is not compared (no
// dialect reorders columns).
func (d *differ) columns(ft, tt *schema.Table) {
	var dropped, added []schema.Column
	for _, fc := range ft.Columns {
		tc := tt.Column(fc.Name)
		if tc == nil {
			dropped = append(dropped, fc)
			d.add(Change{Kind: DropColumn, Table: ft.Name, Name: fc.Name, From: columnWords(fc), Destructive: true},
				step{phDropColumn, ddl.RemoveColumn(ft.Name, fc.Name)})
			continue
		}
		if sameColumn(fc, *tc) {
			continue
		}
		nc := merged(fc, *tc)
		k := ChangeColumn
		if fc.Type.Kind == schema.KindEnum && tc.Type.Kind == schema.KindEnum {
			k = ChangeEnum
		}
		d.add(Change{Kind: k, Table: ft.Name, Name: fc.Name, From: columnWords(fc), To: columnWords(nc), Destructive: narrows(fc.Type, tc.Type)},
			step{phChangeColumn, ddl.ChangeColumn(ft.Name, ddl.ColumnOf(nc))})
	}
	for _, tc := range tt.Columns {
		if ft.Column(tc.Name) == nil {
			added = append(added, tc)
			d.add(Change{Kind: AddColumn, Table: ft.Name, Name: tc.Name, To: columnWords(tc)},
				step{phAddColumn, ddl.AddColumn(ft.Name, ddl.ColumnOf(tc))})
		}
	}
	d.res.Suggested = append(d.res.Suggested, suggestColumns(ft.Name, dropped, added)...)
}

// sameColumn compares what models declare of a column: its type,
// nullability, default and auto increment.
func sameColumn(a, b schema.Column) bool {
	return a.Type.Equal(b.Type) && a.NotNull == b.NotNull && a.AutoIncrement == b.AutoIncrement && sameDefault(a.Default, b.Default)
}

// sameDefault compares two defaults, taking an explicit NULL default for
// none: a column read back or written as DEFAULT NULL and one declared
// without a default hold the same thing.
func sameDefault(a, b *schema.Default) bool {
	return noNull(a).Equal(noNull(b))
}

func noNull(d *schema.Default) *schema.Default {
	if d != nil && (d.Kind == schema.DefaultExpr || d.Kind == schema.DefaultLiteral && d.Value == "") && strings.EqualFold(strings.TrimSpace(d.Value), "NULL") {
		return nil
	}
	return d
}

// merged is the column `to` has, keeping what the comparison leaves out
// (comment, collation, identity, ON UPDATE, generation) from `from` when
// `to` says nothing of it, as models do.
func merged(from, to schema.Column) schema.Column {
	c := to.Clone()
	if c.Comment == "" {
		c.Comment = from.Comment
	}
	if c.Collation == "" {
		c.Collation = from.Collation
	}
	if c.Identity == "" && c.AutoIncrement {
		c.Identity = from.Identity
	}
	if c.OnUpdate == nil && from.OnUpdate != nil {
		d := *from.OnUpdate
		c.OnUpdate = &d
	}
	if c.Generated == nil && from.Generated != nil {
		g := *from.Generated
		c.Generated = &g
	}
	return c
}

// narrows reports whether a column of type a may lose data when changed to
// type b: a shorter string, a smaller integer, fewer digits, fewer enum
// values, or a change of kind other than a plain widening.
func narrows(a, b schema.Type) bool {
	if a.Equal(b) {
		return false
	}
	size := func(t schema.Type) int {
		if t.Size == 0 {
			return schema.DefaultStringSize
		}
		return t.Size
	}
	ints := []schema.Kind{schema.KindSmallInt, schema.KindInteger, schema.KindBigInt}
	switch {
	case a.Kind == schema.KindEnum && b.Kind == schema.KindEnum:
		for _, v := range a.Values {
			if !slices.Contains(b.Values, v) {
				return true
			}
		}
		return false
	case (a.Kind == schema.KindString || a.Kind == schema.KindChar || a.Kind == schema.KindEnum) && b.Kind == schema.KindText:
		return false
	case a.Kind == b.Kind && (a.Kind == schema.KindString || a.Kind == schema.KindChar):
		return size(b) < size(a)
	case a.Kind == schema.KindChar && b.Kind == schema.KindString:
		return size(b) < size(a)
	case slices.Contains(ints, a.Kind) && slices.Contains(ints, b.Kind):
		return slices.Index(ints, b.Kind) < slices.Index(ints, a.Kind)
	case a.Kind == schema.KindFloat && b.Kind == schema.KindDouble:
		return false
	case a.Kind == schema.KindDecimal && b.Kind == schema.KindDecimal:
		return b.Scale < a.Scale || b.Precision-b.Scale < a.Precision-a.Scale
	}
	return true
}

// columnWords describes a column as a change's From or To:
// "INTEGER NOT NULL DEFAULT 0".
func columnWords(c schema.Column) string {
	w := []string{c.Type.String()}
	if c.NotNull {
		w = append(w, "NOT NULL")
	} else {
		w = append(w, "NULL")
	}
	if c.Default != nil {
		v := c.Default.Value
		switch c.Default.Kind {
		case schema.DefaultNow:
			v = "NOW"
		case schema.DefaultUUIDv4:
			v = "UUIDV4"
		case schema.DefaultLiteral:
			v = "'" + strings.ReplaceAll(v, "'", "''") + "'"
		}
		w = append(w, "DEFAULT "+v)
	}
	if c.AutoIncrement {
		w = append(w, "AUTO_INCREMENT")
	}
	return strings.Join(w, " ")
}
