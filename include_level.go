package strata

import (
	"reflect"
	"unsafe"

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
