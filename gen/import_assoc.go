package gen

import (
	"fmt"
	"slices"
	"strings"

	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/internal/naming"
	"github.com/strata-orm/strata/schema"
)

// joinInfo marks a join table: its two foreign keys.
type joinInfo struct{ a, b schema.ForeignKey }

// fkRef is a single-column foreign key with its models and fields.
type fkRef struct {
	fk            schema.ForeignKey
	child, parent *imodel
	col, ref      *ifield
}

// associate derives the associations of every model from the foreign keys
// of its table.
func associate(models []*imodel, byTable map[string]*imodel, rep *ImportReport) {
	refs := map[*imodel][]fkRef{}
	for _, m := range models {
		owned := map[string]string{} // column → the foreign key that gave it an association
		for _, fk := range m.t.ForeignKeys {
			r, ok := resolveFK(m, fk, byTable, rep)
			if !ok {
				continue
			}
			if prev, dup := owned[r.col.Col]; dup {
				// The registry derives one foreign key per column.
				rep.warn("table %s: the foreign key %s is on column %s, as %s is: no association (one foreign key per column is modelled)", m.t.Name, fk.Name, r.col.Col, prev)
				continue
			}
			owned[r.col.Col] = fk.Name
			refs[m] = append(refs[m], r)
		}
	}
	for _, m := range models {
		rs := refs[m]
		if len(rs) == 2 && len(rs) == len(m.t.ForeignKeys) && rs[0].col.col.NotNull && rs[1].col.col.NotNull {
			pair := []string{rs[0].col.Col, rs[1].col.Col}
			if m.t.IsKey(pair) {
				m.join = &joinInfo{rs[0].fk, rs[1].fk}
			} else {
				rep.warn("table %s looks like a join table of %s and %s but has no unique key on (%s): imported as a model with two belongsTo; add the key (ddl.AddUnique(%q, %q, %q)) and import again for a belongsToMany",
					m.t.Name, rs[0].parent.t.Name, rs[1].parent.t.Name, strings.Join(pair, ", "), m.t.Name, pair[0], pair[1])
			}
		}
	}
	for _, m := range models {
		if m.join != nil {
			joinAssocs(m, refs[m], rep)
			continue
		}
		count := map[*imodel]int{}
		for _, r := range refs[m] {
			count[r.parent]++
		}
		for _, r := range refs[m] {
			name := belongsTo(r, false, rep)
			inverse(r, name, count[r.parent] > 1, rep)
		}
	}
}

// resolveFK checks a foreign key can be an association.
func resolveFK(m *imodel, fk schema.ForeignKey, byTable map[string]*imodel, rep *ImportReport) (fkRef, bool) {
	at := fmt.Sprintf("table %s: the foreign key %s (%s) → %s (%s)", m.t.Name, fk.Name, strings.Join(fk.Columns, ", "), fk.RefTable, strings.Join(fk.RefColumns, ", "))
	if len(fk.Columns) != 1 {
		rep.warn("%s is composite, which associations cannot declare: no association (the constraint stays in the database)", at)
		return fkRef{}, false
	}
	p := byTable[fk.RefTable]
	if p == nil {
		rep.warn("%s points at a table that is not imported: no association", at)
		return fkRef{}, false
	}
	r := fkRef{fk: fk, child: m, parent: p, col: m.byCol[fk.Columns[0]], ref: p.byCol[fk.RefColumns[0]]}
	if r.col == nil || r.ref == nil {
		rep.warn("%s uses a column left out of the model: no association", at)
		return fkRef{}, false
	}
	if family(r.col.col.Type) != family(r.ref.col.Type) {
		rep.warn("%s joins a %s to a %s, which strata does not join: no association", at, r.col.col.Type, r.ref.col.Type)
		return fkRef{}, false
	}
	if fk.Deferrable {
		rep.warn("%s is deferrable, which a model cannot declare", at)
	}
	return r, true
}

