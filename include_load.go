package strata

import (
	"context"
	"fmt"
	"unsafe"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/internal/model"
)

// allWithIncludes reads the query's rows (joining its Join includes) and
// then loads every other include, one query per level.
func (q *Query[T]) allWithIncludes(ctx context.Context) ([]T, error) {
	if q.err != nil {
		return nil, q.err
	}
	if err := checkIncludes(q.incs, true); err != nil {
		return nil, err
	}
	if len(q.sel.Group) > 0 {
		return nil, fmt.Errorf("strata: Include on %s with Group: grouped rows have no keys to load includes by; drop one of them", q.m.Name)
	}
	f, err := q.db.features(ctx, q.c.runner())
	if err != nil {
		return nil, err
	}
	if err := q.db.checkConds(f, q.incs); err != nil {
		return nil, err
	}
	l := &loader{c: q.c, db: q.db, f: f}
	defer l.done()
	var out []T
	joined := false
	for _, n := range q.incs {
		joined = joined || n.join
	}
	if joined {
		out, err = q.readJoined(ctx, l)
	} else {
		out, err = q.read(ctx)
	}
	if err != nil || len(out) == 0 {
		return out, err
	}
	bases := make([]unsafe.Pointer, len(out))
	for i := range out {
		bases[i] = unsafe.Pointer(&out[i])
	}
	for _, n := range q.incs {
		if !n.join {
			if err := l.load(ctx, bases, n); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// checkConds builds the conditions of every include once, so that an
// unknown column is an error before the first query runs.
func (db *DB) checkConds(f *dialect.QueryFeatures, list []*include) error {
	for _, n := range list {
		conds, err := targetFilter(nil, n, n.a.Target.Table, "j", 0)
		if err != nil {
			return err
		}
		b := db.builder(f)
		for _, c := range conds {
			if err = c.Build(b, nil); err != nil {
				break
			}
		}
		db.release(b)
		if err != nil {
			return err
		}
		if err := db.checkConds(f, n.children); err != nil {
			return err
		}
	}
	return nil
}

// loader runs the queries of an include tree. It holds no context: each
// call is given the one of the read it serves.
type loader struct {
	c  Conn
	db *DB
	f  *dialect.QueryFeatures
	sc *levelScratch // where each level's statement is built (db.scratch)
}

// scratch is the storage the loader builds its levels' statements in.
func (l *loader) scratch() *levelScratch {
	if l.sc == nil {
		l.sc = takeScratch()
	}
	return l.sc
}

// done gives the loader's scratch back for the next query.
func (l *loader) done() {
	if l.sc != nil {
		spareScratch.Store(l.sc)
		l.sc = nil
	}
}

// load reads include n for parents (rows of n's source model, each given
// once) and then its own includes, and assigns the rows to the parents.
func (l *loader) load(ctx context.Context, parents []unsafe.Pointer, n *include) error {
	lv, ix, err := l.fetch(ctx, parents, n)
	if err != nil {
		return err
	}
	lv.assign(parents, ix)
	return nil
}

// fetch reads include n for parents and its own includes, leaving the
// rows grouped by parent key in the level.
func (l *loader) fetch(ctx context.Context, parents []unsafe.Pointer, n *include) (*level, *parentIndex, error) {
	a := n.a
	pk := a.ParentKey()
	ix := newParentIndex(len(parents))
	keys := make([]any, 0, len(parents))
	for i, p := range parents {
		k, ok := pk.Key(p)
		if !ok {
			ix.of[i] = -1
			continue
		}
		if ix.add(k, i) {
			keys = append(keys, pk.Value(p))
		}
	}
	lv := &level{n: n}
	hint := len(keys)
	if a.Kind.Many() {
		hint *= 4
	}
	lv.rows = newRowStore(a.Target.Type, hint)
	if a.Kind == model.BelongsToMany {
		lv.thr = newRowStore(a.Through.Type, hint)
	}
	if len(keys) > 0 {
		if err := l.read(ctx, lv, keys); err != nil {
			return nil, nil, err
		}
	}
	lv.group(ix)
	lv.linkThrough()
	if len(n.children) > 0 && lv.rows.n > 0 {
		bases := lv.rows.bases()
		for _, ch := range n.children {
			if err := l.load(ctx, bases, ch); err != nil {
				return nil, nil, err
			}
		}
	}
	return lv, ix, nil
}

// read runs the level's query for keys, in chunks that keep each
// statement under the database's limit of bind parameters.
func (l *loader) read(ctx context.Context, lv *level, keys []any) error {
	n := lv.n
	fields, thrFields := n.readFields(), n.throughFields()
	chunk, err := l.chunkSize(n, fields, thrFields, len(keys))
	if err != nil {
		return err
	}
	sc := newLevelScanner(fields, thrFields)
	for start := 0; start < len(keys); start += chunk {
		part := keys[start:min(start+chunk, len(keys))]
		b := l.db.builder(l.f)
		if err := buildLevel(b, l.scratch(), n, fields, thrFields, part); err != nil {
			l.db.release(b)
			return err
		}
		err := l.db.each(ctx, l.c, b.SQL(), b.Args, func(src rowSrc) error {
			tb := lv.rows.next()
			var jb unsafe.Pointer
			if lv.thr != nil {
				jb = lv.thr.next()
			}
			if err := sc.read(src, tb, jb); err != nil {
				return &ScanError{Model: n.a.Target.Name, Err: err}
			}
			return nil
		})
		l.db.release(b)
		if err != nil {
			return err
		}
	}
	return nil
}

// chunkSize is how many keys one statement of n may bind.
func (l *loader) chunkSize(n *include, fields, thrFields []*model.Field, keys int) (int, error) {
	if l.db.inChunk > 0 {
		return l.db.inChunk, nil
	}
	limit := l.db.d.MaxParams()
	if keys+64 <= limit {
		return max(keys, 1), nil
	}
	b := l.db.builder(l.f)
	defer l.db.release(b)
	if err := buildLevel(b, l.scratch(), n, fields, thrFields, []any{0}); err != nil {
		return 0, err
	}
	return max(1, limit-(len(b.Args)-1)), nil
}

// levelScanner reads a level's row: the target's fields, then the join
// row's.
type levelScanner struct {
	all  []fieldScanner // t, then j
	t, j []fieldScanner
	dest []any
}

func newLevelScanner(fields, thrFields []*model.Field) *levelScanner {
	s := &levelScanner{all: make([]fieldScanner, len(fields)+len(thrFields))}
	s.t, s.j = s.all[:len(fields)], s.all[len(fields):]
	s.dest = make([]any, len(s.all))
	for i, f := range fields {
		s.t[i].f = f
	}
	for i, f := range thrFields {
		s.j[i].f = f
	}
	for i := range s.all {
		s.dest[i] = &s.all[i]
	}
	return s
}

func (s *levelScanner) read(src rowSrc, tb, jb unsafe.Pointer) error {
	for i := range s.t {
		s.t[i].base = tb
	}
	for i := range s.j {
		s.j[i].base = jb
	}
	if src.row != nil {
		return scanDirect(src.row, s.all)
	}
	return src.rows.Scan(s.dest...)
}

// readFields are the target fields a level reads: the ones asked for
// (Attributes) plus the keys that join it to its parents and children.
func (n *include) readFields() []*model.Field {
	t := n.a.Target
	if n.fields == nil {
		return t.Fields
	}
	out := append([]*model.Field(nil), n.fields...)
	need := func(f *model.Field) {
		for _, x := range out {
			if x == f {
				return
			}
		}
		out = append(out, f)
	}
	need(t.PrimaryKey[0])
	if n.a.Kind != model.BelongsToMany {
		need(n.a.ChildKey())
	}
	for _, ch := range n.children {
		need(ch.a.ParentKey())
	}
	return out
}

// throughFields are the join-model fields a belongsToMany level reads:
// all of them when the target has a field for the join row, else the key
// that matches the parents.
func (n *include) throughFields() []*model.Field {
	a := n.a
	if a.Kind != model.BelongsToMany {
		return nil
	}
	if a.ThroughField != nil {
		return a.Through.Fields
	}
	return []*model.Field{a.ForeignKey}
}
