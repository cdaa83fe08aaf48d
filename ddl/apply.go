package ddl

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/strata-orm/strata/schema"
)

// Replay applies ops to db in order, stopping at the first error. On error db
// holds the result of the operations before the failing one.
func Replay(db *schema.Database, ops ...Op) error {
	for _, op := range ops {
		if err := op.Apply(db); err != nil {
			return err
		}
	}
	return nil
}

// ReverseAll returns the operations that undo ops, in the order to run them,
// given the schema before the first of them.
func ReverseAll(before *schema.Database, ops ...Op) ([]Op, error) {
	cur := before.Clone()
	var undo [][]Op
	for _, op := range ops {
		rev, err := op.Reverse(cur)
		if err != nil {
			return nil, err
		}
		if err := op.Apply(cur); err != nil {
			return nil, err
		}
		undo = append(undo, rev)
	}
	var out []Op
	for i := len(undo) - 1; i >= 0; i-- {
		out = append(out, undo[i]...)
	}
	return out, nil
}

// transact runs f on a copy of db and commits it only when f succeeds, so a
// failed Apply leaves db unchanged.
func transact(db *schema.Database, f func(db *schema.Database) error) error {
	work := db.Clone()
	if err := f(work); err != nil {
		return err
	}
	*db = *work
	return nil
}

// Apply implements Op.
func (o *CreateTableOp) Apply(db *schema.Database) error {
	return transact(db, func(db *schema.Database) error {
		if err := checkName(o, "table", o.Name); err != nil {
			return err
		}
		if db.Table(o.Name) != nil {
			return fail(o, ErrExists, "table %q already exists", o.Name)
		}
		if len(o.Columns) == 0 {
			return fail(o, ErrInvalid, "table %q has no columns", o.Name)
		}
		t := o.Table()
		if err := inherit(o, db, &t); err != nil {
			return err
		}
		seen := map[string]bool{}
		autos := 0
		for _, c := range t.Columns {
			if err := checkColumnDef(o, &t, c); err != nil {
				return err
			}
			if seen[c.Name] {
				return fail(o, ErrExists, "column %q is declared twice", c.Name)
			}
			seen[c.Name] = true
			if c.AutoIncrement && c.Identity == "" {
				// An identity column (PostgreSQL) numbers rows without
				// being the key; a serial or AUTO_INCREMENT one is the key.
				autos++
				if autoWithoutKey(&t, c) && !o.Imported {
					return fail(o, ErrInvalid, "column %q: autoIncrement needs the column to be the table's only primary key", c.Name)
				}
			}
		}
		if len(t.PrimaryKey) > 0 {
			if err := columns(o, &t, t.PrimaryKey, "primary key"); err != nil {
				return err
			}
		}
		db.Tables = append(db.Tables, schema.Table{Name: t.Name})
		nt := db.Table(t.Name)
		*nt = t
		nt.Uniques, nt.ForeignKeys, nt.Checks = nil, nil, nil
		for _, u := range t.Uniques {
			if err := addUnique(o, db, nt, u); err != nil {
				return err
			}
		}
		for _, ck := range t.Checks {
			if err := addCheck(o, db, nt, ck); err != nil {
				return err
			}
		}
		for _, fk := range t.ForeignKeys {
			if err := addForeignKey(o, db, nt, fk); err != nil {
				return err
			}
		}
		return nil
	})
}

func addUnique(op Op, db *schema.Database, t *schema.Table, u schema.Unique) error {
	if err := claimIndexName(op, db, t, "unique constraint", u.Name); err != nil {
		return err
	}
	if err := columns(op, t, u.Columns, fmt.Sprintf("unique constraint %q", u.Name)); err != nil {
		return err
	}
	t.Uniques = append(t.Uniques, schema.Unique{Name: u.Name, Columns: slices.Clone(u.Columns)})
	return nil
}

func addCheck(op Op, db *schema.Database, t *schema.Table, ck schema.Check) error {
	if err := claimName(op, db, "check constraint", ck.Name); err != nil {
		return err
	}
	if strings.TrimSpace(ck.Expr) == "" {
		return fail(op, ErrInvalid, "check constraint %q has an empty expression", ck.Name)
	}
	t.Checks = append(t.Checks, ck)
	return nil
}