// family is the model package's key family of a column type: a native
// type's is that of the Go type its field gets.
func family(t schema.Type) string {
	if t.Kind == schema.KindNative {
		switch typ, _ := importGoType(t); typ {
		case "int64":
			return "integer"
		case "string":
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

// assocBase names an association by its foreign-key column: the column
// without the key's last word (userId, user_id → User; manager_staff_id →
// ManagerStaff), or, when the column does not end with it (reportsTo),
// the column followed by the target (ReportsToEmployee).
func assocBase(col, ref string, target *imodel) string {
	cw, rw := strings.Split(naming.Snake(col), "_"), strings.Split(naming.Snake(ref), "_")
	if len(cw) > 1 && strings.EqualFold(cw[len(cw)-1], rw[len(rw)-1]) {
		return goIdent(strings.Join(cw[:len(cw)-1], "_"), "Ref")
	}
	return goIdent(col, "Ref") + target.Struct
}

// singleKey returns the field of m's one-column primary key, or nil.
func (m *imodel) singleKey() *ifield {
	var k *ifield
	for _, f := range m.fields {
		if f.pk {
			if k != nil {
				return nil
			}
			k = f
		}
	}
	return k
}

// finds reports whether the registry finds field f of m by the name it
// derives (a Go field name or a column).
func (m *imodel) finds(name string, f *ifield) bool {
	for _, g := range m.fields {
		if g.Name == name || g.Col == name {
			return g == f
		}
	}
	return false
}

// keyOption is the option naming key field f of m when f is not m's
// single primary key.
func keyOption(opt string, m *imodel, f *ifield) []string {
	if m.singleKey() == f {
		return nil
	}
	return []string{fmt.Sprintf("strata.%s(%q)", opt, f.Name)}
}

// actions are the OnDelete and OnUpdate options a foreign key needs where
// strata's defaults differ from it.
func actions(fk schema.ForeignKey, defDelete schema.Action) []string {
	var out []string
	del, upd := orNoAction(fk.OnDelete), orNoAction(fk.OnUpdate)
	if del != defDelete {
		out = append(out, "strata.OnDelete("+del.GoString()+")")
	}
	if upd != schema.Cascade {
		out = append(out, "strata.OnUpdate("+upd.GoString()+")")
	}
	return out
}

func orNoAction(a schema.Action) schema.Action {
	if a == "" {
		return schema.NoAction
	}
	return a
}

// belongsTo declares r's belongsTo on the child and returns its name.
func belongsTo(r fkRef, through bool, rep *ImportReport) string {
	c, p := r.child, r.parent
	name := c.claim(assocBase(r.col.Col, r.ref.Col, p))
	var opts []string
	if name != p.Struct {
		opts = append(opts, fmt.Sprintf("strata.As(%q)", name))
	}
	if !c.finds(model.ColumnName(name+r.ref.Name, c.opts), r.col) {
		opts = append(opts, fmt.Sprintf("strata.ForeignKey(%q)", r.col.Name))
	}
	opts = append(opts, keyOption("TargetKey", p, r.ref)...)
	def := schema.Cascade // a join table's keys, and a NOT NULL key with an inverse
	if !through && !r.col.col.NotNull {
		def = schema.SetNull
	}
	opts = append(opts, actions(r.fk, def)...)
	if r.fk.Name != "" && r.fk.Name != schema.ForeignKeyName(c.t.Name, r.fk.Columns) {
		opts = append(opts, fmt.Sprintf("strata.ConstraintName(%q)", r.fk.Name))
	}
	c.rels = append(c.rels, irel{name, "*" + p.Struct, jsonName(name) + ",omitempty"})
	c.assocs = append(c.assocs, iassoc{Kind: "BelongsTo", Name: name, Target: p.Struct, Opts: opts})
	rep.Associations = append(rep.Associations, c.Struct+"."+name+" belongsTo")
	return name
}

// inverse declares the hasOne or hasMany on the parent of r, whose
// belongsTo is called bt; prefixed tells there are several keys from the
// child to the parent, so the name starts with bt's.
func inverse(r fkRef, bt string, prefixed bool, rep *ImportReport) {
	c, p := r.child, r.parent
	kind, def := "HasMany", naming.Plural(c.Struct)
	if c.t.IsKey([]string{r.col.Col}) {
		kind, def = "HasOne", c.Struct
	}
	base := def
	if prefixed && bt != p.Struct {
		base = bt + def
	}
	name := p.claim(base)
	var opts []string
	if name != def {
		opts = append(opts, fmt.Sprintf("strata.As(%q)", name))
	}
	srcKey := r.ref
	if !c.finds(model.ColumnName(p.Struct+srcKey.Name, c.opts), r.col) {
		opts = append(opts, fmt.Sprintf("strata.ForeignKey(%q)", r.col.Name))
	}
	opts = append(opts, keyOption("SourceKey", p, srcKey)...)
	typ, js := "[]"+c.Struct, ",omitzero"
	if kind == "HasOne" {
		typ, js = "*"+c.Struct, ",omitempty"
	}
	p.rels = append(p.rels, irel{name, typ, jsonName(name) + js})
	p.assocs = append(p.assocs, iassoc{Kind: kind, Name: name, Target: c.Struct, Opts: opts})
	k := "hasMany"
	if kind == "HasOne" {
		k = "hasOne"
	}
	rep.Associations = append(rep.Associations, p.Struct+"."+name+" "+k)
}

// joinAssocs declares a join model's two belongsTo and the belongsToMany
// of each side through it.
func joinAssocs(j *imodel, rs []fkRef, rep *ImportReport) {
	for _, r := range rs {
		belongsTo(r, true, rep)
	}
	extra := len(j.fields) > 2
	rowField := map[*imodel]bool{}
	for i, r := range rs {
		o := rs[1-i] // r's side is the source, o's the target
		src, dst := r.parent, o.parent
		def := naming.Plural(dst.Struct)
		base := naming.Plural(assocBase(o.col.Col, o.ref.Col, dst))
		if src.taken[base] || src.columns[base] {
			// Taken (the other direction of a self-join, a hasMany):
			// say which key the source is joined by.
			base = assocBase(r.col.Col, r.ref.Col, src) + base
		}
		name := src.claim(base)
		opts := []string{fmt.Sprintf("strata.Through(%s{})", j.Struct)}
		if name != def {
			opts = append(opts, fmt.Sprintf("strata.As(%q)", name))
		}
		if !j.finds(model.ColumnName(src.Struct+r.ref.Name, j.opts), r.col) {
			opts = append(opts, fmt.Sprintf("strata.ForeignKey(%q)", r.col.Name))
		}
		other := dst.Struct
		if src == dst {
			other = naming.Singular(name)
		}
		if !j.finds(model.ColumnName(other+o.ref.Name, j.opts), o.col) {
			opts = append(opts, fmt.Sprintf("strata.OtherKey(%q)", o.col.Name))
		}
		opts = append(opts, keyOption("SourceKey", src, r.ref)...)
		opts = append(opts, keyOption("TargetKey", dst, o.ref)...)
		src.rels = append(src.rels, irel{name, "[]" + dst.Struct, jsonName(name) + ",omitzero"})
		src.assocs = append(src.assocs, iassoc{Kind: "BelongsToMany", Name: name, Target: dst.Struct, Opts: opts, Through: j.Struct})
		rep.Associations = append(rep.Associations, src.Struct+"."+name+" belongsToMany through "+j.Struct)
		if extra && !rowField[dst] {
			// The join row, with its own columns, when dst is loaded
			// through j.
			rowField[dst] = true
			f := dst.claim(j.Struct)
			dst.rels = append(dst.rels, irel{f, "*" + j.Struct, jsonName(f) + ",omitempty"})
		}
	}
	if slices.ContainsFunc(rs, func(r fkRef) bool { return r.parent == j }) {
		rep.warn("table %s is a join table that points at itself", j.t.Name)
	}
}

// jsonName is the JSON key of a field: its lowerCamel name.
func jsonName(field string) string { return naming.LowerCamel(field) }
