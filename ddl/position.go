package ddl

import "github.com/strata-orm/strata/schema"

// Placed puts the added column right after column after, as MySQL's
// ADD COLUMN … AFTER after does (Sequelize's addColumn option after).
// Only MySQL and MariaDB place a column; the other dialects refuse a
// placed column, which they would add last.
func (o *AddColumnOp) Placed(after string) *AddColumnOp { o.After = after; return o }

// PlacedFirst puts the added column first, as MySQL's ADD COLUMN … FIRST
// does (Sequelize's addColumn option first). MySQL and MariaDB only, as
// Placed.
func (o *AddColumnOp) PlacedFirst() *AddColumnOp { o.First = true; return o }

// IsPlaced reports whether the operation gives the column a position
// other than last.
func (o *AddColumnOp) IsPlaced() bool { return o.After != "" || o.First }

// position is the index in t.Columns the added column goes to: after
// o.After, first, or last.
func (o *AddColumnOp) position(t *schema.Table) (int, error) {
	switch {
	case o.After != "" && o.First:
		return 0, fail(o, ErrInvalid, "column %q is placed both first and after %q; give one position", o.Column.Name, o.After)
	case o.First:
		return 0, nil
	case o.After != "":
		for i, c := range t.Columns {
			if c.Name == o.After {
				return i + 1, nil
			}
		}
		var names []string
		for _, c := range t.Columns {
			names = append(names, c.Name)
		}
		return 0, fail(o, ErrNotFound, "column %q is placed after %q, which table %q does not have%s", o.Column.Name, o.After, t.Name, suggest(o.After, names))
	}
	return len(t.Columns), nil
}
