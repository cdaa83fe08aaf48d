package strata

import (
	"context"
	"fmt"
	"reflect"
	"unsafe"

	"github.com/strata-orm/strata/internal/model"
)

// Tracked, embedded in a model struct, makes strata remember what each row
// held when strata last read or wrote it, as a Sequelize instance does:
//
//	type User struct {
//		strata.Tracked
//		ID    int
//		Email string
//		Name  string
//	}
//
// Changed lists the fields changed since, Previous gives a field's value
// then, and Save writes only the changed fields (nothing when none
// changed). Rows read by All, One, ByPK, Each, Batches, FindAndCountAll
// and FindOrCreate are remembered, and rows written by Create, Save,
// Update, Increment, Decrement and Reload; rows loaded as includes and
// rows of BulkCreate, RawAll or Upsert are not (Save then writes every
// field, as for a model without Tracked). A model without it is not
// tracked and costs nothing.
type Tracked = model.Tracked

// SaveOption is an option of Save.
type SaveOption interface {
	applySave(w *writeOptions)
}

type saveOptionFunc func(w *writeOptions)

func (f saveOptionFunc) applySave(w *writeOptions) { f(w) }

// Silent makes Save leave UpdatedAt as it is (Sequelize's silent: true),
// for a write the row's users should not see as an edit (a view counter,
// a backfill). Query.Silent is the same for an update of many rows.
func Silent() SaveOption { return saveOptionFunc(func(w *writeOptions) { w.silent = true }) }

// Changed returns the Go names of v's fields that changed since strata
// last read or wrote the row (see Tracked), in declaration order; nil when
// none did, when strata holds nothing of the row, or when its model does
// not embed Tracked (Remembered tells these apart).
func Changed[T any](v *T) []string {
	m, err := trackedModel[T]()
	if err != nil || v == nil {
		return nil
	}
	changed, _ := m.Changed(unsafe.Pointer(v))
	names := make([]string, 0, len(changed))
	for _, f := range changed {
		names = append(names, f.Name)
	}
	if len(names) == 0 {
		return nil
	}
	return names
}

// Remembered reports whether strata holds what v's row held when it last
// read or wrote it: the model embeds Tracked and the row was read or
// written since it was made.
func Remembered[T any](v *T) bool {
	m, err := trackedModel[T]()
	if err != nil || v == nil {
		return false
	}
	_, ok := m.Changed(unsafe.Pointer(v))
	return ok
}

// Previous returns the value field (a Go name or a column) of v held when
// strata last read or wrote the row (Sequelize's previous(key)); ok is
// false when that is not remembered. An unknown field is an error.
func Previous[T any](v *T, field string) (value any, ok bool, err error) {
	m, err := trackedModel[T]()
	if err != nil {
		return nil, false, err
	}
	f, err := m.Field(field)
	if err != nil {
		return nil, false, err
	}
	if v == nil {
		return nil, false, nil
	}
	value, ok = m.Previous(unsafe.Pointer(v), f)
	return value, ok, nil
}

// trackedModel is T's model as Changed and Previous read it, without a DB.
func trackedModel[T any]() (*model.Model, error) {
	return model.ForRead(reflect.TypeFor[T]())
}

// Reload reads v's row again by its primary key and overwrites every
// field of v with what the database holds (Sequelize's reload); a row
// that is gone is an *EmptyResultError and leaves v unchanged. A tracked
// row then counts as unchanged.
func Reload[T any](ctx context.Context, c Conn, v *T) error {
	db := c.DB()
	m, err := modelOf[T](db)
	if err != nil {
		return err
	}
	if v == nil {
		return fmt.Errorf("strata: Reload(nil *%s)", m.Name)
	}
	if len(m.PrimaryKey) == 0 {
		return m.NoKeyError()
	}
	if err := zeroKey("Reload", m, unsafe.Pointer(v)); err != nil {
		return err
	}
	fresh := *v
	if err := db.reload(ctx, c, m, unsafe.Pointer(&fresh), m.Fields); err != nil {
		return err
	}
	*v = fresh
	m.Remember(unsafe.Pointer(v), m.Fields, true)
	return nil
}
