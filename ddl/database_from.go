package ddl

import (
	"slices"

	"github.com/strata-orm/strata/schema"
)

// CreateDatabaseFrom returns the operations that build db from nothing:
// each table (CreateTableFrom) after the tables its foreign keys point at,
// and, for foreign keys in a cycle (Sakila's staff and store point at each
// other), the table first and the key added once the other table exists.
// Objects come as they were read: sequences, domains and types before
// the tables, functions, views and triggers after them. Replayed onto an
// empty schema, or rendered and run on an empty database,
// the operations make db again.
func CreateDatabaseFrom(db *schema.Database) []Op {
	byName := map[string]*schema.Table{}
	for i := range db.Tables {
		byName[db.Tables[i].Name] = &db.Tables[i]
	}
	created := map[string]bool{}
	var ops, later []Op
	// visiting marks the tables on the current path: a key that points at
	// one of them closes a cycle and is added after every table exists.
	visiting := map[string]bool{}
	var visit func(t *schema.Table)
	visit = func(t *schema.Table) {
		if created[t.Name] || visiting[t.Name] {
			return
		}
		visiting[t.Name] = true
		for _, p := range t.Inherits {
			if parent := byName[p]; parent != nil {
				visit(parent) // a table is made after those it inherits from
			}
		}
		var deferred []schema.ForeignKey
		for _, fk := range t.ForeignKeys {
			ref := byName[fk.RefTable]
			if ref == nil || ref.Name == t.Name {
				continue
			}
			if visiting[ref.Name] {
				deferred = append(deferred, fk)
				continue
			}
			visit(ref)
		}
		tt := t.Clone()
		tt.ForeignKeys = slices.DeleteFunc(tt.ForeignKeys, func(fk schema.ForeignKey) bool {
			return slices.ContainsFunc(deferred, func(d schema.ForeignKey) bool { return d.Name == fk.Name })
		})
		ops = append(ops, CreateTableFrom(tt)...)
		for _, fk := range deferred {
			later = append(later, addForeignKeyFrom(t.Name, fk))
		}
		visiting[t.Name] = false
		created[t.Name] = true
	}
	var first, last []Op
	for _, b := range db.Objects {
		if b.Kind.BeforeTables() {
			first = append(first, CreateObject(b))
		} else {
			last = append(last, CreateObject(b))
		}
	}
	for i := range db.Tables {
		visit(&db.Tables[i])
	}
	ops = append(first, ops...)
	ops = append(ops, later...)
	return append(ops, last...)
}
