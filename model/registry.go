package model

import (
	"fmt"
	"reflect"
	"sync"
)

// Registry holds the models of one database handle: each computed once per
// type, on first use or at registration, then shared. It is safe for
// concurrent use. A Registry is the place associations will be declared
// and checked (each model's Associate method), and Sync creates the tables
// of its registered models.
type Registry struct {
	cache      sync.Map // reflect.Type → *Model
	mu         sync.Mutex
	registered []*Model
	tables     map[string]*Model
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{tables: map[string]*Model{}}
}

// Of returns the model of t (a struct type or pointer to one), computing
// it on first use.
func (r *Registry) Of(t reflect.Type) (*Model, error) {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil {
		return nil, fmt.Errorf("model: nil type; models are Go structs")
	}
	if m, ok := r.cache.Load(t); ok {
		return m.(*Model), nil
	}
	m, err := New(t)
	if err != nil {
		return nil, err
	}
	actual, _ := r.cache.LoadOrStore(t, m)
	return actual.(*Model), nil
}

// Register adds models (values or pointers of struct types) to the
// registered set, in order. Two models may not share a table.
func (r *Registry) Register(models ...any) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, v := range models {
		t := reflect.TypeOf(v)
		if t == nil {
			return fmt.Errorf("model: cannot register nil; pass a struct value such as User{}")
		}
		m, err := r.Of(t)
		if err != nil {
			return err
		}
		if prev, ok := r.tables[m.Table]; ok {
			if prev == m {
				continue
			}
			return fmt.Errorf("model: %s and %s both use table %q; give one a TableName method", prev.Name, m.Name, m.Table)
		}
		r.tables[m.Table] = m
		r.registered = append(r.registered, m)
	}
	return nil
}

// Models returns the registered models in registration order.
func (r *Registry) Models() []*Model {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]*Model(nil), r.registered...)
}

// ByTable returns the registered model of a table, if any.
func (r *Registry) ByTable(table string) (*Model, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	m, ok := r.tables[table]
	return m, ok
}
