package query

// Place says where a value compared with a column lies among the values
// the column holds.
type Place int8

const (
	// Inside: the column can hold the value; the database compares.
	Inside Place = iota
	// Below and Above: the value lies below or above every value the
	// column holds (an integer beyond an INTEGER's range), so the
	// comparison's answer is known without the database.
	Below
	Above
	// Apart: the column holds no value equal to it and none it orders
	// with (a string that is no UUID compared with a UUID column, a value
	// an ENUM does not list).
	Apart
)

// Operands is implemented by Columns that convert the values compared
// with their columns to what the columns hold, the same on every database
// (a model does). Operand returns the value to bind and where it lies
// among the column's values; the conditions write the answer themselves
// when it is not Inside (col = 2147483648 on an INTEGER matches no row,
// col < 2147483648 every row whose col is not NULL), so a value no
// database could store never reaches one. An error is a value that cannot
// be compared with the column; it wraps ErrValue.
type Operands interface {
	Operand(col string, v any) (x any, p Place, err error)
}

// Patterns is implemented by Columns that check the patterns of LIKE
// conditions against their columns (a model does): Pattern returns the
// pattern to bind, or an error wrapping ErrValue for a column LIKE does
// not compare the same on every database or a pattern that is not text.
// trim says the column is CHAR(n): it is compared without its trailing
// spaces (RTRIM), as MySQL and SQLite hold it and it reads back
// everywhere; PostgreSQL's LIKE would see the padding.
type Patterns interface {
	Pattern(col string, p any) (x any, trim bool, err error)
}

// pattern checks a LIKE pattern for column col when cols checks them.
func pattern(cols Columns, col string, p any) (any, bool, error) {
	if o, ok := cols.(Patterns); ok {
		return o.Pattern(col, p)
	}
	return p, false, nil
}

// operand converts v for column col when cols converts values.
func operand(cols Columns, col string, v any) (any, Place, error) {
	if o, ok := cols.(Operands); ok {
		return o.Operand(col, v)
	}
	return v, Inside, nil
}

// truth writes a comparison with col whose answer is known: no row (all
// false) or every row where col is not NULL (all true). Under a Not, a
// comparison with a NULL column stays NULL rather than false, so that
// negating it does not select the row: col <> col and col = col there.
func (b *Builder) truth(col string, all bool) {
	switch {
	case b.neg > 0 && all:
		b.Col(col).S(" = ").Col(col)
	case b.neg > 0:
		b.Col(col).S(" <> ").Col(col)
	case all:
		b.Col(col).S(" IS NOT NULL")
	default:
		b.S("1 = 0")
	}
}

// selects reports whether a comparison written as all (true for every
// row whose column is not NULL, false for none) selects rows where it
// stands: inside an odd number of Nots it is the other way round.
func (b *Builder) selects(all bool) bool { return all != (b.neg%2 == 1) }

// settle writes col op v for a v that is not Inside the column. Below and
// Above (beyond every integer column's range) are settled either way. An
// Apart value (no UUID, a value the model's ENUM does not list) is
// settled only where that selects no row: the live column may hold more
// than the model says (an ENUM value added since), so reading it as
// "every row" could widen the query; there it is an error.
func settle(b *Builder, col, op string, v any, p Place) error {
	all := false
	switch op {
	case "<>":
		all = true
	case ">", ">=":
		all = p == Below
	case "<", "<=":
		all = p == Above
	}
	if p == Apart && op != "=" && op != "<>" {
		return &ValueError{Column: col, Value: v, Why: op + " compares an ordered value, and the column holds none equal to it or ordered with it"}
	}
	if p == Apart && b.selects(all) {
		return apartError(col, v)
	}
	b.truth(col, all)
	return nil
}

// apartError refuses a value the column cannot hold where leaving it out
// would select more rows.
func apartError(col string, v any) error {
	return &ValueError{Column: col, Value: v, Why: "the column cannot hold it (not a UUID, or not one of the ENUM's values), so excluding it would mean every row; compare with a value the column holds"}
}
