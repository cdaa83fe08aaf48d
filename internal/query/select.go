package query

import "fmt"

// Order is one ORDER BY term.
type Order struct {
	Column string // resolved column name
	Desc   bool
	Nulls  string // "", "FIRST" or "LAST"
	Raw    Cond   // hand-written expression instead of Column
	// Table, when set, qualifies Column ("Table"."Column"); otherwise it
	// is qualified as the statement's own columns are (Select.Qualify).
	Table string
	// Plain writes the column alone, in the database's default
	// (ascending) direction, with no ASC.
	Plain bool
}

// Select is a SELECT statement: of Columns and then Exprs (every column,
// "*", when there are neither) from Table or the subquery From, named
// Alias when it is set, with Joins.
type Select struct {
	Table   string
	Alias   string  // FROM "Table" AS "Alias"; a From subquery's name
	From    *Select // a subquery read instead of Table
	Columns []string
	Exprs   []Expr
	// Qualify qualifies the columns that Where, Having and Order resolve
	// by Alias (or Table): "orders"."userId" instead of "userId", for a
	// statement over several tables.
	Qualify  bool
	Distinct bool
	Joins    []Join
	Where    []Cond
	Group    []string
	Having   []Cond
	Order    []Order
	Limit    int // < 0: none
	Offset   int // <= 0: none
	Lock     Lock
	// LockWait is what the lock does about rows another transaction
	// holds; LockOf, when set, names the tables (or aliases) whose rows
	// it locks.
	LockWait LockWait
	LockOf   []string
}

// WriteWhere writes " WHERE c1 AND c2 …" (nothing for no conditions).
func WriteWhere(b *Builder, kw string, conds []Cond, cols Columns) error {
	for i, c := range conds {
		if i == 0 {
			b.S(" ").S(kw).S(" ")
		} else {
			b.S(" AND ")
		}
		if err := buildCond(b, c, cols); err != nil {
			return err
		}
	}
	return nil
}

// Build writes the statement.
func (s *Select) Build(b *Builder, cols Columns) error {
	prev := b.qual
	b.qual = ""
	err := s.build(b, cols)
	b.qual = prev
	return err
}

func (s *Select) build(b *Builder, cols Columns) error {
	b.S("SELECT ")
	if s.Distinct {
		b.S("DISTINCT ")
	}
	if len(s.Columns) == 0 && len(s.Exprs) == 0 {
		b.S("*")
	}
	b.Idents(s.Columns)
	for i := range s.Exprs {
		if i > 0 || len(s.Columns) > 0 {
			b.S(", ")
		}
		if err := s.Exprs[i].build(b, cols); err != nil {
			return err
		}
	}
	b.S(" FROM ")
	if s.From != nil {
		b.S("(")
		if err := s.From.Build(b, cols); err != nil {
			return err
		}
		b.S(")")
	} else {
		b.Ident(s.Table)
	}
	if s.Alias != "" {
		b.S(" AS ").Ident(s.Alias)
	}
	for i := range s.Joins {
		if err := s.Joins[i].build(b, cols); err != nil {
			return err
		}
	}
	if s.Qualify {
		b.qual = s.Alias
		if b.qual == "" {
			b.qual = s.Table
		}
	}
	return s.writeTail(b, cols)
}

// writeTail writes WHERE, GROUP BY, HAVING, ORDER BY, LIMIT, OFFSET and
// the lock.
func (s *Select) writeTail(b *Builder, cols Columns) error {
	if err := WriteWhere(b, "WHERE", s.Where, cols); err != nil {
		return err
	}
	if len(s.Group) > 0 {
		b.S(" GROUP BY ").Idents(s.Group)
	}
	if err := WriteWhere(b, "HAVING", s.Having, cols); err != nil {
		return err
	}
	if len(s.Order) > 0 {
		b.S(" ORDER BY ")
		if err := writeOrderTerms(b, s.Order, cols); err != nil {
			return err
		}
	}
	switch {
	case s.Limit >= 0:
		b.S(" LIMIT ").Bind(s.Limit)
	case s.Offset > 0 && b.F.NoLimit != "":
		b.S(" LIMIT ").S(b.F.NoLimit)
	}
	if s.Offset > 0 {
		b.S(" OFFSET ").Bind(s.Offset)
	}
	return s.writeLock(b)
}

// writeOrderTerms writes the terms of an ORDER BY, separated by ", ".
func writeOrderTerms(b *Builder, orders []Order, cols Columns) error {
	for i := range orders {
		o := &orders[i]
		if i > 0 {
			b.S(", ")
		}
		if o.Raw != nil {
			if err := o.Raw.Build(b, cols); err != nil {
				return err
			}
			continue
		}
		col := func() {
			if o.Table != "" {
				b.Column(Col{o.Table, o.Column})
			} else {
				b.Col(o.Column)
			}
		}
		if o.Plain {
			col()
			continue
		}
		if err := b.orderTerm(*o, col); err != nil {
			return err
		}
	}
	return nil
}

// orderTerm writes the ORDER BY term o of a column (written by col) with
// its direction and where NULLs go. MySQL/MariaDB have no NULLS FIRST or
// LAST: there the term is "col IS NULL DESC, col …" (FIRST) or "col IS
// NULL, col …" (LAST), which orders the rows as the others do.
func (b *Builder) orderTerm(o Order, col func()) error {
	switch o.Nulls {
	case "", "FIRST", "LAST":
	default:
		return fmt.Errorf("order by %q: NULLS must be FIRST or LAST, not %q", o.Column, o.Nulls)
	}
	emulate := o.Nulls != "" && b.F != nil && b.F.NullsByIsNull
	if emulate {
		col()
		if o.Nulls == "FIRST" {
			b.S(" IS NULL DESC, ")
		} else {
			b.S(" IS NULL ASC, ")
		}
	}
	col()
	if o.Desc {
		b.S(" DESC")
	} else {
		b.S(" ASC")
	}
	if o.Nulls != "" && !emulate {
		b.S(" NULLS ").S(o.Nulls)
	}
	return nil
}