func addForeignKey(op Op, db *schema.Database, t *schema.Table, fk schema.ForeignKey) error {
	if err := claimName(op, db, "foreign key", fk.Name); err != nil {
		return err
	}
	if err := checkForeignKey(op, db, t, fk); err != nil {
		return err
	}
	fk.OnDelete, fk.OnUpdate = orNoAction(fk.OnDelete), orNoAction(fk.OnUpdate)
	t.ForeignKeys = append(t.ForeignKeys, fk)
	return nil
}

// Apply implements Op.
func (o *DropTableOp) Apply(db *schema.Database) error {
	return transact(db, func(db *schema.Database) error {
		if err := checkName(o, "table", o.Name); err != nil {
			return err
		}
		if db.Table(o.Name) == nil {
			if o.IfExists {
				return nil
			}
			return fail(o, ErrNotFound, "table %q does not exist%s", o.Name, suggest(o.Name, db.TableNames()))
		}
		if refs := referencing(db, o.Name, ""); len(refs) > 0 && !(o.Imported && !o.Cascade) {
			// An imported drop leaves the keys pointing at nothing, as
			// SQLite does (Warnings names them).
			if !o.Cascade {
				return fail(o, ErrInvalid, "table %q is referenced by foreign key %s; drop or remove those first, or drop with cascade", o.Name, strings.Join(refs, ", "))
			}
			for i := range db.Tables {
				t := &db.Tables[i]
				t.ForeignKeys = slices.DeleteFunc(t.ForeignKeys, func(fk schema.ForeignKey) bool { return fk.RefTable == o.Name })
			}
		}
		if heirs := inheriting(db, o.Name); len(heirs) > 0 {
			if !o.Cascade {
				return fail(o, ErrInvalid, "table %q is inherited by %s; drop those first, or drop with cascade", o.Name, strings.Join(heirs, ", "))
			}
			for _, h := range heirs {
				// As PostgreSQL's DROP … CASCADE does, the tables
				// inheriting from it go with it.
				if err := (&DropTableOp{Name: h, Cascade: true, IfExists: true}).Apply(db); err != nil {
					return err
				}
			}
		}
		db.Tables = slices.DeleteFunc(db.Tables, func(t schema.Table) bool { return t.Name == o.Name })
		dropObjectsOn(db, o.Name)
		return nil
	})
}

// inheriting lists the tables that inherit from table.
func inheriting(db *schema.Database, table string) []string {
	var out []string
	for _, t := range db.Tables {
		if slices.Contains(t.Inherits, table) {
			out = append(out, t.Name)
		}
	}
	return out
}

// Apply implements Op.
func (o *RenameTableOp) Apply(db *schema.Database) error {
	return transact(db, func(db *schema.Database) error {
		t, err := table(o, db, o.From)
		if err != nil {
			return err
		}
		if err := checkName(o, "table", o.To); err != nil {
			return err
		}
		if db.Table(o.To) != nil {
			return fail(o, ErrExists, "table %q already exists", o.To)
		}
		t.Name = o.To
		if db.TableScopedIndexNames {
			renameNumberedKeys(t, o.From, o.To)
		}
		staleObjectsOn(db, o.From)
		for i := range db.Objects {
			if b := &db.Objects[i]; b.Table == o.From {
				b.Table = o.To // a trigger stays with its table
			}
		}
		for i := range db.Tables {
			for j := range db.Tables[i].ForeignKeys {
				if fk := &db.Tables[i].ForeignKeys[j]; fk.RefTable == o.From {
					fk.RefTable = o.To
				}
			}
			for j, p := range db.Tables[i].Inherits {
				if p == o.From {
					db.Tables[i].Inherits[j] = o.To // the heirs follow their parent
				}
			}
		}
		return nil
	})
}

// Apply implements Op.
func (o *AddColumnOp) Apply(db *schema.Database) error {
	return transact(db, func(db *schema.Database) error {
		t, err := table(o, db, o.Table)
		if err != nil {
			return err
		}
		c := o.Column
		if err := checkColumnDef(o, t, c.Column); err != nil {
			return err
		}
		if t.Column(c.Name) != nil {
			return fail(o, ErrExists, "table %q already has a column %q", t.Name, c.Name)
		}
		if c.Column.AutoIncrement {
			return fail(o, ErrInvalid, "column %q: autoIncrement can only be declared when the table is created", c.Name)
		}
		if c.IsPrimaryKey {
			return fail(o, ErrInvalid, "column %q: add a primary-key column with createTable, or add the column and then addConstraint a primary key", c.Name)
		}
		at, err := o.position(t)
		if err != nil {
			return err
		}
		t.Columns = slices.Insert(t.Columns, at, c.Column.Clone())
		if u, ok := c.UniqueConstraint(t.Name); ok {
			if err := addUnique(o, db, t, u); err != nil {
				return err
			}
		}
		if fk, ok := c.ForeignKey(t.Name); ok {
			if err := addForeignKey(o, db, t, fk); err != nil {
				return err
			}
		}
		return nil
	})
}

