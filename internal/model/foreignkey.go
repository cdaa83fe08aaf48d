package model

import (
	"slices"
	"strings"

	"github.com/strata-orm/strata/schema"
)

// fkUse is one association's claim on a foreign-key column.
type fkUse struct {
	a        *Association
	owner    *Model // the model whose table holds the column
	col      *Field
	ref      *Model
	refCol   *Field
	hasX     bool // declared by a hasOne or hasMany
	through  bool // a key of a join table
	explicit [2]bool
}

// foreignKeys derives the foreign keys of every table from the
// associations: one per column, whichever side declared it, with
// Sequelize's default actions. Associations that disagree about a
// column's reference or actions are errors. It also sets each
// association's effective OnDelete and OnUpdate.
func (res *resolver) foreignKeys() map[*Model][]schema.ForeignKey {
	type colKey struct{ table, col string }
	off := map[colKey]bool{}
	groups := map[colKey][]fkUse{}
	var order []colKey
	add := func(u fkUse) {
		k := colKey{u.owner.Table, u.col.Column}
		if !u.a.Constraints {
			off[k] = true
		}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], u)
	}
	for _, m := range res.reg.registered {
		for _, a := range res.assocs[m] {
			ex := res.explicit[a]
			switch a.Kind {
			case BelongsTo:
				add(fkUse{a: a, owner: m, col: a.ForeignKey, ref: a.Target, refCol: a.TargetKey, explicit: ex})
			case HasOne, HasMany:
				add(fkUse{a: a, owner: a.Target, col: a.ForeignKey, ref: m, refCol: a.SourceKey, hasX: true, explicit: ex})
			case BelongsToMany:
				add(fkUse{a: a, owner: a.Through, col: a.ForeignKey, ref: m, refCol: a.SourceKey, through: true, explicit: ex})
				add(fkUse{a: a, owner: a.Through, col: a.OtherKey, ref: a.Target, refCol: a.TargetKey, through: true, explicit: ex})
			}
		}
	}
	out := map[*Model][]schema.ForeignKey{}
	for _, k := range order {
		uses := groups[k]
		first := uses[0]
		var del, upd schema.Action
		var delBy, updBy, nameBy *Association
		name := ""
		hasX, through := false, false
		ok := true
		for _, u := range uses {
			if u.ref != first.ref || u.refCol != first.refCol {
				res.fail(u.a.Source, u.a.Name, "%s points %s.%s at %s.%s, but %s points it at %s.%s; make them agree",
					u.a, k.table, k.col, u.ref.Table, u.refCol.Column, first.a, first.ref.Table, first.refCol.Column)
				ok = false
				continue
			}
			hasX = hasX || u.hasX
			if n := u.a.ConstraintName; n != "" {
				if nameBy != nil && n != name {
					res.fail(u.a.Source, u.a.Name, "ConstraintName %q for %s.%s, but %s says %q; give one name (or set it on one side only)", n, k.table, k.col, nameBy, name)
					ok = false
				}
				name, nameBy = n, u.a
			}
			through = through || u.through
			if u.explicit[0] {
				if delBy != nil && u.a.OnDelete != del {
					res.fail(u.a.Source, u.a.Name, "OnDelete %s for %s.%s, but %s says %s; give one action (or set it on one side only)", u.a.OnDelete, k.table, k.col, delBy, del)
					ok = false
				}
				del, delBy = u.a.OnDelete, u.a
			}
			if u.explicit[1] {
				if updBy != nil && u.a.OnUpdate != upd {
					res.fail(u.a.Source, u.a.Name, "OnUpdate %s for %s.%s, but %s says %s; give one action (or set it on one side only)", u.a.OnUpdate, k.table, k.col, updBy, upd)
					ok = false
				}
				upd, updBy = u.a.OnUpdate, u.a
			}
		}
		if !ok {
			continue
		}
		if delBy == nil {
			switch {
			case through:
				del = schema.Cascade
			case first.col.Nullable:
				del = schema.SetNull
			case hasX:
				del = schema.Cascade
			default:
				del = schema.NoAction
			}
		}
		if updBy == nil {
			upd = schema.Cascade
		}
		for _, u := range uses {
			u.a.OnDelete, u.a.OnUpdate = del, upd
		}
		if off[k] {
			continue
		}
		if name == "" {
			name = schema.ForeignKeyName(k.table, []string{k.col})
		}
		out[first.owner] = append(out[first.owner], schema.ForeignKey{
			Name: name, Columns: []string{k.col},
			RefTable: first.ref.Table, RefColumns: []string{first.refCol.Column},
			OnDelete: del, OnUpdate: upd,
		})
	}
	for m := range out {
		slices.SortFunc(out[m], func(a, b schema.ForeignKey) int { return strings.Compare(a.Name, b.Name) })
	}
	return out
}
