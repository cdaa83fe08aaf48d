package strata

import (
	"context"
	"fmt"
	"reflect"
	"strconv"
	"unsafe"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/internal/query"
)

// joinNode is a Join include in the query of the level above.
type joinNode struct {
	n      *include
	alias  string
	parent *joinNode // nil: the query's own rows
	fields []*model.Field
	store  *rowStore // rows, for a *T field
	slots  []int32   // query row → row in store, -1 for none (*T field)
	hit    []bool    // query row → matched (T field)
	cur    unsafe.Pointer
	probe  bool // the primary key read as NULL: no row matched
}

// joinNodes flattens the Join includes under list, parents first.
func joinNodes(list []*include, parent *joinNode, out []*joinNode) []*joinNode {
	for _, n := range list {
		if !n.join {
			continue
		}
		jn := &joinNode{n: n, parent: parent, alias: "strata_t" + strconv.Itoa(len(out)+1), fields: n.readFields()}
		out = append(out, jn)
		out = joinNodes(n.children, jn, out)
	}
	return out
}

// readJoined reads the query's rows with its Join includes in one SELECT
// … LEFT JOIN …, then loads the other includes of each joined level.
func (q *Query[T]) readJoined(ctx context.Context, l *loader) ([]T, error) {
	if q.sel.Lock != query.NoLock {
		return nil, fmt.Errorf("strata: ForUpdate/ForShare on %s with a joined include: lock the rows without Join()", q.m.Name)
	}
	nodes := joinNodes(q.incs, nil, nil)
	b := q.db.builder(l.f)
	defer q.db.release(b)
	text, err := q.buildJoined(b, nodes, l.f)
	if err != nil {
		return nil, err
	}
	// One scanner per column: the query's fields, then each node's; a
	// node's primary key notes a NULL (no row matched).
	rootFields := q.selected()
	n := len(rootFields)
	for _, jn := range nodes {
		n += len(jn.fields)
	}
	all := make([]fieldScanner, 0, n)
	for _, f := range rootFields {
		all = append(all, fieldScanner{f: f})
	}
	root := all[:len(rootFields)]
	scanners := make([][]fieldScanner, len(nodes))
	for i, jn := range nodes {
		start := len(all)
		pk := jn.n.a.Target.PrimaryKey[0]
		for _, f := range jn.fields {
			s := fieldScanner{f: f}
			if f == pk {
				s.null = &jn.probe
			}
			all = append(all, s)
		}
		scanners[i] = all[start:]
		if jn.n.a.Field.Ptr {
			jn.store = newRowStore(jn.n.a.Target.Type, 16)
		}
	}
	var dest []any
	var out []T
	if q.sel.Limit > 0 && q.sel.Limit <= 1024 {
		out = make([]T, 0, q.sel.Limit)
	}
	var zero T
	scratch := make([]unsafe.Pointer, len(nodes))
	err = q.db.each(ctx, q.c, text, b.Args, func(src rowSrc) error {
		out = append(out, zero)
		rb := unsafe.Pointer(&out[len(out)-1])
		for i := range root {
			root[i].base = rb
		}
		for i, jn := range nodes {
			pb := rb
			if jn.parent != nil {
				pb = jn.parent.cur
			}
			switch {
			case jn.store != nil:
				jn.cur = jn.store.next()
			case pb != nil:
				jn.cur = unsafe.Add(pb, jn.n.a.Field.Offset)
			default:
				if scratch[i] == nil {
					scratch[i] = reflect.New(jn.n.a.Target.Type).UnsafePointer()
				}
				jn.cur = scratch[i]
			}
			for k := range scanners[i] {
				scanners[i][k].base = jn.cur
			}
		}
		var err error
		if src.row != nil {
			err = scanDirect(src.row, all)
		} else {
			if dest == nil {
				dest = make([]any, len(all))
				for i := range all {
					dest[i] = &all[i]
				}
			}
			err = src.rows.Scan(dest...)
		}
		if err != nil {
			return &ScanError{Model: q.m.Name, Err: err}
		}
		for _, jn := range nodes {
			hit := !jn.probe && (jn.parent == nil || jn.parent.matched(len(out)-1))
			if jn.store != nil {
				if hit {
					jn.slots = append(jn.slots, int32(jn.store.n-1))
				} else {
					jn.store.pop()
					jn.slots = append(jn.slots, -1)
				}
				jn.cur = nil
				if hit {
					jn.cur = jn.store.at(jn.store.n - 1)
				}
				continue
			}
			jn.hit = append(jn.hit, hit)
			if !hit {
				reflect.NewAt(jn.n.a.Target.Type, jn.cur).Elem().SetZero()
				jn.cur = nil
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Each joined level's own includes, on its final rows; then the
	// pointers of *T fields.
	for _, jn := range nodes {
		var bases []unsafe.Pointer
		for i := range out {
			if p := jn.base(unsafe.Pointer(&out[i]), i); p != nil {
				bases = append(bases, p)
			}
		}
		for _, ch := range jn.n.children {
			if ch.join || len(bases) == 0 {
				continue
			}
			if err := l.load(ctx, bases, ch); err != nil {
				return nil, err
			}
		}
	}
	for _, jn := range nodes {
		if jn.store == nil {
			continue
		}
		for i := range out {
			var pb unsafe.Pointer = unsafe.Pointer(&out[i])
			if jn.parent != nil {
				pb = jn.parent.base(pb, i)
			}
			if pb == nil {
				continue
			}
			dst := (*unsafe.Pointer)(unsafe.Add(pb, jn.n.a.Field.Offset))
			*dst = jn.base(unsafe.Pointer(&out[i]), i)
		}
	}
	return out, nil
}

// matched reports whether query row i has a row for this node (asked
// while row i is being read).
func (jn *joinNode) matched(i int) bool {
	if jn.store != nil {
		return jn.slots[i] >= 0
	}
	return jn.hit[i]
}

// base returns the address of the node's row for query row i (whose own
// address is root), or nil.
func (jn *joinNode) base(root unsafe.Pointer, i int) unsafe.Pointer {
	if jn.store != nil {
		if s := jn.slots[i]; s >= 0 {
			return jn.store.at(int(s))
		}
		return nil
	}
	if !jn.hit[i] {
		return nil
	}
	pb := root
	if jn.parent != nil {
		if pb = jn.parent.base(root, i); pb == nil {
			return nil
		}
	}
	return unsafe.Add(pb, jn.n.a.Field.Offset)
}

// buildJoined writes the query's SELECT of its own columns and its joined
// nodes', each node LEFT JOINed on its key and filter.
func (q *Query[T]) buildJoined(b *query.Builder, nodes []*joinNode, f *dialect.QueryFeatures) (string, error) {
	rt := q.m.Table
	s := q.sel
	s.Table, s.Alias, s.From, s.Columns, s.Qualify = rt, "", nil, nil, true
	s.Where = q.scope()
	root := q.selected()
	n := len(root)
	for _, jn := range nodes {
		n += len(jn.fields)
	}
	s.Exprs = make([]query.Expr, 0, n)
	for _, fl := range root {
		s.Exprs = append(s.Exprs, query.C(rt, fl.Column))
	}
	for _, jn := range nodes {
		for _, fl := range jn.fields {
			s.Exprs = append(s.Exprs, query.C(jn.alias, fl.Column))
		}
	}
	s.Joins = make([]query.Join, 0, len(nodes))
	for _, jn := range nodes {
		a := jn.n.a
		outer := rt
		if jn.parent != nil {
			outer = jn.parent.alias
		}
		var link query.Cond
		if a.Kind == model.BelongsTo {
			link = query.ColEq(col(jn.alias, a.TargetKey.Column), col(outer, a.ForeignKey.Column))
		} else {
			link = query.ColEq(col(jn.alias, a.ForeignKey.Column), col(outer, a.SourceKey.Column))
		}
		on, err := targetFilter([]query.Cond{link}, jn.n, jn.alias, "", 0)
		if err != nil {
			return "", err
		}
		s.Joins = append(s.Joins, query.Join{Kind: query.LeftJoin, Table: a.Target.Table, Alias: jn.alias, On: on})
	}
	if err := s.Build(b, q.m); err != nil {
		return "", err
	}
	return b.SQL(), nil
}
