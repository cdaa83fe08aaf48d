package strata

import (
	"context"
	"reflect"
	"unsafe"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/internal/model"
)

// Eager loading, one level at a time. The rows of a level are read into
// one growing array of the target type (allocated through reflect once
// per doubling, never per row); each parent then gets a window of that
// array: a sub-slice for []T, a pointer for *T. Rows come ordered by the
// key that joins them to their parents, so each parent's rows are one run
// of the array and grouping needs one map lookup per run.

// rowStore holds rows of one struct type in one array.
type rowStore struct {
	typ  reflect.Type
	size uintptr
	arr  reflect.Value // []typ, len = capacity
	data unsafe.Pointer
	n    int
}

func newRowStore(t reflect.Type, capHint int) *rowStore {
	s := &rowStore{typ: t, size: t.Size()}
	s.grow(max(capHint, 4))
	return s
}

func (s *rowStore) grow(c int) {
	arr := reflect.MakeSlice(reflect.SliceOf(s.typ), c, c)
	if s.n > 0 {
		reflect.Copy(arr, s.arr.Slice(0, s.n))
	}
	s.arr, s.data = arr, arr.UnsafePointer()
}

// next returns a pointer to a new zero row. Pointers from at and next are
// valid until the next call to next: read every row before keeping any.
func (s *rowStore) next() unsafe.Pointer {
	if s.n == s.arr.Len() {
		s.grow(2 * s.n)
	}
	s.n++
	return s.at(s.n - 1)
}

// pop forgets the last row (zeroing it for reuse).
func (s *rowStore) pop() {
	s.n--
	s.arr.Index(s.n).SetZero()
}

func (s *rowStore) at(i int) unsafe.Pointer { return unsafe.Add(s.data, uintptr(i)*s.size) }

// bases returns a pointer to every row.
func (s *rowStore) bases() []unsafe.Pointer {
	out := make([]unsafe.Pointer, s.n)
	for i := range out {
		out[i] = s.at(i)
	}
	return out
}

// copyRow copies the row at src to dst (both of type t).
func copyRow(t reflect.Type, dst, src unsafe.Pointer) {
	reflect.NewAt(t, dst).Elem().Set(reflect.NewAt(t, src).Elem())
}

// sliceHeader is the layout of a Go slice.
type sliceHeader struct {
	data     unsafe.Pointer
	len, cap int
}

// parentIndex numbers the distinct keys of a level's parents.
type parentIndex struct {
	groups map[model.Key]int32 // key → group
	of     []int32             // parent → group, -1 for a NULL key
	n      int
}

func newParentIndex(parents int) *parentIndex {
	return &parentIndex{groups: make(map[model.Key]int32, parents), of: make([]int32, parents)}
}

// add records parent i's key; it reports whether the key is new.
func (ix *parentIndex) add(k model.Key, i int) bool {
	if g, ok := ix.groups[k]; ok {
		ix.of[i] = g
		return false
	}
	g := int32(ix.n)
	ix.n++
	ix.groups[k] = g
	ix.of[i] = g
	return true
}

// level is the rows read for one include.
type level struct {
	n     *include
	rows  *rowStore // target rows
	thr   *rowStore // join rows of a belongsToMany, one per target row
	start []int32   // group → first row, -1 when it has none
	count []int32   // group → number of rows
}

// childKey returns the key of row i that matches a parent's key.
func (lv *level) childKey(i int) (model.Key, bool) {
	a := lv.n.a
	if a.Kind == model.BelongsToMany {
		return a.ForeignKey.Key(lv.thr.at(i))
	}
	return a.ChildKey().Key(lv.rows.at(i))
}

// group finds each group's run of rows.
func (lv *level) group(ix *parentIndex) {
	lv.start = make([]int32, ix.n)
	lv.count = make([]int32, ix.n)
	for g := range lv.start {
		lv.start[g] = -1
	}
	n := lv.rows.n
	for i := 0; i < n; {
		k, ok := lv.childKey(i)
		j := i + 1
		for j < n {
			k2, ok2 := lv.childKey(j)
			if ok2 != ok || k2 != k {
				break
			}
			j++
		}
		if g, found := ix.groups[k]; ok && found {
			if lv.start[g] >= 0 {
				// The database ordered equal keys apart (a collation that
				// sorts "a" and "A" together): regroup and start over.
				lv.regroup(ix)
				return
			}
			lv.start[g], lv.count[g] = int32(i), int32(j-i)
		}
		i = j
	}
}