// mentions reports whether the SQL expression expr names column as a word.
func mentions(expr, column string) bool {
	re := regexp.MustCompile(`(^|[^\w])["` + "`" + `]?` + regexp.QuoteMeta(column) + `["` + "`" + `]?([^\w]|$)`)
	return re.MatchString(expr)
}

// Apply implements Op.
func (o *RemoveColumnOp) Apply(db *schema.Database) error {
	return transact(db, func(db *schema.Database) error {
		t, err := table(o, db, o.Table)
		if err != nil {
			return err
		}
		staleObjectsOn(db, o.Table)
		if _, err := column(o, t, o.Column); err != nil {
			return err
		}
		if len(t.Columns) == 1 {
			return fail(o, ErrInvalid, "%q is the only column of %q; drop the table instead", o.Column, t.Name)
		}
		if slices.Contains(t.PrimaryKey, o.Column) {
			return fail(o, ErrInvalid, "column %q is part of the primary key of %q; remove the primary key constraint first", o.Column, t.Name)
		}
		if refs := referencing(db, t.Name, o.Column); len(refs) > 0 {
			return fail(o, ErrInvalid, "column %q.%q is referenced by foreign key %s; remove those first", t.Name, o.Column, strings.Join(refs, ", "))
		}
		RemoveColumnFrom(t, o.Column)
		return nil
	})
}

// RemoveColumnFrom removes a column from t together with every unique
// constraint, index, foreign key and check that involves it, as PostgreSQL's
// DROP COLUMN does. Dialects that must drop those explicitly compare the
// table before and after.
func RemoveColumnFrom(t *schema.Table, col string) {
	t.Columns = slices.DeleteFunc(t.Columns, func(c schema.Column) bool { return c.Name == col })
	t.Uniques = slices.DeleteFunc(t.Uniques, func(u schema.Unique) bool { return slices.Contains(u.Columns, col) })
	t.Indexes = slices.DeleteFunc(t.Indexes, func(x schema.Index) bool {
		return slices.ContainsFunc(x.Columns, func(k string) bool { return k == col || (!t.IsColumnKey(k) && mentions(k, col)) }) ||
			(x.Where != "" && mentions(x.Where, col))
	})
	t.ForeignKeys = slices.DeleteFunc(t.ForeignKeys, func(fk schema.ForeignKey) bool { return slices.Contains(fk.Columns, col) })
	t.Checks = slices.DeleteFunc(t.Checks, func(ck schema.Check) bool { return mentions(ck.Expr, col) })
}

// Apply implements Op.
func (o *ChangeColumnOp) Apply(db *schema.Database) error {
	return transact(db, func(db *schema.Database) error {
		t, err := table(o, db, o.Table)
		if err != nil {
			return err
		}
		c, err := column(o, t, o.Column.Name)
		if err != nil {
			return err
		}
		nc := o.Column.Column.Clone()
		if err := checkColumnDef(o, t, nc); err != nil {
			return err
		}
		if nc.AutoIncrement && !c.AutoIncrement && nc.Identity == "" {
			// An identity column can be made of an existing one
			// (PostgreSQL's ADD GENERATED … AS IDENTITY); a serial cannot.
			return fail(o, ErrInvalid, "column %q: autoIncrement can only be declared when the table is created", nc.Name)
		}
		if slices.Contains(t.PrimaryKey, nc.Name) {
			nc.NotNull = true
		}
		*c = nc
		if u, ok := o.Column.UniqueConstraint(t.Name); ok && t.Unique(u.Name) == nil {
			if err := addUnique(o, db, t, u); err != nil {
				return err
			}
		}
		if fk, ok := o.Column.ForeignKey(t.Name); ok && t.ForeignKey(fk.Name) == nil {
			if err := addForeignKey(o, db, t, fk); err != nil {
				return err
			}
		}
		for _, fk := range t.ForeignKeys {
			if slices.Contains(fk.Columns, nc.Name) {
				if err := checkForeignKey(o, db, t, fk); err != nil {
					return err
				}
			}
		}
		return checkPrefixesOn(o, t, nc.Name)
	})
}

