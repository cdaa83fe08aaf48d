package strata

import (
	"fmt"
	"strconv"

	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/internal/query"
)

// The statements of include loading, as internal/query statements: each
// level's SELECT, and the EXISTS of a required include.

// col is the column c of table (or alias) t.
func col(t, c string) query.Col { return query.Col{Table: t, Column: c} }

// noted is a condition of an include whose build errors name the include
// (or, for the association's Scope, the association).
type noted struct {
	c     query.Cond
	n     *include
	scope bool
}

// Build writes the condition.
func (c noted) Build(b *query.Builder, cols query.Columns) error {
	err := c.c.Build(b, cols)
	switch {
	case err == nil:
		return nil
	case c.scope:
		return fmt.Errorf("strata: scope of %s: %w", c.n.a, err)
	}
	return fmt.Errorf("strata: include %q: %w", c.n.path, err)
}

// appendQualified appends conds, their columns resolved on m and qualified
// by t, each noted as n's.
func appendQualified(out []query.Cond, conds []Cond, m *model.Model, t string, n *include, scope bool) ([]query.Cond, error) {
	for _, c := range conds {
		if c == nil {
			err := fmt.Errorf("strata: nil condition on %s: %w", m.Name, ErrEmptyCondition)
			if scope {
				return nil, fmt.Errorf("strata: scope of %s: %w", n.a, err)
			}
			return nil, fmt.Errorf("strata: include %q: %w", n.path, err)
		}
		out = append(out, noted{query.Qualify(t, m, c), n, scope})
	}
	return out, nil
}

// targetFilter appends the conditions every read of n's target rows has:
// the include's Where, the association's Scope, the soft-delete filters
// and an EXISTS for each required child include. t and j are the names
// (or aliases) of the target and join tables.
func targetFilter(out []query.Cond, n *include, t, j string, depth int) ([]query.Cond, error) {
	a := n.a
	var err error
	if out, err = appendQualified(out, a.Scope, a.Target, t, n, true); err != nil {
		return nil, err
	}
	if out, err = appendQualified(out, n.where, a.Target, t, n, false); err != nil {
		return nil, err
	}
	if out, err = appendQualified(out, n.thrWhere, a.Through, j, n, false); err != nil {
		return nil, err
	}
	if !n.unscoped {
		if d := a.Target.DeletedAt; d != nil {
			out = append(out, query.ColIsNull(col(t, d.Column)))
		}
		if a.Through != nil && a.Through.DeletedAt != nil {
			out = append(out, query.ColIsNull(col(j, a.Through.DeletedAt.Column)))
		}
	}
	for _, ch := range n.children {
		if ch.required {
			out = append(out, existsCond{n: ch, outer: t, depth: depth + 1})
		}
	}
	return out, nil
}

// buildLevel writes the query that reads include n's rows for the given
// parent keys, ordered by the key that joins them to their parents.
func buildLevel(b *query.Builder, n *include, fields, thrFields []*model.Field, keys []any) error {
	s, err := levelSelect(n, fields, thrFields, keys)
	if err != nil {
		return err
	}
	return s.Build(b, n.a.Target)
}