// regroup reorders the rows so that each group's rows are contiguous,
// keeping their order inside each group.
func (lv *level) regroup(ix *parentIndex) {
	n := lv.rows.n
	of := make([]int32, n)
	counts := make([]int32, ix.n+1)
	for i := range n {
		of[i] = -1
		if k, ok := lv.childKey(i); ok {
			if g, found := ix.groups[k]; found {
				of[i] = g
			}
		}
		counts[of[i]+1]++
	}
	pos := make([]int32, ix.n+1)
	for g := 1; g <= ix.n; g++ {
		pos[g] = pos[g-1] + counts[g-1]
	}
	rows := newRowStore(lv.rows.typ, n)
	rows.n = n
	var thr *rowStore
	if lv.thr != nil {
		thr = newRowStore(lv.thr.typ, n)
		thr.n = n
	}
	for g := range lv.start {
		lv.start[g], lv.count[g] = -1, 0
	}
	for i := range n {
		slot := pos[of[i]+1]
		pos[of[i]+1]++
		copyRow(rows.typ, rows.at(int(slot)), lv.rows.at(i))
		if thr != nil {
			copyRow(thr.typ, thr.at(int(slot)), lv.thr.at(i))
		}
		if g := of[i]; g >= 0 {
			if lv.start[g] < 0 {
				lv.start[g] = slot
			}
			lv.count[g]++
		}
	}
	lv.rows, lv.thr = rows, thr
}

// linkThrough points each target row's through field at its join row.
func (lv *level) linkThrough() {
	tf := lv.n.a.ThroughField
	if tf == nil || lv.thr == nil {
		return
	}
	for i := range lv.rows.n {
		dst := unsafe.Add(lv.rows.at(i), tf.Offset)
		if tf.Ptr {
			*(*unsafe.Pointer)(dst) = lv.thr.at(i)
		} else {
			copyRow(lv.thr.typ, dst, lv.thr.at(i))
		}
	}
}

// assign gives every parent its rows.
func (lv *level) assign(parents []unsafe.Pointer, ix *parentIndex) {
	a := lv.n.a
	off := a.Field.Offset
	rows := lv.rows
	run := func(i int) (int, int) {
		g := ix.of[i]
		if g < 0 || lv.start[g] < 0 {
			return 0, 0
		}
		return int(lv.start[g]), int(lv.count[g])
	}
	switch {
	case a.Field.Many && !a.Field.Ptr: // []T
		empty := unsafe.Pointer(&struct{}{})
		for i, p := range parents {
			h := (*sliceHeader)(unsafe.Add(p, off))
			if s, c := run(i); c > 0 {
				*h = sliceHeader{rows.at(s), c, c}
			} else {
				*h = sliceHeader{empty, 0, 0}
			}
		}
	case a.Field.Many: // []*T
		ptrs := make([]unsafe.Pointer, rows.n+1)
		for i := range rows.n {
			ptrs[i] = rows.at(i)
		}
		for i, p := range parents {
			s, c := run(i)
			*(*sliceHeader)(unsafe.Add(p, off)) = sliceHeader{unsafe.Pointer(&ptrs[s]), c, c}
		}
	case a.Field.Ptr: // *T
		for i, p := range parents {
			dst := (*unsafe.Pointer)(unsafe.Add(p, off))
			if s, c := run(i); c > 0 {
				*dst = rows.at(s)
			} else {
				*dst = nil
			}
		}
	default: // T
		for i, p := range parents {
			dst := unsafe.Add(p, off)
			if s, c := run(i); c > 0 {
				copyRow(rows.typ, dst, rows.at(s))
			} else {
				reflect.NewAt(rows.typ, dst).Elem().SetZero()
			}
		}
	}
}

// loader runs the queries of an include tree. It holds no context: each
// call is given the one of the read it serves.
type loader struct {
	c  Conn
	db *DB
	f  *dialect.QueryFeatures
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
		if err := buildLevel(b, n, fields, thrFields, part); err != nil {
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
	if err := buildLevel(b, n, fields, thrFields, []any{0}); err != nil {
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
