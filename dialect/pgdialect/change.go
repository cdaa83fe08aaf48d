package pgdialect

import (
	"fmt"
	"slices"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

// changeColumn replaces a column's definition, as Sequelize's changeColumn
// does, in one ALTER TABLE: the type (converted with USING), NOT NULL, the
// default, and the unique constraint or foreign key the new definition
// declares inline. Enum types are created, replaced or dropped around it.
// When the new definition holds fewer values than the old (see
// dialect.Losses), a guard counting the rows it would lose comes first.
func (r *renderer) changeColumn(o *ddl.ChangeColumnOp) ([]dialect.Stmt, error) {
	table, name := o.Table, o.Column.Name
	bt := r.before.Table(table)
	old := *bt.Column(name)
	nc := *r.after.Table(table).Column(name)
	guard, err := dialect.GuardChange(table, old, nc, func(losses []dialect.Loss) (string, error) {
		return guardSQL(table, old, losses)
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", o, err)
	}
	if guard != nil {
		// No other session writes a value the count did not see before
		// the ALTER (which would round a DECIMAL's scale silently).
		guard.Guard.Lock = guardLock(table)
	}
	col := quoteIdent(name)
	var pre, actions, post []string
	alter := func(s string) { actions = append(actions, "ALTER COLUMN "+col+" "+s) }

	typeChanged := !old.Type.Equal(nc.Type)
	if err := changeComputed(old, nc, typeChanged); err != nil {
		return nil, fmt.Errorf("%s: %w", o, err)
	}
	if old.Generated != nil && nc.Generated == nil {
		alter("DROP EXPRESSION") // a plain column now, keeping its values
	}
	oldDefault := old.Default != nil && !old.AutoIncrement
	// The old default may not convert to the new type: drop it first and
	// set the new one after.
	droppedDefault := typeChanged && oldDefault
	if droppedDefault {
		alter("DROP DEFAULT")
	}
	if typeChanged {
		enum := enumTypeName(table, name)
		oldEnum, newEnum := hasEnum(old.Type), hasEnum(nc.Type)
		switch {
		case newEnum && !oldEnum:
			pre = append(pre, createEnumNamed(enum, enumValues(nc.Type)))
		case newEnum && oldEnum && !slices.Equal(enumValues(old.Type), enumValues(nc.Type)):
			// Values cannot be removed from an enum type: build the new
			// type beside the old one, convert through text, drop the old.
			prev := schema.DeriveName("enum", table, name, "old")
			pre = append(pre, renameEnum(enum, prev), createEnumNamed(enum, enumValues(nc.Type)))
			post = append(post, dropEnum(prev))
		case oldEnum && !newEnum:
			post = append(post, dropEnum(enum))
		}
		typ, err := columnType(nc.Type, enum)
		if err != nil {
			return nil, fmt.Errorf("%s: column %q: %w", o, name, err)
		}
		// An enum converts to other types through text. To VARCHAR(n) or
		// CHAR(n) a value goes as text, without a cast: PostgreSQL's
		// assignment to the column then refuses a value too long, where an
		// explicit cast would cut it.
		using, text := col, toText(old.Type, nc.Type)
		if oldEnum || text {
			using += "::text"
			if old.Type.Kind == schema.KindArray {
				using += "[]"
			}
		}
		if !text {
			using += "::" + typ
		}
		alter("TYPE " + typ + collateClause(old, nc) + " USING " + using)
		if old.AutoIncrement && nc.AutoIncrement && old.Type.Kind != nc.Type.Kind {
			post = append(post, sequenceAs(table, name, nc.Type))
		}
	} else if old.Collation != nc.Collation {
		typ, err := columnType(nc.Type, enumTypeName(table, name))
		if err != nil {
			return nil, fmt.Errorf("%s: column %q: %w", o, name, err)
		}
		alter("TYPE " + typ + collateClause(old, nc))
	}
	switch {
	case old.Identity != "" && nc.Identity != "" && old.Identity != nc.Identity:
		alter("SET GENERATED " + string(nc.Identity))
	case old.Identity == "" && nc.Identity != "":
		alter("ADD GENERATED " + string(nc.Identity) + " AS IDENTITY")
	case old.Identity != "" && nc.Identity == "":
		alter("DROP IDENTITY")
	}
	oldNotNull, newNotNull := old.NotNull || old.AutoIncrement, nc.NotNull || nc.AutoIncrement
	switch {
	case newNotNull && !oldNotNull:
		alter("SET NOT NULL")
	case !newNotNull && oldNotNull:
		alter("DROP NOT NULL")
	}
	switch {
	case nc.AutoIncrement:
		// The column keeps its sequence's nextval default.
	case nc.Default != nil && (droppedDefault || old.AutoIncrement || !nc.Default.Equal(old.Default)):
		def, err := renderDefault(nc)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", o, err)
		}
		alter("SET DEFAULT " + def)
	case nc.Default == nil && ((oldDefault && !droppedDefault) || (old.AutoIncrement && old.Identity == "")):
		alter("DROP DEFAULT")
	}
	actions = append(actions, inlineConstraints(bt, o.Column, table)...)
	if old.Comment != nc.Comment {
		post = append(post, commentOnColumn(table, name, nc.Comment))
	}
	out := pre
	if len(actions) > 0 {
		out = append(out, alterTable(table, actions...))
	}
	all := stmts(append(out, post...)...)
	if guard != nil {
		all = append([]dialect.Stmt{*guard}, all...)
	}
	return all, nil
}

// toText reports a change to STRING(n) or CHAR(n), or between arrays of
// those, from a type of the same arrayness.
func toText(from, to schema.Type) bool {
	if (from.Kind == schema.KindArray) != (to.Kind == schema.KindArray) {
		return false
	}
	if to.Kind == schema.KindArray && to.Elem != nil {
		to = *to.Elem
	}
	return to.Kind == schema.KindString || to.Kind == schema.KindChar
}

// sequenceAs changes the type of the sequence behind a SERIAL column to
// match the column's new integer type (a SERIAL's sequence stops at the
// largest INTEGER even after the column becomes BIGINT).
func sequenceAs(table, column string, t schema.Type) string {
	typ, _ := columnType(t, "")
	return doBlock(fmt.Sprintf(`BEGIN
  EXECUTE format('ALTER SEQUENCE %%s AS %s', pg_get_serial_sequence(%s, %s));
END`, typ, quoteLiteral(quoteIdent(table)), quoteLiteral(column)))
}

// collateClause is the COLLATE of a TYPE change to nc: its collation, or
// the type's default when old had one and nc has none.
func collateClause(old, nc schema.Column) string {
	switch {
	case nc.Collation != "":
		return " COLLATE " + quoteIdent(nc.Collation)
	case old.Collation != "":
		return ` COLLATE "default"`
	}
	return ""
}

// changeComputed refuses the changes of an identity or generated column
// one ALTER TABLE cannot make on PostgreSQL 15, before anything runs: a
// new generation expression, a generated column of another type (USING is
// not allowed there), and a serial column becoming an identity one or
// back (two ways of numbering rows, each with its own sequence).
func changeComputed(old, nc schema.Column, typeChanged bool) error {
	switch {
	case old.Generated != nil && nc.Generated != nil && (*old.Generated != *nc.Generated || typeChanged):
		return fmt.Errorf("column %q is generated: PostgreSQL 15 cannot change its expression or type in place; remove the column and add it again", nc.Name)
	case old.Generated == nil && nc.Generated != nil:
		return fmt.Errorf("column %q: PostgreSQL cannot make an existing column generated; add a new generated column instead", nc.Name)
	case old.AutoIncrement && old.Identity == "" && nc.Identity != "":
		return fmt.Errorf("column %q is SERIAL: make it an identity column with a migration that drops its default and sequence first (ddl.Raw)", nc.Name)
	case old.Identity != "" && nc.AutoIncrement && nc.Identity == "":
		return fmt.Errorf("column %q is an identity column: PostgreSQL cannot make it SERIAL in place; keep it an identity column", nc.Name)
	}
	return nil
}

// guardLock is the lock a guard takes on its table inside a transaction:
// no other session writes a row the guard's count did not see.
func guardLock(table string) string {
	return "LOCK TABLE " + quoteIdent(table) + " IN SHARE ROW EXCLUSIVE MODE"
}
