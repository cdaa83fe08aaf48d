package strata

import (
	"context"
	"fmt"
	"iter"
	"unsafe"
)

// Batches reads the matching rows n at a time, in primary-key order, for
// work over more rows than fit in memory at once (GORM's FindInBatches):
//
//	for batch, err := range strata.Find[Order](db).Where(strata.Eq("state", "open")).Batches(ctx, 500) {
//		if err != nil {
//			return err
//		}
//		… // at most 500 orders, with their includes
//	}
//
// Each batch is a query of its own that continues after the last key of
// the batch before (keyset paging, WHERE key > last ORDER BY key LIMIT
// n): rows inserted or deleted between batches never make it skip or
// repeat a row, and a late batch costs what the first does, where OFFSET
// would read every row before it again. Includes load per batch. A Limit
// on the query caps the rows read in all; breaking out of the loop stops
// reading.
//
// The order is the key's, so the query must have no Order, Offset or
// Group (an error before any SQL), select its primary key, and its model
// must have one. A lock (ForUpdate) locks each batch's rows as it is read.
func (q *Query[T]) Batches(ctx context.Context, n int) iter.Seq2[[]T, error] {
	return func(yield func([]T, error) bool) {
		if err := q.batchable(n); err != nil {
			yield(nil, err)
			return
		}
		left := q.sel.Limit // < 0: no cap
		var last []any      // the last row's key, nil before the first batch
		for left != 0 {
			size := n
			if left > 0 && left < n {
				size = left
			}
			b := q.Clone()
			if last != nil {
				b.Where(after(b, last))
			}
			for _, f := range q.m.PrimaryKey {
				b.Order(f.Column)
			}
			rows, err := b.Limit(size).All(ctx)
			if err != nil {
				yield(nil, err)
				return
			}
			if len(rows) == 0 {
				return
			}
			if left > 0 {
				left -= len(rows)
			}
			last = keyOf(q, &rows[len(rows)-1])
			if !yield(rows, nil) || len(rows) < size {
				return
			}
		}
	}
}

// FindInBatches calls fn with the matching rows n at a time, as Batches
// reads them, and returns the first error of a read or of fn (which stops
// it).
func (q *Query[T]) FindInBatches(ctx context.Context, n int, fn func(batch []T) error) error {
	for batch, err := range q.Batches(ctx, n) {
		if err != nil {
			return err
		}
		if err := fn(batch); err != nil {
			return err
		}
	}
	return nil
}

// batchable says why the query cannot be read in key-ordered batches of
// n, if it cannot.
func (q *Query[T]) batchable(n int) error {
	switch {
	case q.err != nil:
		return q.err
	case n <= 0:
		return &LimitError{Model: q.m.Name, Option: "Batches", N: n}
	case len(q.m.PrimaryKey) == 0:
		return q.m.NoKeyError()
	case len(q.sel.Order) > 0:
		return fmt.Errorf("strata: batches of %s are read in primary-key order; remove Order (or page with Limit, Offset and All)", q.m.Name)
	case q.sel.Offset > 0:
		return fmt.Errorf("strata: batches of %s continue after the last key read, not at an offset; remove Offset", q.m.Name)
	case len(q.sel.Group) > 0:
		return fmt.Errorf("strata: batches of %s read rows, not groups; remove Group", q.m.Name)
	}
	if q.fields != nil {
		for _, k := range q.m.PrimaryKey {
			found := false
			for _, f := range q.fields {
				found = found || f == k
			}
			if !found {
				return fmt.Errorf("strata: batches of %s continue after the last key read, so Select must keep %s", q.m.Name, k.Column)
			}
		}
	}
	return nil
}

// keyOf is the primary key of row v.
func keyOf[T any](q *Query[T], v *T) []any {
	key := make([]any, len(q.m.PrimaryKey))
	for i, f := range q.m.PrimaryKey {
		key[i] = f.Reflect(unsafe.Pointer(v)).Interface()
	}
	return key
}

// after is the condition "the key is past last" in key order: for a key
// (a, b), a > la OR (a = la AND b > lb).
func after[T any](q *Query[T], last []any) Cond {
	pk := q.m.PrimaryKey
	terms := make([]Cond, len(pk))
	for i := range pk {
		term := make([]Cond, 0, i+1)
		for j := range i {
			term = append(term, Eq(pk[j].Column, last[j]))
		}
		terms[i] = And(append(term, Gt(pk[i].Column, last[i]))...)
	}
	if len(terms) == 1 {
		return terms[0]
	}
	return Or(terms...)
}
