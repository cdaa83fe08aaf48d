package ddl

import (
	"strings"

	"github.com/strata-orm/strata/schema"
)

// The replay of the operations on rows and of raw statements, which leave
// the schema as it is.

func checkRowColumns(op Op, t *schema.Table, cols []string) error {
	for _, c := range cols {
		if _, err := column(op, t, c); err != nil {
			return err
		}
	}
	return nil
}

// Apply implements Op.
func (o *BulkInsertOp) Apply(db *schema.Database) error {
	t, err := table(o, db, o.Table)
	if err != nil {
		return err
	}
	if len(o.Rows) == 0 {
		return fail(o, ErrInvalid, "no rows to insert")
	}
	return checkRowColumns(o, t, o.Columns())
}

// Apply implements Op.
func (o *BulkUpdateOp) Apply(db *schema.Database) error {
	t, err := table(o, db, o.Table)
	if err != nil {
		return err
	}
	if len(o.Set) == 0 {
		return fail(o, ErrInvalid, "no columns to set")
	}
	set := make([]string, 0, len(o.Set))
	for k := range o.Set {
		set = append(set, k)
	}
	if err := checkRowColumns(o, t, set); err != nil {
		return err
	}
	return checkRowColumns(o, t, o.Where.Columns())
}

// Apply implements Op.
func (o *BulkDeleteOp) Apply(db *schema.Database) error {
	t, err := table(o, db, o.Table)
	if err != nil {
		return err
	}
	return checkRowColumns(o, t, o.Where.Columns())
}

// Apply implements Op. A raw statement is opaque: the schema is unchanged.
func (o *RawOp) Apply(db *schema.Database) error {
	if strings.TrimSpace(o.SQL) == "" && len(o.Dialects) == 0 {
		return fail(o, ErrInvalid, "raw operation has no SQL")
	}
	return nil
}
