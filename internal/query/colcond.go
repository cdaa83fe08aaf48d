package query

// The conditions of statements over several tables: comparisons of named
// (qualified) columns, a table's own conditions qualified by its name, the
// keys of a batch and EXISTS.

// ColEqCond is the condition ColEq makes; as with KeysInCond, a pointer
// to one the caller keeps is the same Cond without a boxed copy.
type ColEqCond struct{ A, B Col }

// ColEq is a = b, two columns (a join's or a correlated subquery's
// condition).
func ColEq(a, b Col) Cond { return ColEqCond{a, b} }

// Build writes the condition.
func (c ColEqCond) Build(b *Builder, _ Columns) error {
	b.Column(c.A).S(" = ").Column(c.B)
	return nil
}

type colNull struct{ c Col }

// ColIsNull is c IS NULL.
func ColIsNull(c Col) Cond { return colNull{c} }

func (c colNull) Build(b *Builder, _ Columns) error {
	b.Column(c.c).S(" IS NULL")
	return nil
}

type colBind struct {
	c  Col
	op string
	v  any
}

// ColIs is c = v, v bound as it is (a key read from a row).
func ColIs(c Col, v any) Cond { return colBind{c, " = ", v} }

// ColAtMost is c <= v, v bound as it is.
func ColAtMost(c Col, v any) Cond { return colBind{c, " <= ", v} }

func (c colBind) Build(b *Builder, _ Columns) error {
	b.Column(c.c).S(c.op).Bind(c.v)
	return nil
}

// KeysInCond is the condition KeysIn makes; a caller that keeps one in
// storage of its own passes a pointer to it as the Cond, which builds
// the same text without boxing a copy.
type KeysInCond struct {
	C    Col
	Keys []any
}

// KeysIn is c IN (keys…), the keys of one batch. Where the dialect
// matches against an array (QueryFeatures.AnyArray) and every key is an
// int64, it is c = ANY($1) with the keys one []int64 argument: one
// statement text for any number of keys, one parameter to encode.
func KeysIn(c Col, keys []any) Cond { return KeysInCond{c, keys} }

// Build writes the condition.
func (k KeysInCond) Build(b *Builder, _ Columns) error {
	b.Column(k.C)
	if ints, ok := arrayKeys(b, k.Keys); ok {
		b.S(" = ANY(").Bind(ints).S(")")
		return nil
	}
	b.S(" IN (")
	for i, v := range k.Keys {
		if i > 0 {
			b.S(", ")
		}
		b.Bind(v)
	}
	b.S(")")
	return nil
}

// arrayKeys returns keys as one []int64, when the dialect matches against
// an array and every key is an int64.
func arrayKeys(b *Builder, keys []any) ([]int64, bool) {
	if b.F == nil || !b.F.AnyArray {
		return nil, false
	}
	out := make([]int64, len(keys))
	for i, k := range keys {
		n, ok := k.(int64)
		if !ok {
			return nil, false
		}
		out[i] = n
	}
	return out, true
}

type qualified struct {
	table string
	cols  Columns
	c     Cond
}

// Qualify is c with the columns it names resolved on cols and qualified
// by table ("table"."column"): one table's condition in a statement over
// several.
func Qualify(table string, cols Columns, c Cond) Cond { return qualified{table, cols, c} }

func (q qualified) Build(b *Builder, _ Columns) error {
	prev := b.qual
	b.qual = q.table
	err := buildCond(b, q.c, q.cols)
	b.qual = prev
	return err
}

type exists struct{ s *Select }

// Exists is EXISTS (s): whether s reads a row.
func Exists(s *Select) Cond { return exists{s} }

func (e exists) Build(b *Builder, cols Columns) error {
	b.S("EXISTS (")
	if err := e.s.Build(b, cols); err != nil {
		return err
	}
	b.S(")")
	return nil
}
