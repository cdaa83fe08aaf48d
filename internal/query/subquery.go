package query

import "fmt"

// SubqueryAlias is the name a subquery's table goes by inside it, so that
// a correlated condition reaches an enclosing statement's table by its
// own name even when both read the same table.
const SubqueryAlias = "strata_sub"

type inSelect struct {
	col   string
	s     *Select
	inner Columns
	not   bool
}

// InSelect is col IN (s), or col NOT IN (s) when not: s selects one
// column, and its conditions resolve through inner (the subquery's own
// model), col through the enclosing statement's. NOT IN leaves out the
// subquery's NULLs, which would otherwise make it match no row at all
// (x NOT IN (1, NULL) is never true).
func InSelect(col string, s *Select, inner Columns, not bool) Cond {
	return inSelect{col, s, inner, not}
}

func (c inSelect) Build(b *Builder, cols Columns) error {
	if len(c.s.Columns)+len(c.s.Exprs) != 1 {
		return fmt.Errorf("strata: a subquery of %s compared with %s selects %d columns; Select exactly one", c.s.Table, c.col, len(c.s.Columns)+len(c.s.Exprs))
	}
	col, err := cols.Column(c.col)
	if err != nil {
		return err
	}
	s := *c.s
	if c.not && len(s.Columns) == 1 {
		s.Where = append(s.Where[:len(s.Where):len(s.Where)], NotNull(s.Columns[0]))
	}
	b.Col(col)
	if c.not {
		b.S(" NOT IN (")
	} else {
		b.S(" IN (")
	}
	if err := s.Build(b, c.inner); err != nil {
		return err
	}
	b.S(")")
	return nil
}

type existsSelect struct {
	s     *Select
	inner Columns
	not   bool
}

// ExistsSelect is EXISTS (s), or NOT EXISTS (s) when not, s's conditions
// resolved through inner.
func ExistsSelect(s *Select, inner Columns, not bool) Cond { return existsSelect{s, inner, not} }

func (e existsSelect) Build(b *Builder, _ Columns) error {
	if e.not {
		b.S("NOT ")
	}
	return Exists(e.s).Build(b, e.inner)
}

type outerEq struct{ col, table, column string }

// OuterEq is col (of the statement whose conditions are being written) =
// table.column of an enclosing statement: the link of a correlated
// subquery. col resolves through the statement's columns; table and
// column are quoted as given, and a name the database does not know is
// its error.
func OuterEq(col, table, column string) Cond { return outerEq{col, table, column} }

func (o outerEq) Build(b *Builder, cols Columns) error {
	col, err := cols.Column(o.col)
	if err != nil {
		return err
	}
	b.Col(col).S(" = ").Column(Col{Table: o.table, Column: o.column})
	return nil
}
