package model

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/strata-orm/strata/internal/naming"
	"github.com/strata-orm/strata/internal/query"
	"github.com/strata-orm/strata/schema"
)

// resolver turns the associations the models declare into checked
// Associations. Nothing is written to the models until every check passed.
type resolver struct {
	reg       *Registry
	byType    map[reflect.Type]*Model
	implicit  map[string]*Model // join table → the join model made for it
	newModels []*Model
	assocs    map[*Model][]*Association
	explicit  map[*Association][2]bool // OnDelete, OnUpdate given
	joinKeys  map[*Model][]Unique      // the unique keys join models get
	errs      []error
}

func (res *resolver) fail(m *Model, assoc, format string, args ...any) {
	res.errs = append(res.errs, &AssociationError{Model: m.Name, Association: assoc, Msg: fmt.Sprintf(format, args...)})
}

func (res *resolver) run() error {
	res.byType = map[reflect.Type]*Model{}
	res.assocs = map[*Model][]*Association{}
	res.explicit = map[*Association][2]bool{}
	res.joinKeys = map[*Model][]Unique{}
	for _, m := range res.reg.registered {
		res.byType[m.Type] = m
	}
	specs := map[*Model][]*assocSpec{}
	for _, m := range res.reg.registered {
		if ar, ok := reflect.New(m.Type).Interface().(Associator); ok {
			coll := &Associations{source: m}
			ar.Associate(coll)
			specs[m] = coll.specs
		}
	}
	before := map[*Model]string{}
	for _, m := range res.reg.registered {
		before[m] = m.Table
	}
	undo := res.nameJoinTables(specs)
	for _, m := range res.reg.registered {
		for _, s := range specs[m] {
			if a := res.resolve(m, s); a != nil {
				res.assocs[m] = append(res.assocs[m], a)
			}
		}
	}
	res.checkNames()
	res.pairInverses()
	fks := res.foreignKeys()
	if len(res.errs) > 0 {
		undo()
		return errors.Join(res.errs...)
	}
	for m, table := range before {
		if m.Table != table && res.reg.tables[table] == m {
			delete(res.reg.tables, table)
		}
	}
	for m, table := range before {
		if m.Table != table {
			res.reg.tables[m.Table] = m
		}
	}
	for m, keys := range res.joinKeys {
		m.Uniques = append(m.Uniques, keys...)
	}
	for _, m := range res.reg.registered {
		list := res.assocs[m]
		m.assocs = list
		m.assocBy = make(map[string]*Association, len(list))
		for _, a := range list {
			m.assocBy[a.Name] = a
		}
	}
	for _, m := range res.newModels {
		res.reg.tables[m.Table] = m
		res.reg.registered = append(res.reg.registered, m)
	}
	for m, list := range fks {
		m.ForeignKeys = list
	}
	return nil
}

// allowedOptions are the options each kind takes.
var allowedOptions = map[Kind][]string{
	BelongsTo:     {"As", "ForeignKey", "TargetKey", "OnDelete", "OnUpdate", "Constraints", "ConstraintName", "Scope"},
	HasOne:        {"As", "ForeignKey", "SourceKey", "OnDelete", "OnUpdate", "Constraints", "ConstraintName", "Scope"},
	HasMany:       {"As", "ForeignKey", "SourceKey", "OnDelete", "OnUpdate", "Constraints", "ConstraintName", "Scope"},
	BelongsToMany: {"As", "ForeignKey", "SourceKey", "TargetKey", "OtherKey", "Through", "ThroughField", "OnDelete", "OnUpdate", "Constraints", "Scope"},
}

