package model

import (
	"errors"
	"fmt"
	"reflect"
	"sync"
)

// Registry holds the models of one database handle: each computed once per
// type, on first use or at registration, then shared. It is safe for
// concurrent use. It is strata's models/index.js: Resolve calls each
// registered model's Associate method and checks the whole association
// graph, and Sync creates the tables of its models.
type Registry struct {
	cache      sync.Map // reflect.Type → *Model
	readOnly   sync.Map // reflect.Type → *Model without a primary key (ForRead)
	mu         sync.Mutex
	registered []*Model
	tables     map[string]*Model
	resolved   bool
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

// ForRead returns the model of t for reading rows into (ForRead): the
// same model as Of when t is a model, else one computed without needing
// a primary key, cached too.
func (r *Registry) ForRead(t reflect.Type) (*Model, error) {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil {
		return nil, fmt.Errorf("model: nil type; rows are read into Go structs")
	}
	if m, ok := r.cache.Load(t); ok {
		return m.(*Model), nil
	}
	if m, ok := r.readOnly.Load(t); ok {
		return m.(*Model), nil
	}
	m, err := ForRead(t)
	if err != nil {
		return nil, err
	}
	if len(m.PrimaryKey) > 0 && t.Name() != "" {
		return r.Of(t)
	}
	actual, _ := r.readOnly.LoadOrStore(t, m)
	return actual.(*Model), nil
}

// Register adds models (values or pointers of struct types) to the
// registered set, in order. Two models may not share a table. Models are
// registered before the registry is resolved.
func (r *Registry) Register(models ...any) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.resolved {
		return errors.New("model: the registry is already resolved; register every model before (strata.WithModels)")
	}
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

// Resolve calls the Associate method of every registered model, fills in
// the defaults of each association (names, keys, actions), and checks the
// whole graph: targets and join models registered, foreign-key fields
// present with types that match their keys, names unique, inverse pairs
// consistent. A broken graph is an error naming each model, association
// and fix (*AssociationError, joined). Join models made for a
// belongsToMany through a table name join the registered models. Resolve
// runs once; later calls return nil.
func (r *Registry) Resolve() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.resolved {
		return nil
	}
	res := &resolver{reg: r, implicit: map[string]*Model{}}
	if err := res.run(); err != nil {
		return err
	}
	r.resolved = true
	return nil
}

// Resolved reports whether Resolve has run.
func (r *Registry) Resolved() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.resolved
}

// Models returns the registered models in registration order, followed
// by the join models the registry made.
func (r *Registry) Models() []*Model {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]*Model(nil), r.registered...)
}

// Registered reports whether m is one of the registry's models.
func (r *Registry) Registered(m *Model) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.tables[m.Table] == m
}

// ByTable returns the registered model of a table, if any.
func (r *Registry) ByTable(table string) (*Model, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	m, ok := r.tables[table]
	return m, ok
}