// Apply implements Op.
func (o *RenameColumnOp) Apply(db *schema.Database) error {
	return transact(db, func(db *schema.Database) error {
		t, err := table(o, db, o.Table)
		if err != nil {
			return err
		}
		staleObjectsOn(db, o.Table)
		c, err := column(o, t, o.From)
		if err != nil {
			return err
		}
		if err := checkName(o, "column", o.To); err != nil {
			return err
		}
		if t.Column(o.To) != nil {
			return fail(o, ErrExists, "table %q already has a column %q", t.Name, o.To)
		}
		c.Name = o.To
		rename := func(cols []string) {
			for i := range cols {
				if cols[i] == o.From {
					cols[i] = o.To
				}
			}
		}
		rename(t.PrimaryKey)
		for i := range t.Uniques {
			rename(t.Uniques[i].Columns)
		}
		for i := range t.Indexes {
			keys := t.Indexes[i].Columns
			for k := range keys {
				if keys[k] != o.From && !t.IsColumnKey(keys[k]) {
					keys[k] = renameIn(keys[k], o.From, o.To) // an expression, or a column with options
				}
			}
			rename(keys)
			t.Indexes[i].Where = renameIn(t.Indexes[i].Where, o.From, o.To)
		}
		for i := range t.ForeignKeys {
			rename(t.ForeignKeys[i].Columns)
		}
		for i := range t.Checks {
			t.Checks[i].Expr = renameIn(t.Checks[i].Expr, o.From, o.To)
		}
		for i := range t.Columns {
			if g := t.Columns[i].Generated; g != nil { // the database rewrites it too
				g.Expr = renameIn(g.Expr, o.From, o.To)
			}
		}
		for i := range db.Tables {
			for j := range db.Tables[i].ForeignKeys {
				if fk := &db.Tables[i].ForeignKeys[j]; fk.RefTable == t.Name {
					rename(fk.RefColumns)
				}
			}
		}
		return nil
	})
}

// renameIn replaces the identifier from with to in a SQL expression, where
// it stands as a whole word (quoted or not).
func renameIn(expr, from, to string) string {
	if expr == "" {
		return expr
	}
	re := regexp.MustCompile(`(^|[^\w])(["` + "`" + `]?)` + regexp.QuoteMeta(from) + `(["` + "`" + `]?)([^\w]|$)`)
	for {
		next := re.ReplaceAllString(expr, "${1}${2}"+strings.ReplaceAll(to, "$", "$$")+"${3}${4}")
		if next == expr {
			return next
		}
		expr = next
	}
}

// inherit gives t the columns of the tables it inherits from, as
// PostgreSQL does: theirs first, in order, then its own; a column it
// declares again merges with the inherited one and must have its type.
// Their checks stay theirs (PostgreSQL applies them to t as well).
func inherit(o Op, db *schema.Database, t *schema.Table) error {
	if len(t.Inherits) == 0 {
		return nil
	}
	var cols []schema.Column
	for _, p := range t.Inherits {
		parent := db.Table(p)
		if parent == nil {
			return fail(o, ErrNotFound, "table %q inherits from %q, which does not exist%s; create it first", t.Name, p, suggest(p, db.TableNames()))
		}
		for _, c := range parent.Columns {
			if !slices.ContainsFunc(cols, func(x schema.Column) bool { return x.Name == c.Name }) {
				c := c.Clone()
				c.AutoIncrement, c.Identity = false, "" // the parent's counter is the parent's
				cols = append(cols, c)
			}
		}
	}
	for _, c := range t.Columns {
		i := slices.IndexFunc(cols, func(x schema.Column) bool { return x.Name == c.Name })
		if i < 0 {
			cols = append(cols, c)
			continue
		}
		if !cols[i].Type.Equal(c.Type) {
			return fail(o, ErrInvalid, "column %q is %s in %q and %s in the table it inherits it from; give both the same type", c.Name, c.Type, t.Name, cols[i].Type)
		}
		cols[i] = c
	}
	t.Columns = cols
	return nil
}