// levelSelect is the query of buildLevel. With a limit per parent, the
// rows are numbered per parent key (ROW_NUMBER) in a subquery whose
// columns are aliased c0, c1 …, and the outer query keeps the first ones.
func levelSelect(n *include, fields, thrFields []*model.Field, keys []any) (*query.Select, error) {
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
	s := &query.Select{Table: t, Limit: -1, Exprs: make([]query.Expr, 0, len(fields)+len(thrFields)+1)}
	for i, f := range fields {
		e := query.C(t, f.Column)
		if win {
			e.As = alias(i)
			if keyTable == t && f.Column == keyCol {
				keyAlias = e.As
			}
		}
		s.Exprs = append(s.Exprs, e)
	}
	for i, f := range thrFields {
		e := query.C(j, f.Column)
		if win {
			e.As = alias(len(fields) + i)
			if keyTable == j && f.Column == keyCol {
				keyAlias = e.As
			}
		}
		s.Exprs = append(s.Exprs, e)
	}
	if j != "" {
		s.Joins = []query.Join{{Table: j, On: []query.Cond{query.ColEq(col(j, a.OtherKey.Column), col(t, a.TargetKey.Column))}}}
	}
	where := make([]query.Cond, 1, 1+filterLen(n))
	where[0] = query.KeysIn(col(keyTable, keyCol), keys)
	where, err := targetFilter(where, n, t, j, 0)
	if err != nil {
		return nil, err
	}
	s.Where = where
	key := query.Order{Table: keyTable, Column: keyCol, Plain: true}
	switch {
	case win:
		s.Exprs = append(s.Exprs, query.RowNumber(query.Window{Partition: col(keyTable, keyCol), Order: includeOrder(make([]query.Order, 0, orderLen(n)), n, t, j)}, "strata_rn"))
		outer := &query.Select{From: s, Alias: "strata_w", Limit: -1, Exprs: make([]query.Expr, len(fields)+len(thrFields))}
		for i := range outer.Exprs {
			outer.Exprs[i] = query.C("", alias(i))
		}
		outer.Where = []query.Cond{query.ColAtMost(col("", "strata_rn"), n.limitPer)}
		outer.Order = []query.Order{{Column: keyAlias, Plain: true}, {Column: "strata_rn", Plain: true}}
		return outer, nil
	case a.Kind != model.BelongsTo:
		order := make([]query.Order, 1, 1+orderLen(n))
		order[0] = key
		s.Order = includeOrder(order, n, t, j)
	}
	return s, nil
}

// filterLen is how many conditions targetFilter appends for n, at most.
func filterLen(n *include) int {
	return len(n.a.Scope) + len(n.where) + len(n.thrWhere) + 2 + len(n.children)
}

// orderLen is how many terms includeOrder appends for n.
func orderLen(n *include) int {
	return len(n.order) + len(n.thrOrder) + len(n.a.Target.PrimaryKey)
}

// includeOrder appends the order of an include's rows for one parent: its
// Order, its ThroughOrder, then the target's primary key.
func includeOrder(out []query.Order, n *include, t, j string) []query.Order {
	for _, o := range n.order {
		o.Table, o.Raw = t, nil
		out = append(out, o)
	}
	for _, o := range n.thrOrder {
		o.Table, o.Raw = j, nil
		out = append(out, o)
	}
	for _, f := range n.a.Target.PrimaryKey {
		out = append(out, query.Order{Table: t, Column: f.Column, Plain: true})
	}
	return out
}

// existsCond is a required include as a condition on the rows it hangs
// from: whether a target row joins outer's (see existsSelect).
type existsCond struct {
	n     *include
	outer string // the table (or alias) of the rows being filtered
	depth int
}

// Build writes the condition.
func (e existsCond) Build(b *query.Builder, cols query.Columns) error {
	s, err := e.existsSelect()
	if err != nil {
		return err
	}
	return query.Exists(s).Build(b, cols)
}

// existsSelect selects 1 from the target rows whose key is the outer
// row's and that pass the include's filter. Tables inside are aliased by
// depth, so that a self-association's outer table stays reachable by its
// name.
func (e existsCond) existsSelect() (*query.Select, error) {
	a := e.n.a
	t := "strata_e" + strconv.Itoa(e.depth)
	j := ""
	s := &query.Select{Table: a.Target.Table, Alias: t, Exprs: []query.Expr{query.One()}, Limit: -1}
	if a.Kind == model.BelongsToMany {
		j = "strata_j" + strconv.Itoa(e.depth)
		s.Joins = []query.Join{{Table: a.Through.Table, Alias: j, On: []query.Cond{query.ColEq(col(j, a.OtherKey.Column), col(t, a.TargetKey.Column))}}}
	}
	var link query.Cond
	switch a.Kind {
	case model.BelongsTo:
		link = query.ColEq(col(t, a.TargetKey.Column), col(e.outer, a.ForeignKey.Column))
	case model.BelongsToMany:
		link = query.ColEq(col(j, a.ForeignKey.Column), col(e.outer, a.SourceKey.Column))
	default:
		link = query.ColEq(col(t, a.ForeignKey.Column), col(e.outer, a.SourceKey.Column))
	}
	where := make([]query.Cond, 1, 1+filterLen(e.n))
	where[0] = link
	where, err := targetFilter(where, e.n, t, j, e.depth)
	if err != nil {
		return nil, err
	}
	s.Where = where
	return s, nil
}