func (res *resolver) resolve(m *Model, s *assocSpec) *Association {
	t := targetType(s.target)
	label := s.kind.String()
	if t == nil || t.Kind() != reflect.Struct {
		res.fail(m, label, "the target %v is not a model; pass a struct value such as User{}", reflect.TypeOf(s.target))
		return nil
	}
	label += " " + t.Name()
	if s.as != "" {
		label = s.as
	}
	target := res.byType[t]
	if target == nil {
		res.fail(m, label, "the target %s is not registered; add %s{} to strata.WithModels", t.Name(), t.Name())
		return nil
	}
	for _, o := range s.set {
		if !slices.Contains(allowedOptions[s.kind], o) {
			res.fail(m, label, "option %s does not apply to %s (it takes %s)", o, s.kind, strings.Join(allowedOptions[s.kind], ", "))
			return nil
		}
	}
	if s.err != nil {
		res.fail(m, label, "%v", s.err)
		return nil
	}
	if s.kind == BelongsToMany && s.through == nil {
		res.fail(m, label, "belongsToMany needs a join table: add strata.Through(JoinModel{}) or strata.Through(\"join_table\")")
		return nil
	}
	rel, ok := res.field(m, target, s, label)
	if !ok {
		return nil
	}
	a := &Association{Kind: s.kind, Name: rel.Name, Source: m, Target: target, Field: rel, Constraints: !s.noConstraints, Scope: s.scope,
		ConstraintName: s.constraintName}
	label = rel.Name

	for _, c := range s.scope {
		if c == nil {
			res.fail(m, label, "Scope has a nil condition")
			return nil
		}
		if pairs, ok := query.Equalities(c); ok {
			for col := range pairs {
				if _, err := target.Field(col); err != nil {
					res.fail(m, label, "scope: %v", err)
					return nil
				}
			}
		}
	}
	var err error
	if a.OnDelete, err = parseAction(s.onDelete); err != nil {
		res.fail(m, label, "OnDelete: %v", err)
		return nil
	}
	if a.OnUpdate, err = parseAction(s.onUpdate); err != nil {
		res.fail(m, label, "OnUpdate: %v", err)
		return nil
	}
	res.explicit[a] = [2]bool{s.onDelete != nil, s.onUpdate != nil}
	switch s.kind {
	case BelongsTo:
		if a.TargetKey = res.key(m, label, target, s.targetKey, "TargetKey"); a.TargetKey == nil {
			return nil
		}
		fk := s.foreignKey
		if fk == "" {
			fk = ColumnName(a.Name+a.TargetKey.Name, m.Options)
		}
		if a.ForeignKey = res.foreignKey(m, label, m, fk, a.TargetKey, target.Name); a.ForeignKey == nil {
			return nil
		}
	case HasOne, HasMany:
		if a.SourceKey = res.key(m, label, m, s.sourceKey, "SourceKey"); a.SourceKey == nil {
			return nil
		}
		fk := s.foreignKey
		if fk == "" {
			fk = ColumnName(m.Name+a.SourceKey.Name, target.Options)
		}
		if a.ForeignKey = res.foreignKey(m, label, target, fk, a.SourceKey, m.Name); a.ForeignKey == nil {
			return nil
		}
	case BelongsToMany:
		if !res.manyToMany(m, label, a, s) {
			return nil
		}
	}
	return a
}

func parseAction(s *schema.Action) (schema.Action, error) {
	if s == nil {
		return "", nil
	}
	return schema.ParseAction(string(*s))
}

// field finds the field of m that holds the association's rows.
func (res *resolver) field(m, target *Model, s *assocSpec, label string) (Relation, bool) {
	many := s.kind.Many()
	hint := "*" + target.Name
	if many {
		hint = "[]" + target.Name
	}
	check := func(r Relation) bool {
		if r.Elem != target.Type {
			res.fail(m, label, "field %s.%s holds %v, not %s; make it %s %s", m.Name, r.Name, r.Elem, target.Name, r.Name, hint)
			return false
		}
		if r.Many != many {
			if many {
				res.fail(m, label, "field %s.%s holds one %s but %s loads many; make it %s %s", m.Name, r.Name, target.Name, s.kind, r.Name, hint)
			} else {
				res.fail(m, label, "field %s.%s is a slice but %s loads one %s; make it %s %s", m.Name, r.Name, s.kind, target.Name, r.Name, hint)
			}
			return false
		}
		return true
	}
	if s.as != "" {
		r, ok := m.Relation(s.as)
		if !ok {
			res.fail(m, label, "%s has no field %s to hold the loaded %s; add a field `%s %s`", m.Name, s.as, target.Name, s.as, hint)
			return Relation{}, false
		}
		return r, check(r)
	}
	def := target.Name
	if many {
		def = naming.Plural(target.Name)
	}
	if r, ok := m.Relation(def); ok && r.Elem == target.Type && r.Many == many {
		return r, true
	}
	var cands []Relation
	var names []string
	for _, r := range m.Relations {
		if r.Elem == target.Type && r.Many == many {
			cands = append(cands, r)
			names = append(names, r.Name)
		}
	}
	switch len(cands) {
	case 1:
		return cands[0], true
	case 0:
		if r, ok := m.Relation(def); ok {
			return r, check(r)
		}
		res.fail(m, label, "%s has no field to hold the loaded %s; add a field `%s %s`, or name an existing one with strata.As", m.Name, target.Name, def, hint)
	default:
		res.fail(m, label, "fields %s of %s all hold %s; pick one with strata.As(%q)", strings.Join(names, ", "), m.Name, hint, names[0])
	}
	return Relation{}, false
}

