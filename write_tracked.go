package strata

import (
	"slices"
	"unsafe"

	"github.com/strata-orm/strata/internal/model"
)

// writeOptions are the options of a one-row write (SaveOption).
type writeOptions struct {
	// silent leaves UpdatedAt as it is.
	silent bool
	// changed: the write is of the fields that changed since strata last
	// read or wrote the row (a tracked Save), so those the before hooks
	// change are written too.
	changed bool
}

// changedFields is set and the fields of the tracked row at base that
// changed since strata last read or wrote it, but the ones strata keeps
// itself (the key, CreatedAt, UpdatedAt, the version).
func changedFields(m *model.Model, base unsafe.Pointer, set []*model.Field) []*model.Field {
	changed, _ := m.Changed(base)
	for _, f := range changed {
		if f.PrimaryKey || f == m.CreatedAt || f == m.UpdatedAt || f == m.Version || slices.Contains(set, f) {
			continue
		}
		set = append(set, f)
	}
	return set
}

// rememberRows remembers fields of each of rows as read (see Tracked).
func rememberRows[T any](m *model.Model, rows []T, fields []*model.Field) {
	if !m.Tracks() {
		return
	}
	for i := range rows {
		m.Remember(unsafe.Pointer(&rows[i]), fields, true)
	}
}
