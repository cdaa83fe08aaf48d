package strata

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unsafe"
)

// SoftDeletedError is a FindOrCreate of a paranoid model whose key is held
// by a soft-deleted row: the query does not see that row (DeletedAt is
// set), and the new row collides with it on the unique key. Sequelize and
// GORM report the unique violation here; strata names the row and the way
// out: restore it (Query.Restore, or Restore of the row Unscoped finds),
// find it as it is with Unscoped().FindOrCreate, or remove it for good
// with Force().Destroy. Err is the unique violation.
type SoftDeletedError struct {
	Model string
	Key   map[string]any // the query's equalities
	Row   any            // the soft-deleted row, a *T
	Err   *UniqueConstraintError
}

func (e *SoftDeletedError) Error() string {
	keys := make([]string, 0, len(e.Key))
	for k := range e.Key {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for i, k := range keys {
		keys[i] = fmt.Sprintf("%s = %v", k, e.Key[k])
	}
	return fmt.Sprintf("strata: FindOrCreate of %s: a soft-deleted row holds %s, so no new row can take it; restore that row (Query.Restore), find it with Unscoped(), or remove it with Force().Destroy",
		e.Model, strings.Join(keys, ", "))
}

// Unwrap returns the unique violation.
func (e *SoftDeletedError) Unwrap() error { return e.Err }

// softDeleted is the error of a FindOrCreate whose insert met ue and whose
// re-read found no row: a *SoftDeletedError when a soft-deleted row
// matches the query, else ue (the row collided on another unique key).
func (q *Query[T]) softDeleted(ctx context.Context, ue *UniqueConstraintError, pairs map[string]any) error {
	if q.m.DeletedAt == nil || q.unscoped {
		return ue
	}
	row, err := q.Clone().Unscoped().One(ctx)
	if err != nil || q.m.DeletedAt.IsNull(unsafe.Pointer(row)) {
		return ue
	}
	return &SoftDeletedError{Model: q.m.Name, Key: pairs, Row: row, Err: ue}
}