// key returns the field of m called name, or m's single primary key.
func (res *resolver) key(src *Model, label string, m *Model, name, opt string) *Field {
	if name == "" {
		if len(m.PrimaryKey) == 0 {
			res.fail(src, label, "%s has no primary key; add an ID field, or name the key to join on with strata.%s", m.Name, opt)
			return nil
		}
		if len(m.PrimaryKey) != 1 {
			res.fail(src, label, "%s has a composite primary key; name the key to join on with strata.%s", m.Name, opt)
			return nil
		}
		return m.PrimaryKey[0]
	}
	f, err := m.Field(name)
	if err != nil {
		res.fail(src, label, "%s: %v", opt, err)
		return nil
	}
	return f
}

// foreignKey returns the field of holder called name, which must have a
// type that can hold the values of ref.
func (res *resolver) foreignKey(src *Model, label string, holder *Model, name string, ref *Field, refModel string) *Field {
	f, err := holder.Field(name)
	if err != nil {
		typ := derefType(ref.Type).String()
		res.fail(src, label, "foreign key %q is not a field of %s; add a field `%s %s` (or *%s when the %s is optional) to %s, or name the key with strata.ForeignKey",
			name, holder.Name, naming.Camel(name), typ, typ, refModel, holder.Name)
		return nil
	}
	if !compatible(f, ref) {
		res.fail(src, label, "foreign key %s.%s is %v but the key it points at, %s, is %v; give them the same type",
			holder.Name, f.Name, f.Type, ref.Name, ref.Type)
		return nil
	}
	return f
}

