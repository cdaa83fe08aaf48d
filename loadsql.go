package strata

import (
	"fmt"
	"strconv"

	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/internal/query"
)

// qcol writes "table"."column".
func qcol(b *query.Builder, table, col string) *query.Builder {
	return b.Ident(table).S(".").Ident(col)
}

// writeConds writes " AND c" for each condition, its columns resolved on m
// and qualified by qual.
func writeConds(b *query.Builder, conds []Cond, m *model.Model, qual string) error {
	prev := b.Qual
	b.Qual = qual
	defer func() { b.Qual = prev }()
	for _, c := range conds {
		if c == nil {
			return fmt.Errorf("strata: nil condition on %s: %w", m.Name, ErrEmptyCondition)
		}
		b.S(" AND ")
		if err := c.Build(b, m); err != nil {
			return err
		}
	}
	return nil
}

// writeOrders writes ORDER BY terms (without the keyword) qualified by qual.
func writeOrders(b *query.Builder, orders []query.Order, qual string) error {
	for i, o := range orders {
		if i > 0 {
			b.S(", ")
		}
		if err := b.OrderTerm(o, func() { qcol(b, qual, o.Column) }); err != nil {
			return err
		}
	}
	return nil
}

// targetFilter writes the conditions every read of n's target rows has:
// the include's Where, the association's Scope, the soft-delete filters
// and an EXISTS for each required child include. t and j are the names
// (or aliases) of the target and join tables.
func targetFilter(b *query.Builder, n *include, t, j string, depth int) error {
	a := n.a
	if err := writeConds(b, a.Scope, a.Target, t); err != nil {
		return fmt.Errorf("strata: scope of %s: %w", a, err)
	}
	if err := writeConds(b, n.where, a.Target, t); err != nil {
		return fmt.Errorf("strata: include %q: %w", n.path, err)
	}
	if err := writeConds(b, n.thrWhere, a.Through, j); err != nil {
		return fmt.Errorf("strata: include %q: %w", n.path, err)
	}
	if !n.unscoped {
		if d := a.Target.DeletedAt; d != nil {
			b.S(" AND ")
			qcol(b, t, d.Column).S(" IS NULL")
		}
		if a.Through != nil && a.Through.DeletedAt != nil {
			b.S(" AND ")
			qcol(b, j, a.Through.DeletedAt.Column).S(" IS NULL")
		}
	}
	for _, ch := range n.children {
		if ch.required {
			b.S(" AND ")
			if err := (existsCond{n: ch, outer: t, depth: depth + 1}).Build(b, nil); err != nil {
				return err
			}
		}
	}
	return nil
}

// buildLevel writes the query that reads include n's rows for the given
// parent keys, ordered by the key that joins them to their parents.
func buildLevel(b *query.Builder, n *include, fields, thrFields []*model.Field, keys []any) error {
	a := n.a
	t := a.Target.Table
	var j string
	keyTable, keyCol := t, a.ChildKey().Column
	if a.Kind == model.BelongsToMany {
		j = a.Through.Table
		keyTable = j
	}
	win := n.limitPer > 0
	alias := func(i int) string { return "c" + strconv.Itoa(i) }
	keyAlias := ""
	if win {
		b.S("SELECT ")
		for i := range len(fields) + len(thrFields) {
			if i > 0 {
				b.S(", ")
			}
			b.Ident(alias(i))
		}
		b.S(" FROM (")
	}
	b.S("SELECT ")
	for i, f := range fields {
		if i > 0 {
			b.S(", ")
		}
		qcol(b, t, f.Column)
		if win {
			b.S(" AS ").Ident(alias(i))
			if keyTable == t && f.Column == keyCol {
				keyAlias = alias(i)
			}
		}
	}
	for i, f := range thrFields {
		b.S(", ")
		qcol(b, j, f.Column)
		if win {
			b.S(" AS ").Ident(alias(len(fields) + i))
			if keyTable == j && f.Column == keyCol {
				keyAlias = alias(len(fields) + i)
			}
		}
	}
	if win {
		b.S(", ROW_NUMBER() OVER (PARTITION BY ")
		qcol(b, keyTable, keyCol).S(" ORDER BY ")
		if err := writeIncludeOrder(b, n, t, j); err != nil {
			return err
		}
		b.S(") AS ").Ident("strata_rn")
	}
	b.S(" FROM ").Ident(t)
	if j != "" {
		b.S(" INNER JOIN ").Ident(j).S(" ON ")
		qcol(b, j, a.OtherKey.Column).S(" = ")
		qcol(b, t, a.TargetKey.Column)
	}
	b.S(" WHERE ")
	qcol(b, keyTable, keyCol)
	if ints, ok := arrayKeys(b, keys); ok {
		b.S(" = ANY(").Bind(ints).S(")")
	} else {
		b.S(" IN (")
		for i, k := range keys {
			if i > 0 {
				b.S(", ")
			}
			b.Bind(k)
		}
		b.S(")")
	}
	if err := targetFilter(b, n, t, j, 0); err != nil {
		return err
	}
	switch {
	case win:
		b.S(") AS ").Ident("strata_w").S(" WHERE ").Ident("strata_rn").S(" <= ").Bind(n.limitPer)
		b.S(" ORDER BY ").Ident(keyAlias).S(", ").Ident("strata_rn")
	case a.Kind != model.BelongsTo:
		b.S(" ORDER BY ")
		qcol(b, keyTable, keyCol).S(", ")
		return writeIncludeOrder(b, n, t, j)
	}
	return nil
}

