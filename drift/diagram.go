package drift

import (
	"slices"

	"github.com/strata-orm/strata/diagram"
	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/schema"
)

// ModelGraph is the ER diagram of the models: an entity per model (join
// models marked as such) with its columns, and a relation per association
// (the diagram draws an association and its inverse, Order.User and
// User.Orders, as one line named after both).
func ModelGraph(vals []any) (diagram.Graph, error) {
	ms, err := loadModels(vals)
	if err != nil {
		return diagram.Graph{}, err
	}
	var g diagram.Graph
	join := map[*model.Model]bool{}
	for _, m := range ms.reg.Models() {
		for _, a := range m.Associations() {
			if a.Kind == model.BelongsToMany {
				join[a.Through] = true
			}
		}
	}
	for i, m := range ms.reg.Models() {
		g.Entities = append(g.Entities, entity(m.Name, ms.schema.Tables[i], join[m]))
	}
	for _, m := range ms.reg.Models() {
		for _, a := range m.Associations() {
			g.Relations = append(g.Relations, relation(a))
		}
	}
	return g, nil
}

// relation is association a seen from its source; the diagram draws an
// association and its inverse (same keys) as one line.
func relation(a *model.Association) diagram.Relation {
	r := diagram.Relation{From: a.Source.Name, To: a.Target.Name, Name: a.Name, Kind: a.Kind.String(), ForeignKey: a.ForeignKey.Column}
	// The side referenced is optional when the foreign key may be NULL.
	optional := a.ForeignKey.Nullable && !a.ForeignKey.PrimaryKey
	switch a.Kind {
	case model.BelongsTo:
		if optional {
			r.ToCard = diagram.ZeroOrOne
		}
		if uniqueColumn(a.Source, a.ForeignKey) {
			r.FromCard = diagram.ZeroOrOne
		}
	case model.HasOne, model.HasMany:
		if optional {
			r.FromCard = diagram.ZeroOrOne
		}
	case model.BelongsToMany:
		r.Through, r.OtherKey = a.Through.Name, a.OtherKey.Column
	}
	return r
}

// uniqueColumn reports whether f alone is a key of m.
func uniqueColumn(m *model.Model, f *model.Field) bool {
	if len(m.PrimaryKey) == 1 && m.PrimaryKey[0] == f {
		return true
	}
	for _, u := range m.Uniques {
		if len(u.Fields) == 1 && u.Fields[0] == f {
			return true
		}
	}
	return false
}

// entity is a table as the diagram shows it.
func entity(name string, t schema.Table, join bool) diagram.Entity {
	e := diagram.Entity{Name: name, Table: t.Name, Join: join}
	for _, c := range t.Columns {
		a := diagram.Attribute{Name: c.Name, Type: c.Type.String(), PK: slices.Contains(t.PrimaryKey, c.Name), NotNull: c.NotNull}
		for _, fk := range t.ForeignKeys {
			if slices.Contains(fk.Columns, c.Name) {
				a.FK = true
			}
		}
		a.Unique = !a.PK && t.IsKey([]string{c.Name})
		e.Attributes = append(e.Attributes, a)
	}
	return e
}
