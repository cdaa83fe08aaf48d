package query

import "fmt"

// Col is a column of a statement over several tables: "Table"."Column",
// or "Column" alone when Table is empty. Table is a table's name or the
// alias it has in the statement.
type Col struct {
	Table  string
	Column string
}

// Column writes c quoted, qualified by its table when it has one.
func (b *Builder) Column(c Col) *Builder {
	if c.Table != "" {
		b.buf = append(b.buf, b.quote(c.Table)...)
		b.buf = append(b.buf, '.')
	}
	b.buf = append(b.buf, b.quote(c.Column)...)
	return b
}

// Agg is an aggregate function over the rows of a SELECT.
type Agg uint8

// Aggregates. Count counts rows (COUNT(*)); CountDistinct counts the
// distinct values of a column.
const (
	NoAgg Agg = iota
	Count
	CountDistinct
	Sum
	Min
	Max
	Avg
)

// String is the function's SQL name.
func (a Agg) String() string {
	switch a {
	case Count, CountDistinct:
		return "COUNT"
	case Sum:
		return "SUM"
	case Min:
		return "MIN"
	case Max:
		return "MAX"
	case Avg:
		return "AVG"
	}
	return fmt.Sprintf("Agg(%d)", uint8(a))
}

// Window is ROW_NUMBER() OVER (PARTITION BY Partition ORDER BY Order…):
// the rank of a row among those with its Partition value, for a limit per
// parent.
type Window struct {
	Partition Col
	Order     []Order
}

// Expr is one selected expression: a column, an aggregate of one, the
// literal 1 or a row number; named As when As is set.
type Expr struct {
	Col Col
	Agg Agg     // an aggregate of Col (Count: of the rows)
	One bool    // the literal 1 (an existence test)
	Row *Window // the row's number in its window
	As  string
}

// C is the column t.col as a selected expression.
func C(t, col string) Expr { return Expr{Col: Col{t, col}} }

// One is the literal 1.
func One() Expr { return Expr{One: true} }

// CountRows is COUNT(*).
func CountRows() Expr { return Expr{Agg: Count} }

// Aggregate is fn(c).
func Aggregate(fn Agg, c Col) Expr { return Expr{Agg: fn, Col: c} }

// RowNumber is ROW_NUMBER() OVER (w), named as.
func RowNumber(w Window, as string) Expr { return Expr{Row: &w, As: as} }

func (e *Expr) build(b *Builder, cols Columns) error {
	switch {
	case e.One:
		b.S("1")
	case e.Row != nil:
		b.S("ROW_NUMBER() OVER (PARTITION BY ").Column(e.Row.Partition).S(" ORDER BY ")
		if err := writeOrderTerms(b, e.Row.Order, cols); err != nil {
			return err
		}
		b.S(")")
	case e.Agg == Count:
		b.S("COUNT(*)")
	case e.Agg == CountDistinct:
		b.S("COUNT(DISTINCT ").Column(e.Col).S(")")
	case e.Agg != NoAgg:
		if e.Agg > Avg {
			return fmt.Errorf("select: unknown aggregate %v", e.Agg)
		}
		b.S(e.Agg.String()).S("(").Column(e.Col).S(")")
	default:
		b.Column(e.Col)
	}
	if e.As != "" {
		b.S(" AS ").Ident(e.As)
	}
	return nil
}
