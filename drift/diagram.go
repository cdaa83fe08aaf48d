package drift

import (
	"slices"

	"github.com/strata-orm/strata/diagram"
	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/schema"
)

// ModelGraph is the ER diagram of the models: an entity per model (join
// models marked as such) with its columns, and a relation per association,
// an association and its inverse (Order.User, User.Orders) drawn once,
// named after both.
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
	drawn := map[*model.Association]bool{}
	for _, m := range ms.reg.Models() {
		for _, a := range m.Associations() {
			if drawn[a] {
				continue
			}
			drawn[a] = true
			name := a.Name
			if inv := a.Inverse; inv != nil {
				drawn[inv] = true
				name = a.Source.Name + "." + a.Name + " / " + inv.Source.Name + "." + inv.Name
			} else {
				name = a.Source.Name + "." + a.Name
			}
			g.Relations = append(g.Relations, relation(a, name))
		}
	}
	return g, nil
}

// relation draws association a from the side referenced to the side that
// holds the foreign key (or between the two sides of a belongsToMany).
func relation(a *model.Association, name string) diagram.Relation {
	r := diagram.Relation{Name: name, Kind: a.Kind.String()}
	parentCard := diagram.One
	if !a.ForeignKey.PrimaryKey && a.ForeignKey.Nullable {
		parentCard = diagram.ZeroOrOne
	}
	switch a.Kind {
	case model.BelongsTo:
		r.From, r.To, r.FromCard, r.ToCard = a.Target.Name, a.Source.Name, parentCard, diagram.Many
		if uniqueColumn(a.Source, a.ForeignKey) {
			r.ToCard = diagram.ZeroOrOne
		}
	case model.HasOne:
		r.From, r.To, r.FromCard, r.ToCard = a.Source.Name, a.Target.Name, parentCard, diagram.ZeroOrOne
	case model.HasMany:
		r.From, r.To, r.FromCard, r.ToCard = a.Source.Name, a.Target.Name, parentCard, diagram.Many
	case model.BelongsToMany:
		r.From, r.To, r.FromCard, r.ToCard, r.Through = a.Source.Name, a.Target.Name, diagram.Many, diagram.Many, a.Through.Name
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
