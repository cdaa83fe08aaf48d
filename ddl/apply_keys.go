package ddl

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/strata-orm/strata/schema"
)

// The replay of the operations on indexes and constraints.
// Apply implements Op.
func (o *AddIndexOp) Apply(db *schema.Database) error {
	return transact(db, func(db *schema.Database) error {
		t, err := table(o, db, o.Table)
		if err != nil {
			return err
		}
		x := o.Index()
		if o.Present(db) {
			return nil // the same index is there (Warnings names it)
		}
		if err := claimIndexName(o, db, t, "index", x.Name); err != nil {
			return err
		}
		if err := indexColumns(o, t, x.Columns, fmt.Sprintf("index %q", x.Name)); err != nil {
			return err
		}
		if err := checkLengths(o, t, x); err != nil {
			return err
		}
		x.Lengths = x.CanonicalLengths()
		t.Indexes = append(t.Indexes, x)
		return nil
	})
}

// Apply implements Op. The name may also be a unique constraint's: MySQL
// has only unique indexes and reads both back as unique constraints, so a
// unique key is removed by either op whichever way it was created, on
// every database.
func (o *RemoveIndexOp) Apply(db *schema.Database) error {
	return transact(db, func(db *schema.Database) error {
		t, err := table(o, db, o.Table)
		if err != nil {
			return err
		}
		name := o.IndexName()
		if t.Index(name) == nil && t.Unique(name) == nil && o.Imported {
			return nil // DROP INDEX IF EXISTS (Warnings names it)
		}
		if t.Index(name) == nil && t.Unique(name) == nil {
			var names []string
			for _, x := range t.Indexes {
				names = append(names, x.Name)
			}
			for _, u := range t.Uniques {
				names = append(names, u.Name)
			}
			return fail(o, ErrNotFound, "table %q has no index %q%s", t.Name, name, suggest(name, names))
		}
		return removeKey(o, db, t, name)
	})
}

// removeKey removes the unique constraint or the index of t called name,
// refusing when a foreign key points at the columns only it keeps unique.
func removeKey(op Op, db *schema.Database, t *schema.Table, name string) error {
	var cols []string
	what := "unique constraint"
	if u := t.Unique(name); u != nil {
		cols = u.Columns
	} else if x := t.Index(name); x != nil && x.Unique && x.Where == "" {
		cols, what = x.Columns, "unique index"
	}
	if cols != nil && !isKeyWithout(t, cols, name) {
		for _, col := range cols {
			if refs := referencing(db, t.Name, col); len(refs) > 0 {
				return fail(op, ErrInvalid, "%s %q is the key that foreign key %s points at; remove those first", what, name, strings.Join(refs, ", "))
			}
		}
	}
	t.Uniques = slices.DeleteFunc(t.Uniques, func(u schema.Unique) bool { return u.Name == name })
	t.Indexes = slices.DeleteFunc(t.Indexes, func(x schema.Index) bool { return x.Name == name })
	return nil
}

// Apply implements Op.
func (o *AddConstraintOp) Apply(db *schema.Database) error {
	return transact(db, func(db *schema.Database) error {
		t, err := table(o, db, o.Table)
		if err != nil {
			return err
		}
		name := o.ConstraintName()
		switch o.Type {
		case UniqueConstraint:
			return addUnique(o, db, t, schema.Unique{Name: name, Columns: o.Columns})
		case CheckConstraint:
			return addCheck(o, db, t, schema.Check{Name: name, Expr: o.Expr})
		case ForeignKeyConstraint:
			return addForeignKey(o, db, t, o.ForeignKey())
		case PrimaryKeyConstraint:
			if len(t.PrimaryKey) > 0 {
				return fail(o, ErrExists, "table %q already has a primary key (%s); remove it first", t.Name, strings.Join(t.PrimaryKey, ", "))
			}
			if err := columns(o, t, o.Columns, "primary key"); err != nil {
				return err
			}
			t.PrimaryKey = slices.Clone(o.Columns)
			if o.Name != "" && o.Name != PrimaryKeyName(t.Name) {
				t.PrimaryKeyName = o.Name
			}
			for _, cn := range o.Columns {
				t.Column(cn).NotNull = true
			}
			return nil
		}
		return fail(o, ErrInvalid, "unknown constraint type %q (use unique, check, primary key or foreign key)", o.Type)
	})
}

// PrimaryKeyName is the name RemoveConstraint accepts for a table's primary key.
func PrimaryKeyName(table string) string { return schema.DeriveName(table, "pkey") }

// Apply implements Op.
func (o *RemoveConstraintOp) Apply(db *schema.Database) error {
	return transact(db, func(db *schema.Database) error {
		t, err := table(o, db, o.Table)
		if err != nil {
			return err
		}
		switch {
		case t.Unique(o.Name) != nil:
			return removeKey(o, db, t, o.Name)
		case t.Index(o.Name) != nil && t.Index(o.Name).Unique && t.Index(o.Name).Where == "":
			// A unique index: the same key as a unique constraint (see
			// RemoveIndexOp.Apply).
			return removeKey(o, db, t, o.Name)
		case t.ForeignKey(o.Name) != nil:
			t.ForeignKeys = slices.DeleteFunc(t.ForeignKeys, func(fk schema.ForeignKey) bool { return fk.Name == o.Name })
		case t.Check(o.Name) != nil:
			t.Checks = slices.DeleteFunc(t.Checks, func(ck schema.Check) bool { return ck.Name == o.Name })
		case len(t.PrimaryKey) > 0 && (o.Name == PrimaryKeyName(t.Name) || (t.PrimaryKeyName != "" && o.Name == t.PrimaryKeyName)):
			if refs := referencing(db, t.Name, ""); len(refs) > 0 && !isKeyWithout(t, t.PrimaryKey, "") {
				return fail(o, ErrInvalid, "the primary key of %q is what foreign key %s points at; remove those first", t.Name, strings.Join(refs, ", "))
			}
			for _, c := range t.Columns {
				if c.AutoIncrement && slices.Contains(t.PrimaryKey, c.Name) {
					return fail(o, ErrInvalid, "column %q is autoIncrement and must stay the primary key", c.Name)
				}
			}
			t.PrimaryKey, t.PrimaryKeyName = nil, ""
		default:
			var names []string
			for _, u := range t.Uniques {
				names = append(names, u.Name)
			}
			for _, fk := range t.ForeignKeys {
				names = append(names, fk.Name)
			}
			for _, ck := range t.Checks {
				names = append(names, ck.Name)
			}
			if len(t.PrimaryKey) > 0 {
				names = append(names, cmp.Or(t.PrimaryKeyName, PrimaryKeyName(t.Name)))
			}
			if t.Index(o.Name) != nil {
				return fail(o, ErrNotFound, "%q of table %q is an index, not a constraint; remove it with removeIndex", o.Name, t.Name)
			}
			return fail(o, ErrNotFound, "table %q has no constraint %q%s (it has: %s)", t.Name, o.Name, suggest(o.Name, names), strings.Join(names, ", "))
		}
		return nil
	})
}

// isKeyWithout reports whether cols stay a key of t once the unique
// constraint or index named except (or the primary key, when except is "")
// is gone.
func isKeyWithout(t *schema.Table, cols []string, except string) bool {
	c := t.Clone()
	if except == "" {
		c.PrimaryKey = nil
	} else {
		c.Uniques = slices.DeleteFunc(c.Uniques, func(u schema.Unique) bool { return u.Name == except })
		c.Indexes = slices.DeleteFunc(c.Indexes, func(x schema.Index) bool { return x.Name == except })
	}
	return c.IsKey(cols)
}
