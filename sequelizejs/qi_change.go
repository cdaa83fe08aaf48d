package sequelizejs

import (
	"fmt"

	"github.com/dop251/goja"
	"github.com/strata-orm/strata/ddl"
)

// changeColumnAsSequelize records the changeColumn calls whose effect in
// Sequelize is not "the column becomes the new definition"; handled is
// false for the others, which changeColumn records as a full change.
//
//   - PostgreSQL, a definition with references: changeColumnQuery then
//     sets NOT NULL and the default only when given, never drops them and
//     leaves the type alone, adds a unique key when unique is given, and
//     adds the foreign key (named by PostgreSQL, <t>_<c>_fkey). The
//     column keeps what it had.
//   - SQLite: changeColumn reads the table (describeTable) and assigns
//     the new options over the column's (Object.assign), so allowNull and
//     defaultValue not given are kept; a bare DataType is allowNull true.
//     The table rebuild Sequelize then runs also loses constraint names,
//     composite uniques, ON DELETE and AUTOINCREMENT: strata keeps those
//     (the schema the migration means), see docs/sequelize-fidelity.md.
func (rec *recording) changeColumnAsSequelize(table, name string, given goja.Value, col ddl.ColumnDef) (handled bool) {
	t := rec.db.Table(table)
	if t == nil || t.Column(name) == nil {
		return false
	}
	old := *t.Column(name)
	attrs, isAttrs := given.(*goja.Object)
	if isAttrs && IsDataType(given) {
		isAttrs = false
	}
	has := func(k string) bool { return isAttrs && opt(attrs, k) != nil }
	hasKey := func(k string) bool {
		if !isAttrs {
			return false
		}
		for _, key := range attrs.Keys() {
			if key == k {
				return true
			}
		}
		return false
	}
	switch {
	case rec.d == Postgres && col.Ref != nil:
		merged := ddl.ColumnDef{Column: old}
		merged.Column.Type = old.Type.Clone()
		if col.Column.NotNull {
			merged.Column.NotNull = true
		}
		if has("defaultValue") && col.Column.Default != nil {
			merged.Column.Default = col.Column.Default
		}
		if merged.Column.NotNull != old.NotNull || merged.Column.Default != old.Default {
			rec.emit(ddl.ChangeColumn(table, merged))
		}
		if col.IsUnique && !t.IsKey([]string{name}) {
			rec.emit(ddl.AddUnique(table, name).Named(rec.uniqueName(table, []string{name}, nil)))
		}
		fk := ddl.AddForeignKey(table, []string{name}, col.Ref.Table, []string{col.Ref.Column}).Named(col.Ref.Name).
			WithOnDelete(col.Ref.OnDelete).WithOnUpdate(col.Ref.OnUpdate)
		rec.emit(fk)
		rec.warn(fmt.Sprintf("changeColumn(%q, %q) with references: Sequelize on PostgreSQL only adds the foreign key (and NOT NULL or the default when given); the column keeps its type", table, name))
		return true
	case rec.d == SQLite && !col.IsUnique:
		merged := col
		merged.Column.Name = name
		switch {
		case !isAttrs: // a bare DataType: {type, allowNull: true}
			merged.Column.NotNull = false
			merged.Column.Default = old.Default
		default:
			if !hasKey("allowNull") {
				merged.Column.NotNull = old.NotNull
			}
			if !hasKey("defaultValue") {
				merged.Column.Default = old.Default
			}
		}
		if !hasKey("comment") {
			merged.Column.Comment = old.Comment
		}
		rec.emit(ddl.ChangeColumn(table, merged))
		return true
	}
	return false
}
