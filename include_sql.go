package strata

import (
	"fmt"
	"slices"
	"strconv"
	"sync/atomic"

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
// sc is the storage the statement is built in (a loader's, reused level
// after level: each statement is written before the next is built).
func buildLevel(b *query.Builder, sc *levelScratch, n *include, fields, thrFields []*model.Field, keys []any) error {
	defer sc.reset()
	s, err := levelSelect(sc, n, fields, thrFields, keys)
	if err != nil {
		return err
	}
	return s.Build(b, n.a.Target)
}

// levelScratch is the storage of a level's statement: a statement is
// written as soon as it is built, so a loader reuses its parts from level
// to level and building a level allocates no more than writing its SQL
// text did.
type levelScratch struct {
	sel, outer query.Select
	exprs      []query.Expr
	outerExprs []query.Expr
	where      []query.Cond
	order      []query.Order
	winOrder   []query.Order
	join       [1]query.Join
	on         [1]query.Cond
	outerWhere [1]query.Cond
	outerOrder [2]query.Order
	keys       query.KeysInCond
	onEq       query.ColEqCond
}

// spareScratch keeps one levelScratch between queries (taken by a
// loader, given back when it is done), so a query with includes builds
// its levels without allocating their storage; loaders running at once
// each get their own.
var spareScratch atomic.Pointer[levelScratch]

func takeScratch() *levelScratch {
	if sc := spareScratch.Swap(nil); sc != nil {
		return sc
	}
	return new(levelScratch)
}

// reset clears what the statement referred to (keys, conditions), for
// the next one.
func (sc *levelScratch) reset() {
	clear(sc.exprs[:cap(sc.exprs)])
	clear(sc.outerExprs[:cap(sc.outerExprs)])
	clear(sc.where[:cap(sc.where)])
	clear(sc.order[:cap(sc.order)])
	clear(sc.winOrder[:cap(sc.winOrder)])
	sc.sel, sc.outer = query.Select{}, query.Select{}
	sc.join, sc.on, sc.outerWhere, sc.outerOrder = [1]query.Join{}, [1]query.Cond{}, [1]query.Cond{}, [2]query.Order{}
	sc.keys, sc.onEq = query.KeysInCond{}, query.ColEqCond{}
}

// grow returns s emptied, with room for n elements.
func grow[E any](s []E, n int) []E { return slices.Grow(s[:0], n) }

// levelSelect is the query of buildLevel. With a limit per parent, the
// rows are numbered per parent key (ROW_NUMBER) in a subquery whose
// columns are aliased c0, c1 …, and the outer query keeps the first ones.
func levelSelect(sc *levelScratch, n *include, fields, thrFields []*model.Field, keys []any) (*query.Select, error) {
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
	sc.exprs = grow(sc.exprs, len(fields)+len(thrFields)+1)
	sc.sel = query.Select{Table: t, Limit: -1, Exprs: sc.exprs}
	s := &sc.sel
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
		sc.onEq = query.ColEqCond{A: col(j, a.OtherKey.Column), B: col(t, a.TargetKey.Column)}
		sc.on[0] = &sc.onEq
		sc.join[0] = query.Join{Table: j, On: sc.on[:]}
		s.Joins = sc.join[:]
	}
	sc.where = grow(sc.where, 1+filterLen(n))
	sc.keys = query.KeysInCond{C: col(keyTable, keyCol), Keys: keys}
	where := append(sc.where, &sc.keys)
	where, err := targetFilter(where, n, t, j, 0)
	if err != nil {
		return nil, err
	}
	s.Where = where
	sc.where = where
	key := query.Order{Table: keyTable, Column: keyCol, Plain: true}
	switch {
	case win:
		sc.winOrder = includeOrder(grow(sc.winOrder, orderLen(n)), n, t, j)
		s.Exprs = append(s.Exprs, query.RowNumber(query.Window{Partition: col(keyTable, keyCol), Order: sc.winOrder}, "strata_rn"))
		sc.exprs = s.Exprs
		sc.outerExprs = grow(sc.outerExprs, len(fields)+len(thrFields))
		for i := range len(fields) + len(thrFields) {
			sc.outerExprs = append(sc.outerExprs, query.C("", alias(i)))
		}
		sc.outerWhere[0] = query.ColAtMost(col("", "strata_rn"), n.limitPer)
		sc.outerOrder = [2]query.Order{{Column: keyAlias, Plain: true}, {Column: "strata_rn", Plain: true}}
		sc.outer = query.Select{From: s, Alias: "strata_w", Limit: -1, Exprs: sc.outerExprs, Where: sc.outerWhere[:], Order: sc.outerOrder[:]}
		return &sc.outer, nil
	case a.Kind != model.BelongsTo:
		sc.order = includeOrder(append(grow(sc.order, 1+orderLen(n)), key), n, t, j)
		s.Order = sc.order
	}
	sc.exprs = s.Exprs
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
