package mysqldialect

import (
	"fmt"
	"slices"
	"strings"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

// alter renders the change of one table from before to after as ALTER
// TABLE statements, computed by comparing the two: a first statement drops
// the foreign keys that go (MySQL wants that done before their indexes),
// a second makes every other change at once. Checks, keys and indexes that
// go are dropped explicitly before the columns they use, so MySQL neither
// shrinks a multi-column index to the columns left nor refuses the drop.
// The column named modify, if any, is rewritten with MODIFY COLUMN even
// when its definition is unchanged, as changeColumn asks.
func (d *Dialect) alter(before, after *schema.Database, table, modify string) ([]dialect.Stmt, error) {
	if err := d.checkTable(after, table); err != nil {
		return nil, err
	}
	b, a := before.Table(table), after.Table(table)
	if b == nil || a == nil {
		return nil, fmt.Errorf("table %q is not in the schema before and after the operation", table)
	}
	var stmts []dialect.Stmt
	var dropFKs []string
	for _, fk := range b.ForeignKeys {
		if n := a.ForeignKey(fk.Name); n == nil || !sameForeignKey(fk, *n) {
			dropFKs = append(dropFKs, "DROP FOREIGN KEY "+d.Quote(fk.Name))
		}
	}
	if len(dropFKs) > 0 {
		stmts = append(stmts, d.alterStmt(table, dropFKs))
	}

	var cl []string
	for _, ck := range b.Checks {
		if n := a.Check(ck.Name); n == nil || n.Expr != ck.Expr {
			// DROP CONSTRAINT: MariaDB 10.2+, MySQL 8.0.19+.
			cl = append(cl, "DROP CONSTRAINT "+d.Quote(ck.Name))
		}
	}
	for _, u := range b.Uniques {
		if n := a.Unique(u.Name); n == nil || !slices.Equal(n.Columns, u.Columns) {
			cl = append(cl, "DROP INDEX "+d.Quote(u.Name))
		}
	}
	for _, x := range b.Indexes {
		if n := a.Index(x.Name); n == nil || !sameIndex(x, *n) {
			cl = append(cl, "DROP INDEX "+d.Quote(x.Name))
		}
	}
	pkChanged := !slices.Equal(b.PrimaryKey, a.PrimaryKey)
	if pkChanged && len(b.PrimaryKey) > 0 {
		cl = append(cl, "DROP PRIMARY KEY")
	}
	bOwn, aOwn := foreignKeyIndexes(b), foreignKeyIndexes(a)
	for _, fk := range bOwn {
		if !slices.ContainsFunc(aOwn, func(n schema.ForeignKey) bool { return n.Name == fk.Name && slices.Equal(n.Columns, fk.Columns) }) {
			cl = append(cl, "DROP INDEX "+d.Quote(fk.Name))
		}
	}
	for _, c := range b.Columns {
		if a.Column(c.Name) == nil {
			cl = append(cl, "DROP COLUMN "+d.Quote(c.Name))
		}
	}
	for i, c := range a.Columns {
		old := b.Column(c.Name)
		if old != nil && c.Name != modify && sameColumn(*old, c) {
			continue
		}
		def, err := d.columnDef(c)
		if err != nil {
			return nil, err
		}
		if old == nil {
			cl = append(cl, "ADD COLUMN "+def+d.position(a, i))
		} else {
			cl = append(cl, "MODIFY COLUMN "+def)
		}
	}
	if pkChanged && len(a.PrimaryKey) > 0 {
		cl = append(cl, "ADD PRIMARY KEY ("+dialect.QuoteList(d, a.PrimaryKey)+")")
	}
	for _, u := range a.Uniques {
		if o := b.Unique(u.Name); o == nil || !slices.Equal(o.Columns, u.Columns) {
			cl = append(cl, "ADD "+d.uniqueKey(u))
		}
	}
	for _, x := range a.Indexes {
		if o := b.Index(x.Name); o == nil || !sameIndex(x, *o) {
			cl = append(cl, "ADD "+d.indexKey(x))
		}
	}
	for _, fk := range aOwn {
		if !slices.ContainsFunc(bOwn, func(o schema.ForeignKey) bool { return o.Name == fk.Name && slices.Equal(o.Columns, fk.Columns) }) {
			cl = append(cl, "ADD "+d.indexKey(schema.Index{Name: fk.Name, Columns: fk.Columns}))
		}
	}
	for _, fk := range a.ForeignKeys {
		if o := b.ForeignKey(fk.Name); o == nil || !sameForeignKey(fk, *o) {
			cl = append(cl, "ADD "+d.foreignKey(fk))
		}
	}
	for _, ck := range a.Checks {
		if o := b.Check(ck.Name); o == nil || o.Expr != ck.Expr {
			cl = append(cl, "ADD "+d.check(ck))
		}
	}
	if a.Comment != b.Comment {
		cl = append(cl, "COMMENT = "+quoteString(a.Comment))
	}
	if len(cl) > 0 {
		stmts = append(stmts, d.alterStmt(table, cl))
	}
	return stmts, nil
}

// position is the place of t's i'th column, a column being added: none
// when it is the last, FIRST or AFTER the column before it otherwise
// (ddl.AddColumnOp's Placed and PlacedFirst).
func (d *Dialect) position(t *schema.Table, i int) string {
	switch {
	case i == len(t.Columns)-1:
		return ""
	case i == 0:
		return " FIRST"
	}
	return " AFTER " + d.Quote(t.Columns[i-1].Name)
}

func (d *Dialect) alterStmt(table string, clauses []string) dialect.Stmt {
	if len(clauses) == 1 {
		return dialect.Stmt{SQL: "ALTER TABLE " + d.Quote(table) + " " + clauses[0]}
	}
	return dialect.Stmt{SQL: "ALTER TABLE " + d.Quote(table) + "\n  " + strings.Join(clauses, ",\n  ")}
}

// dropTable renders DROP TABLE. With cascade, the foreign keys of other
// tables that point at the table (and the indexes strata made for them)
// are dropped first: MySQL's DROP TABLE has no CASCADE.
func (d *Dialect) dropTable(o *ddl.DropTableOp, before, after *schema.Database) ([]dialect.Stmt, error) {
	drop := "DROP TABLE "
	if o.IfExists {
		drop += "IF EXISTS "
	}
	drop += d.Quote(o.Name)
	if before.Table(o.Name) == nil {
		return []dialect.Stmt{{SQL: drop}}, nil
	}
	var stmts []dialect.Stmt
	if o.Cascade {
		for _, t := range before.Tables {
			if t.Name == o.Name || !slices.ContainsFunc(t.ForeignKeys, func(fk schema.ForeignKey) bool { return fk.RefTable == o.Name }) {
				continue
			}
			s, err := d.alter(before, after, t.Name, "")
			if err != nil {
				return nil, err
			}
			stmts = append(stmts, s...)
		}
	}
	return append(stmts, dialect.Stmt{SQL: drop}), nil
}

// foreignKeyIndexes lists the foreign keys of t that no primary key, unique
// key or index of t serves: MySQL needs an index whose first columns are
// the key's, and strata creates one for each of these, named after the
// key. Which keys they are follows from the table alone, so rendering
// knows which such indexes exist without asking the database.
func foreignKeyIndexes(t *schema.Table) []schema.ForeignKey {
	var out []schema.ForeignKey
	for _, fk := range t.ForeignKeys {
		if !t.Indexed(fk.Columns) {
			out = append(out, fk)
		}
	}
	return out
}

func sameForeignKey(a, b schema.ForeignKey) bool {
	return slices.Equal(a.Columns, b.Columns) && a.RefTable == b.RefTable && slices.Equal(a.RefColumns, b.RefColumns) &&
		canonicalAction(a.OnDelete) == canonicalAction(b.OnDelete) && canonicalAction(a.OnUpdate) == canonicalAction(b.OnUpdate)
}

func sameIndex(a, b schema.Index) bool {
	return a.Unique == b.Unique && a.Where == b.Where && slices.Equal(a.Columns, b.Columns) && strings.EqualFold(a.Method, b.Method) && a.SameLengths(b)
}

// sameColumn reports whether a and b render the same column definition.
func sameColumn(a, b schema.Column) bool {
	return a.Type.Equal(b.Type) && a.NotNull == b.NotNull && a.AutoIncrement == b.AutoIncrement &&
		a.Default.Equal(b.Default) && a.Comment == b.Comment && a.Collation == b.Collation &&
		a.OnUpdate.Equal(b.OnUpdate) && sameGenerated(a.Generated, b.Generated)
}

func sameGenerated(a, b *schema.Generated) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Stored == b.Stored && NormalizeExpr(a.Expr) == NormalizeExpr(b.Expr)
}
