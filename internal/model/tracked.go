package model

import (
	"reflect"
	"unsafe"
)

// Tracked, embedded in a model struct, makes strata remember what each row
// held when strata last read or wrote it, as a Sequelize instance does:
// which fields changed since then (Changed), their previous values
// (Previous), and a Save that writes only the changed fields. A model
// without it is not tracked and costs nothing. Its zero value is a row
// strata has not read.
type Tracked struct{ snap *snapshot }

// snapshot is the values of some fields of a row as the database holds
// them: deep copies, so that changing what a pointer, slice or map field
// points to counts as a change.
type snapshot struct {
	fields []*Field
	values []reflect.Value
}

var trackedType = reflect.TypeFor[Tracked]()

// Tracks reports whether the model embeds Tracked.
func (m *Model) Tracks() bool { return m.tracks }

func (m *Model) tracked(base unsafe.Pointer) *Tracked {
	return (*Tracked)(unsafe.Add(base, m.trackOff))
}

// Remember records the values of fields of the row at base as what the
// database holds now: the whole snapshot when fresh (a read, a create),
// otherwise only those fields, the others kept as they were (an update
// of some fields). It does nothing on a model that is not tracked.
func (m *Model) Remember(base unsafe.Pointer, fields []*Field, fresh bool) {
	if !m.tracks {
		return
	}
	tr := m.tracked(base)
	var s *snapshot
	if fresh || tr.snap == nil {
		s = &snapshot{fields: make([]*Field, 0, len(fields)), values: make([]reflect.Value, 0, len(fields))}
	} else {
		s = &snapshot{fields: append([]*Field(nil), tr.snap.fields...), values: append([]reflect.Value(nil), tr.snap.values...)}
	}
	for _, f := range fields {
		v := deepCopy(f.Reflect(base))
		if i := s.index(f); i >= 0 {
			s.values[i] = v
			continue
		}
		s.fields = append(s.fields, f)
		s.values = append(s.values, v)
	}
	tr.snap = s
}

// Forget drops what strata remembered of the row at base (after a write
// whose outcome the row does not show, such as an upsert).
func (m *Model) Forget(base unsafe.Pointer) {
	if m.tracks {
		m.tracked(base).snap = nil
	}
}

// index is where f is in s, matched by name: the same struct type has a
// Model per registry (and one without, for Changed), each with its own
// *Field values.
func (s *snapshot) index(f *Field) int {
	for i, g := range s.fields {
		if g.Name == f.Name {
			return i
		}
	}
	return -1
}

// Changed returns the remembered fields of the row at base whose value
// differs from what strata last read or wrote, in the model's order; ok
// is false when nothing is remembered (the model is not tracked, or the
// row was never read or written).
func (m *Model) Changed(base unsafe.Pointer) (changed []*Field, ok bool) {
	if !m.tracks || m.tracked(base).snap == nil {
		return nil, false
	}
	s := m.tracked(base).snap
	for _, f := range m.Fields {
		if i := s.index(f); i >= 0 && !reflect.DeepEqual(s.values[i].Interface(), f.Reflect(base).Interface()) {
			changed = append(changed, f)
		}
	}
	return changed, true
}

// Previous returns the value field f of the row at base held when strata
// last read or wrote it; ok is false when that is not remembered.
func (m *Model) Previous(base unsafe.Pointer, f *Field) (v any, ok bool) {
	if !m.tracks || m.tracked(base).snap == nil {
		return nil, false
	}
	s := m.tracked(base).snap
	i := s.index(f)
	if i < 0 {
		return nil, false
	}
	return deepCopy(s.values[i]).Interface(), true
}

// deepCopy copies v and what its pointers, slices, maps and interfaces
// hold, so that the copy shares nothing the program can change in place.
// A struct's unexported fields are copied as they are (time.Time's
// location, which nothing changes).
func deepCopy(v reflect.Value) reflect.Value {
	out := reflect.New(v.Type()).Elem()
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			p := reflect.New(v.Type().Elem())
			p.Elem().Set(deepCopy(v.Elem()))
			out.Set(p)
		}
	case reflect.Slice:
		if !v.IsNil() {
			c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
			for i := range v.Len() {
				c.Index(i).Set(deepCopy(v.Index(i)))
			}
			out.Set(c)
		}
	case reflect.Map:
		if !v.IsNil() {
			c := reflect.MakeMapWithSize(v.Type(), v.Len())
			for it := v.MapRange(); it.Next(); {
				c.SetMapIndex(deepCopy(it.Key()), deepCopy(it.Value()))
			}
			out.Set(c)
		}
	case reflect.Interface:
		if !v.IsNil() {
			out.Set(deepCopy(v.Elem()))
		}
	case reflect.Array:
		for i := range v.Len() {
			out.Index(i).Set(deepCopy(v.Index(i)))
		}
	case reflect.Struct:
		out.Set(v)
		for i := range v.NumField() {
			if out.Field(i).CanSet() {
				out.Field(i).Set(deepCopy(v.Field(i)))
			}
		}
	default:
		out.Set(v)
	}
	return out
}