// arrayKeys returns the keys as one []int64 to bind as an array, when the
// dialect matches against an array (= ANY) and every key is an integer
// (Field.Value gives integer keys as int64): one statement text for any
// number of keys, one parameter to encode.
func arrayKeys(b *query.Builder, keys []any) ([]int64, bool) {
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

// writeIncludeOrder writes the order of an include's rows for one parent:
// its Order, its ThroughOrder, then the target's primary key.
func writeIncludeOrder(b *query.Builder, n *include, t, j string) error {
	if err := writeOrders(b, n.order, t); err != nil {
		return err
	}
	if len(n.order) > 0 && len(n.thrOrder) > 0 {
		b.S(", ")
	}
	if err := writeOrders(b, n.thrOrder, j); err != nil {
		return err
	}
	for i, f := range n.a.Target.PrimaryKey {
		if i > 0 || len(n.order)+len(n.thrOrder) > 0 {
			b.S(", ")
		}
		qcol(b, t, f.Column)
	}
	return nil
}

// existsCond is a required include as a condition on the rows it hangs
// from: EXISTS (SELECT 1 FROM target … WHERE target.key = outer.key …).
// Tables inside are aliased by depth, so that a self-association's outer
// table stays reachable by its name.
type existsCond struct {
	n     *include
	outer string // the table (or alias) of the rows being filtered
	depth int
}

// Build writes the EXISTS subquery.
func (e existsCond) Build(b *query.Builder, _ query.Columns) error {
	a := e.n.a
	t := "strata_e" + strconv.Itoa(e.depth)
	j := ""
	b.S("EXISTS (SELECT 1 FROM ").Ident(a.Target.Table).S(" AS ").Ident(t)
	if a.Kind == model.BelongsToMany {
		j = "strata_j" + strconv.Itoa(e.depth)
		b.S(" INNER JOIN ").Ident(a.Through.Table).S(" AS ").Ident(j).S(" ON ")
		qcol(b, j, a.OtherKey.Column).S(" = ")
		qcol(b, t, a.TargetKey.Column)
	}
	b.S(" WHERE ")
	switch a.Kind {
	case model.BelongsTo:
		qcol(b, t, a.TargetKey.Column).S(" = ")
		qcol(b, e.outer, a.ForeignKey.Column)
	case model.BelongsToMany:
		qcol(b, j, a.ForeignKey.Column).S(" = ")
		qcol(b, e.outer, a.SourceKey.Column)
	default:
		qcol(b, t, a.ForeignKey.Column).S(" = ")
		qcol(b, e.outer, a.SourceKey.Column)
	}
	if err := targetFilter(b, e.n, t, j, e.depth); err != nil {
		return err
	}
	b.S(")")
	return nil
}
