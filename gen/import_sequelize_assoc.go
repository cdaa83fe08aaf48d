package gen

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/strata-orm/strata/internal/naming"
	"github.com/strata-orm/strata/sequelizejs"
)

// camelize is Sequelize 6's Utils.camelize: the words after _ - or a
// space start upper case (User_id → UserId).
func camelize(s string) string {
	var b strings.Builder
	up := false
	for _, r := range strings.TrimSpace(s) {
		if r == '_' || r == '-' || r == ' ' {
			up = true
			continue
		}
		if up {
			b.WriteString(strings.ToUpper(string(r)))
			up = false
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// pkAttr is the primary key attribute of m ("id").
func (m *smodel) pkAttr() *sfield {
	if m.pk != nil {
		return m.pk
	}
	return m.byAttr["id"]
}

// keyField returns the field of attribute attr on m, adding it as
// Sequelize adds a foreign key it was not given (typed as the key it
// points at, nullable unless allowNull is false).
func (m *smodel) keyField(attr string, like *sfield, allowNull *bool) *sfield {
	if f := m.byAttr[attr]; f != nil {
		return f
	}
	for _, f := range m.fields {
		if f.Col == attr {
			return f
		}
	}
	f := &sfield{Attr: attr, Name: goIdent(attr, "Attr"), Col: attr, schemaType: like.schemaType}
	if m.opts.Underscored {
		f.Col = naming.Snake(attr)
	}
	col := ""
	if naming.LowerCamel(f.Name) != f.Col && !(m.opts.Underscored && naming.Snake(f.Name) == f.Col) {
		col = f.Col
	}
	f.Tag = []string{col}
	typ := strings.TrimPrefix(like.Type, "*")
	if allowNull != nil && !*allowNull {
		f.Type = typ
		f.Tag = append(f.Tag, "notnull")
	} else {
		f.Type = "*" + typ
	}
	if tt := tagType(like.schemaType, typ); tt != "" {
		f.Tag = append(f.Tag, "type="+tt)
	}
	f.Comment = []string{"added by an association: Sequelize makes this foreign key without the model declaring it"}
	// Before the timestamps.
	at := len(m.fields)
	for i, g := range m.fields {
		if g.Name == "CreatedAt" || g.Name == "UpdatedAt" || g.Name == "DeletedAt" {
			at = i
			break
		}
	}
	m.fields = append(m.fields[:at], append([]*sfield{f}, m.fields[at:]...)...)
	m.byAttr[attr] = f
	return f
}

// actionOf reads onDelete/onUpdate as schema's action.
func actionOf(v string) (string, bool) {
	switch strings.ToUpper(strings.TrimSpace(v)) {
	case "CASCADE":
		return "schema.Cascade", true
	case "SET NULL":
		return "schema.SetNull", true
	case "RESTRICT":
		return "schema.Restrict", true
	case "NO ACTION":
		return "schema.NoAction", true
	case "SET DEFAULT":
		return "schema.SetDefault", true
	}
	return "", false
}

// associate declares one recorded association on m; it returns the join
// model it made for a belongsToMany through a table no model maps.
func (m *smodel) associate(a *sequelizejs.AssociationDef, byName map[string]*smodel, structs map[string]bool, rep *ImportReport) (made *smodel) {
	where := fmt.Sprintf("model %s, %s %s (%s)", m.def.Name, a.Kind, a.Target, at(m.def.File, a.Line))
	t := byName[a.Target]
	if a.Target == "" {
		rep.warn("%s: the target is undefined (models.X of a model whose file was not loaded, or misspelt): left out", where)
		return nil
	}
	if t == nil {
		rep.warn("%s: the target is no model of the directory: left out", where)
		return nil
	}
	as := a.Str("as")
	if as == "" {
		if o, ok := a.Options["as"].(map[string]any); ok {
			as, _ = o["plural"].(string)
		}
	}
	var kind, name, typ, js string
	switch a.Kind {
	case "belongsTo":
		kind, name, typ, js = "BelongsTo", t.def.Name, "*"+t.Struct, ",omitempty"
	case "hasOne":
		kind, name, typ, js = "HasOne", t.def.Name, "*"+t.Struct, ",omitempty"
	case "hasMany":
		kind, name, typ, js = "HasMany", naming.Plural(t.def.Name), "[]"+t.Struct, ",omitzero"
	case "belongsToMany":
		kind, name, typ, js = "BelongsToMany", naming.Plural(t.def.Name), "[]"+t.Struct, ",omitzero"
	default:
		rep.warn("%s: unknown kind", where)
		return nil
	}
	if as != "" {
		name = as
	}
	field := goIdent(name, "Assoc")
	var opts []string
	key := ""
	if field != defaultAssocName(kind, t.Struct) {
		opts = append(opts, fmt.Sprintf("strata.As(%q)", field))
	}
	fkName, fkNull := a.Key("foreignKey")
	srcKey, tgtKey := m.pkAttr(), t.pkAttr()
	if s := a.Str("sourceKey"); s != "" && m.byAttr[s] != nil {
		srcKey = m.byAttr[s]
		opts = append(opts, fmt.Sprintf("strata.SourceKey(%q)", srcKey.Name))
	}
	if s := a.Str("targetKey"); s != "" && t.byAttr[s] != nil {
		tgtKey = t.byAttr[s]
		opts = append(opts, fmt.Sprintf("strata.TargetKey(%q)", tgtKey.Name))
	}
	if srcKey == nil || tgtKey == nil {
		rep.warn("%s: a side has no primary key: left out", where)
		return nil
	}
	switch a.Kind {
	case "belongsTo":
		if fkName == "" {
			fkName = camelize(naming.Singular(name) + "_" + tgtKey.Attr)
		}
		f := m.keyField(fkName, tgtKey, fkNull)
		opts = append(opts, fmt.Sprintf("strata.ForeignKey(%q)", f.Name))
		key = m.table + "." + f.Col
	case "hasOne", "hasMany":
		if fkName == "" {
			fkName = camelize(m.def.Name + "_" + srcKey.Attr)
		}
		f := t.keyField(fkName, srcKey, fkNull)
		opts = append(opts, fmt.Sprintf("strata.ForeignKey(%q)", f.Name))
		key = t.table + "." + f.Col
	case "belongsToMany":
		thr, isModel := a.Through()
		j := byName[thr]
		if fkName == "" {
			fkName = camelize(m.def.Name + "_" + srcKey.Attr)
		}
		other, _ := a.Key("otherKey")
		if other == "" {
			other = camelize(t.def.Name + "_" + tgtKey.Attr)
		}
		if j == nil {
			if isModel {
				rep.warn("%s: the through model %s is no model of the directory: joined through the table %s", where, thr, thr)
			}
			// Sequelize's implicit through model: the two keys (its
			// primary key) and timestamps, typed as the keys they point at.
			j = &smodel{def: &sequelizejs.ModelDef{Name: thr, Form: "implicit through model", File: m.def.File, Options: map[string]any{}},
				byAttr: map[string]*sfield{}, imports: map[string]bool{}, table: thr}
			j.Struct = structName(thr, structs)
			for _, k := range []struct {
				name string
				key  *sfield
			}{{fkName, srcKey}, {other, tgtKey}} {
				f := j.keyField(k.name, k.key, &[]bool{false}[0])
				f.Tag = append(f.Tag[:1], "pk")
				if tt := tagType(k.key.schemaType, strings.TrimPrefix(k.key.Type, "*")); tt != "" {
					f.Tag = append(f.Tag, "type="+tt)
				}
				f.Comment = []string{"a key of the join table Sequelize makes for through: " + strconv.Quote(thr)}
			}
			j.stamp("createdAt", "CreatedAt", "time.Time")
			j.stamp("updatedAt", "UpdatedAt", "time.Time")
			byName[thr] = j
			made = j
		}
		if made == nil && joinRowField(j, t) {
			// The join model has columns of its own: Sequelize gives each
			// target row loaded through it the join row (product.OrderItem).
			f := t.claimRel(j.Struct)
			t.rels = append(t.rels, irel{f, "*" + j.Struct, j.def.Name + ",omitempty"})
		}
		{
			opts = append([]string{fmt.Sprintf("strata.Through(%s{})", j.Struct)}, opts...)
			fk := j.keyField(fkName, srcKey, nil)
			ok := j.keyField(other, tgtKey, nil)
			opts = append(opts, fmt.Sprintf("strata.ForeignKey(%q)", fk.Name), fmt.Sprintf("strata.OtherKey(%q)", ok.Name))
		}
		if o, ok := a.Options["through"].(map[string]any); ok && (o["scope"] != nil || o["unique"] != nil || o["paranoid"] != nil) {
			m.todos = append(m.todos, fmt.Sprintf("%s: through options %s", where, plainText(o)))
		}
	}
	for _, k := range []string{"onDelete", "onUpdate"} {
		if v := a.Str(k); v != "" {
			if act, ok := actionOf(v); ok {
				opts = append(opts, fmt.Sprintf("strata.%s(%s)", strings.ToUpper(k[:1])+k[1:], act))
			} else {
				rep.warn("%s: %s %q is no action strata knows", where, k, v)
			}
		}
	}
	if c, ok := a.Options["constraints"].(bool); ok && !c {
		opts = append(opts, "strata.Constraints(false)")
	}
	if sc, ok := a.Options["scope"].(map[string]any); ok {
		var conds []string
		simple := true
		for _, attr := range sortedKeys(sc) {
			k := attr // a scope names attributes; strata.Eq, columns
			if f := t.byAttr[attr]; f != nil {
				k = f.Col
			}
			switch v := sc[attr].(type) {
			case string:
				conds = append(conds, fmt.Sprintf("strata.Eq(%q, %q)", k, v))
			case float64, bool:
				conds = append(conds, fmt.Sprintf("strata.Eq(%q, %v)", k, v))
			default:
				simple = false
			}
		}
		if simple && len(conds) > 0 {
			opts = append(opts, "strata.Scope("+strings.Join(conds, ", ")+")")
		} else {
			m.todos = append(m.todos, fmt.Sprintf("%s: scope %s", where, plainText(sc)))
		}
	}
	for _, k := range sortedKeys(a.Options) {
		switch k {
		case "as", "foreignKey", "otherKey", "sourceKey", "targetKey", "through", "onDelete", "onUpdate", "constraints", "scope":
		default:
			m.todos = append(m.todos, fmt.Sprintf("%s: option %s: %s", where, k, plainText(a.Options[k])))
		}
	}
	noAs := slices.DeleteFunc(slices.Clone(opts), func(o string) bool { return strings.HasPrefix(o, "strata.As(") })
	for _, b := range m.assocs {
		bNoAs := slices.DeleteFunc(slices.Clone(b.Opts), func(o string) bool { return strings.HasPrefix(o, "strata.As(") })
		if b.Name == field && b.Kind == kind && b.Target == t.Struct && slices.Equal(noAs, bNoAs) {
			// as: 'user' and as: 'User' twice over one key: one Go field.
			rep.warn("%s: the same association as %s.%s (its alias differs only in case, or it is declared twice): one field holds both", where, m.Struct, b.Name)
			return made
		}
	}
	if final := m.claimRel(field); final != field {
		// The name is a column's field, or another association's.
		opts = append([]string{fmt.Sprintf("strata.As(%q)", final)}, noAs...)
		field = final
	}
	m.rels = append(m.rels, irel{field, typ, name + js})
	m.assocs = append(m.assocs, iassoc{Kind: kind, Name: field, Target: t.Struct, Opts: opts, key: key})
	rep.Associations = append(rep.Associations, m.Struct+"."+field+" "+a.Kind)
	return made
}

// defaultAssocName is strata's name for an association without As.
func defaultAssocName(kind, target string) string {
	if kind == "HasMany" || kind == "BelongsToMany" {
		return naming.Plural(target)
	}
	return target
}

func (m *smodel) claimRel(name string) string {
	taken := func(n string) bool {
		for _, f := range m.fields {
			if f.Name == n {
				return true
			}
		}
		for _, r := range m.rels {
			if r.Name == n {
				return true
			}
		}
		return slices.Contains(structMethods, n)
	}
	out := name
	for i := 2; taken(out); i++ {
		out = name + strconv.Itoa(i)
	}
	return out
}

func sortedKeys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// settleActions keeps one OnDelete and one OnUpdate per foreign key: where
// two associations over one key (hasMany and its belongsTo) give different
// actions, Sequelize's constraint has the one declared last (each call
// rewrites the key's attribute), and strata refuses two, so the earlier
// one is dropped, with a warning. order is the models in the order their
// associate functions ran.
func settleActions(order []*smodel, rep *ImportReport) {
	type at struct {
		m *smodel
		i int
	}
	var all []at
	for _, m := range order {
		for i := range m.assocs {
			if m.assocs[i].key != "" {
				all = append(all, at{m, i})
			}
		}
	}
	for _, opt := range []string{"strata.OnDelete(", "strata.OnUpdate("} {
		last := map[string]string{} // key → the action declared last
		for _, x := range all {
			for _, o := range x.m.assocs[x.i].Opts {
				if strings.HasPrefix(o, opt) {
					last[x.m.assocs[x.i].key] = o
				}
			}
		}
		for _, x := range all {
			a := &x.m.assocs[x.i]
			keep := a.Opts[:0]
			for _, o := range a.Opts {
				if strings.HasPrefix(o, opt) && o != last[a.key] {
					rep.warn("%s.%s: %s for %s is overridden by %s, declared later (as in Sequelize); left out", x.m.Struct, a.Name, o, a.key, last[a.key])
					continue
				}
				keep = append(keep, o)
			}
			a.Opts = keep
		}
	}
}

// joinRowField reports whether target t should get a field for the rows of
// join model j: j has a column besides its keys and timestamps, and t has
// no such field yet.
func joinRowField(j, t *smodel) bool {
	for _, r := range t.rels {
		if r.Type == "*"+j.Struct {
			return false
		}
	}
	keys := map[string]bool{}
	for _, a := range j.def.Associations {
		if a.Kind == "belongsTo" {
			if n, _ := a.Key("foreignKey"); n != "" {
				keys[n] = true
			}
		}
	}
	for _, f := range j.fields {
		if f == j.pk || keys[f.Attr] || f.Name == "CreatedAt" || f.Name == "UpdatedAt" || f.Name == "DeletedAt" || f.Name == "ID" {
			continue
		}
		if strings.HasSuffix(f.Name, "ID") {
			continue // a key of the join (orderId, productId)
		}
		return true
	}
	return false
}