func derefType(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// keyFamily groups column types whose values can join: integers with
// integers, text with text. A native type joins by its Go field's type
// (SQLite's INT and MySQL's INT UNSIGNED held in an int64 are integers).
func keyFamily(f *Field) string {
	t, err := f.SQLType()
	if err != nil {
		return "go:" + derefType(f.Type).String()
	}
	if t.Kind == schema.KindNative {
		switch {
		case isIntegerType(f.Type):
			return "integer"
		case derefType(f.Type).Kind() == reflect.String:
			return "text"
		}
		return "native:" + t.Native
	}
	switch t.Kind {
	case schema.KindInteger, schema.KindBigInt, schema.KindSmallInt:
		return "integer"
	case schema.KindString, schema.KindChar, schema.KindText, schema.KindUUID:
		return "text"
	}
	return string(t.Kind)
}

func compatible(a, b *Field) bool { return keyFamily(a) == keyFamily(b) }

// manyToMany resolves the join model and keys of a belongsToMany.
func (res *resolver) manyToMany(m *Model, label string, a *Association, s *assocSpec) bool {
	if a.SourceKey = res.key(m, label, m, s.sourceKey, "SourceKey"); a.SourceKey == nil {
		return false
	}
	if a.TargetKey = res.key(m, label, a.Target, s.targetKey, "TargetKey"); a.TargetKey == nil {
		return false
	}
	var thr *Model
	opts := m.Options
	switch x := s.through.(type) {
	case string:
		if x == "" {
			res.fail(m, label, "Through(\"\"): give the join table's name or its model")
			return false
		}
		thr = res.throughModel(x)
	default:
		t := targetType(x)
		if t == nil || t.Kind() != reflect.Struct {
			res.fail(m, label, "Through(%v): give a join model such as ProductOrder{} or a table name", reflect.TypeOf(x))
			return false
		}
		if thr = res.byType[t]; thr == nil {
			res.fail(m, label, "the join model %s is not registered; add %s{} to strata.WithModels", t.Name(), t.Name())
			return false
		}
	}
	if thr != nil {
		opts = thr.Options
	}
	fk, other := s.foreignKey, s.otherKey
	if fk == "" {
		fk = ColumnName(m.Name+a.SourceKey.Name, opts)
	}
	if other == "" {
		name := a.Target.Name
		if a.Target == m {
			name = naming.Singular(a.Name)
		}
		other = ColumnName(name+a.TargetKey.Name, opts)
	}
	if fk == other {
		res.fail(m, label, "the join table's two keys are both %q; name the one pointing at %s with strata.OtherKey", fk, a.Target.Name)
		return false
	}
	if thr == nil {
		if s.thrFld != "" {
			res.fail(m, label, "ThroughField(%q): the join table %q has no model, so there is no join row to hold; register a join model and pass it to Through", s.thrFld, s.through)
			return false
		}
		if thr = res.implicitJoin(m, label, s.through.(string), opts, fk, a.SourceKey, other, a.TargetKey); thr == nil {
			return false
		}
	}
	a.Through = thr
	if a.ForeignKey = res.foreignKey(m, label, thr, fk, a.SourceKey, m.Name); a.ForeignKey == nil {
		return false
	}
	if a.OtherKey = res.foreignKey(m, label, thr, other, a.TargetKey, a.Target.Name); a.OtherKey == nil {
		return false
	}
	res.joinKey(thr, a.ForeignKey, a.OtherKey)
	if thr.Implicit {
		return true
	}
	var cands []Relation
	for _, r := range a.Target.Relations {
		if r.Elem == thr.Type && !r.Many && (s.thrFld == "" || r.Name == s.thrFld) {
			cands = append(cands, r)
		}
	}
	switch {
	case len(cands) == 1:
		a.ThroughField = &cands[0]
	case len(cands) > 1:
		for i := range cands {
			if cands[i].Name == thr.Name {
				a.ThroughField = &cands[i]
			}
		}
		if a.ThroughField == nil {
			res.fail(m, label, "several fields of %s hold a %s; name the one for the join row with strata.ThroughField", a.Target.Name, thr.Name)
			return false
		}
	case s.thrFld != "":
		res.fail(m, label, "ThroughField(%q): %s has no field %s of type *%s", s.thrFld, a.Target.Name, s.thrFld, thr.Name)
		return false
	}
	return true
}

// checkNames reports two associations of one model with the same name,
// and a field that is both an association and the join row of another.
func (res *resolver) checkNames() {
	for _, m := range res.reg.registered {
		seen := map[string]*Association{}
		for _, a := range res.assocs[m] {
			if prev, dup := seen[a.Name]; dup {
				res.fail(m, a.Name, "declared twice (%s and %s) for field %s; give one its own field and name it with strata.As", prev.Kind, a.Kind, a.Name)
				continue
			}
			seen[a.Name] = a
		}
	}
	for _, m := range res.reg.registered {
		for _, a := range res.assocs[m] {
			if a.ThroughField == nil {
				continue
			}
			for _, b := range res.assocs[a.Target] {
				if b.Name == a.ThroughField.Name {
					res.fail(m, a.Name, "field %s.%s receives the join row of %s.%s and is also the association %s; give them different fields",
						a.Target.Name, b.Name, m.Name, a.Name, b)
				}
			}
		}
	}
}

// pairInverses links each association with the one declared on the other
// side over the same foreign key, and reports pairs that disagree.
func (res *resolver) pairInverses() {
	for _, m := range res.reg.registered {
		for _, a := range res.assocs[m] {
			if a.Inverse != nil {
				continue
			}
		pairing:
			for _, b := range res.assocs[a.Target] {
				if b == a || b.Inverse != nil || b.Target != m {
					continue
				}
				switch {
				case a.Kind == BelongsTo && (b.Kind == HasOne || b.Kind == HasMany) && b.ForeignKey == a.ForeignKey:
					if b.SourceKey != a.TargetKey {
						res.fail(m, a.Name, "%s joins %s.%s to %s.%s but its inverse %s joins it to %s.%s; make the keys agree (strata.TargetKey, strata.SourceKey)",
							a, m.Name, a.ForeignKey.Name, a.Target.Name, a.TargetKey.Name, b, a.Target.Name, b.SourceKey.Name)
						continue
					}
				case (a.Kind == HasOne || a.Kind == HasMany) && b.Kind == BelongsTo && b.ForeignKey == a.ForeignKey:
					if b.TargetKey != a.SourceKey {
						res.fail(m, a.Name, "%s joins %s.%s to %s.%s but its inverse %s joins it to %s.%s; make the keys agree (strata.SourceKey, strata.TargetKey)",
							a, a.Target.Name, a.ForeignKey.Name, m.Name, a.SourceKey.Name, b, m.Name, b.TargetKey.Name)
						continue
					}
				case a.Kind == BelongsToMany && b.Kind == BelongsToMany && a.Through == b.Through:
					if a == b || (a.Target == m && a.ForeignKey == b.ForeignKey) {
						continue // a self-association declared once per direction
					}
					if b.ForeignKey != a.OtherKey || b.OtherKey != a.ForeignKey {
						res.fail(m, a.Name, "%s uses %s.%s for %s and %s.%s for %s, but its inverse %s uses %s.%s and %s.%s; swap the keys of one side (strata.ForeignKey, strata.OtherKey)",
							a, a.Through.Table, a.ForeignKey.Column, m.Name, a.Through.Table, a.OtherKey.Column, a.Target.Name,
							b, a.Through.Table, b.ForeignKey.Column, a.Through.Table, b.OtherKey.Column)
						continue
					}
				default:
					continue
				}
				a.Inverse, b.Inverse = b, a
				break pairing
			}
		}
	}
}
