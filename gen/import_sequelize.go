package gen

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/internal/naming"
	"github.com/strata-orm/strata/schema"
	"github.com/strata-orm/strata/sequelizejs"
)

// ImportSequelize returns the model files for the models of a Sequelize
// project, as sequelizejs.LoadModels recorded them: file name → gofmt'ed
// source, one file per model and models.go with All(). Each model becomes
// a struct with its table (TableName), naming (ModelOptions for
// underscored), columns (types, allowNull, defaultValue, unique, field
// names, primary keys, autoIncrement) and validations in tags, the
// timestamps and paranoid columns Sequelize adds, and an Associate method
// with every association and its options (as, foreignKey, sourceKey,
// targetKey, through, otherKey, onDelete, onUpdate, constraints, scope).
// Foreign keys are always named explicitly, and a key Sequelize adds to a
// model without declaring it (hasMany's UserId) becomes a field, so the
// columns are Sequelize's. Hooks, getters and setters, scopes, methods
// and custom validators are TODO comments holding their source; what
// else cannot be expressed is in the report.
func ImportSequelize(set *sequelizejs.ModelSet, o ImportOptions) (map[string][]byte, *ImportReport, error) {
	pkg, err := o.packageName()
	if err != nil {
		return nil, nil, err
	}
	rep := &ImportReport{}
	for _, p := range set.Problems {
		rep.warn("%s: %s: %s (left out)", at(p.File, p.Line), p.Construct, p.Reason)
	}
	if len(set.Stubs) > 0 {
		rep.warn("the model files require %s, given as stubs while they were recorded (the code that uses them is kept as TODO source)", strings.Join(set.Stubs, ", "))
	}
	structs := map[string]bool{"All": true}
	var models []*smodel
	byName := map[string]*smodel{}
	for _, d := range set.Models {
		m := newSModel(d, structs, rep)
		models = append(models, m)
		byName[d.Name] = m
	}
	for _, m := range append([]*smodel(nil), models...) {
		for _, a := range m.def.Associations {
			if j := m.associate(a, byName, structs, rep); j != nil {
				models = append(models, j)
			}
		}
	}
	settleActions(models, rep)
	sort.Slice(models, func(i, j int) bool { return models[i].Struct < models[j].Struct })
	files, err := writeModels(pkg, models, rep)
	if err != nil {
		return nil, nil, err
	}
	return files, rep, nil
}

// smodel is one Sequelize model on its way to a Go file.
type smodel struct {
	def     *sequelizejs.ModelDef
	Struct  string
	table   string
	opts    model.Options
	fields  []*sfield
	byAttr  map[string]*sfield
	rels    []irel
	assocs  []iassoc
	todos   []string
	imports map[string]bool
	pk      *sfield
}

// sfield is one attribute's field.
type sfield struct {
	Name, Attr, Col, Type string
	Tag, Validate         []string
	Comment               []string
	schemaType            schema.Type
}

func newSModel(d *sequelizejs.ModelDef, structs map[string]bool, rep *ImportReport) *smodel {
	m := &smodel{def: d, byAttr: map[string]*sfield{}, imports: map[string]bool{}}
	m.Struct = structName(d.Name, structs)
	m.opts.Underscored = optBool(d, "underscored", false)
	m.table = optString(d, "tableName")
	if m.table == "" {
		switch {
		case optBool(d, "freezeTableName", false):
			m.table = d.Name
		case m.opts.Underscored:
			m.table = naming.Snake(naming.Plural(d.Name))
		default:
			m.table = naming.Plural(d.Name)
		}
	}
	hasPK := false
	for _, a := range d.Attributes {
		hasPK = hasPK || a.PrimaryKey
	}
	if !hasPK {
		// Sequelize's implicit id.
		t := true
		m.addAttr(&sequelizejs.AttributeDef{Name: "id", Type: &sequelizejs.DataType{Key: "INTEGER"}, PrimaryKey: true, AutoIncrement: true, AllowNull: &t}, rep)
	}
	for _, a := range d.Attributes {
		if a.Type != nil && a.Type.Key == "VIRTUAL" {
			m.todos = append(m.todos, fmt.Sprintf("attribute %s is VIRTUAL (no column)%s", a.Name, codeText(a.Get)))
			continue
		}
		m.addAttr(a, rep)
	}
	if optBool(d, "timestamps", true) {
		for _, s := range []struct{ opt, name string }{{"createdAt", "CreatedAt"}, {"updatedAt", "UpdatedAt"}} {
			m.stamp(s.opt, s.name, "time.Time")
		}
		if optBool(d, "paranoid", false) {
			m.stamp("deletedAt", "DeletedAt", "*time.Time")
		}
	} else if optBool(d, "paranoid", false) {
		rep.warn("model %s is paranoid without timestamps, which Sequelize ignores: not paranoid", d.Name)
	}
	for _, k := range []string{"indexes", "defaultScope", "scopes", "hooks", "getterMethods", "setterMethods", "validate"} {
		v, ok := d.Options[k]
		if !ok {
			continue
		}
		if entries, ok := v.(map[string]any); ok && k != "defaultScope" {
			for _, n := range sortedKeys(entries) {
				for _, c := range codeEntries(entries[n]) {
					m.todos = append(m.todos, fmt.Sprintf("%s %s (%s):\n%s", k, n, at(d.File, c.Line), c.Source))
				}
			}
			continue
		}
		m.todos = append(m.todos, fmt.Sprintf("option %s: %s", k, plainText(v)))
	}
	for _, c := range d.Code {
		m.todos = append(m.todos, fmt.Sprintf("%s %s (%s):\n%s", c.Kind, c.Name, at(d.File, c.Line), c.Source))
	}
	return m
}

// stamp adds a timestamp field unless the option turns it off; a string
// option names its column.
func (m *smodel) stamp(opt, name, typ string) {
	col := model.ColumnName(name, m.opts)
	if v, ok := m.def.Options[opt]; ok {
		switch v := v.(type) {
		case bool:
			if !v {
				return
			}
		case string:
			col = v
			if f := m.byAttr[v]; f != nil {
				f.Name = name // the declared attribute is the timestamp
				return
			}
		}
	}
	if _, dup := m.byAttr[lowerFirst(name)]; dup {
		return
	}
	f := &sfield{Name: name, Attr: lowerFirst(name), Col: col, Type: typ}
	if model.ColumnName(name, m.opts) != col {
		f.Tag = append(f.Tag, col)
	} else {
		f.Tag = append(f.Tag, "")
	}
	m.fields = append(m.fields, f)
	m.byAttr[f.Attr] = f
	m.imports["time"] = true
}

func lowerFirst(s string) string { return strings.ToLower(s[:1]) + s[1:] }

// addAttr adds the field of attribute a.
func (m *smodel) addAttr(a *sequelizejs.AttributeDef, rep *ImportReport) {
	f := &sfield{Attr: a.Name, Name: goIdent(a.Name, "Attr")}
	f.Col = a.Field
	if f.Col == "" {
		f.Col = a.Name
		if m.opts.Underscored {
			f.Col = naming.Snake(a.Name)
		}
	}
	col := ""
	if model.ColumnName(f.Name, m.opts) != f.Col {
		col = f.Col
	}
	f.Tag = append(f.Tag, col)
	t, err := dataType(a.Type, a.Values)
	if err != nil {
		rep.warn("model %s, attribute %s: %v; kept as a string", m.def.Name, a.Name, err)
		t = schema.Type{Kind: schema.KindString, Size: schema.DefaultStringSize}
	}
	f.schemaType = t
	typ, imp := goType(t)
	if imp != "" {
		m.imports[imp] = true
	}
	notNull := a.PrimaryKey || (a.AllowNull != nil && !*a.AllowNull)
	def := defaultOf(a.DefaultValue, t)
	ptr := !a.PrimaryKey && (!notNull || def != nil || a.AutoIncrement)
	f.Type = typ
	if ptr {
		f.Type = nullable(typ)
	}
	conventional := a.PrimaryKey && f.Name == "ID" && f.Col == model.ColumnName("ID", m.opts) && typ == "int" && a.AutoIncrement
	if a.PrimaryKey && !conventional {
		f.Tag = append(f.Tag, "pk")
	}
	if a.AutoIncrement && !conventional {
		f.Tag = append(f.Tag, "autoincrement")
	}
	if notNull && !a.PrimaryKey {
		f.Tag = append(f.Tag, "notnull")
	}
	if def != nil && a.PrimaryKey && def.Kind == schema.DefaultUUIDv4 {
		m.todos = append(m.todos, fmt.Sprintf("the key %s has defaultValue UUIDV4, which Sequelize fills in itself: a strata key field is no pointer, so Create writes it as it is; set it (uuid.NewString()) before Create", a.Name))
	}
	if def != nil {
		if opt := "default=" + tagDefault(t, def); tagHolds(opt) {
			f.Tag = append(f.Tag, opt)
		} else {
			rep.warn("model %s, attribute %s: the default %s cannot be a tag; left out", m.def.Name, a.Name, def.Value)
		}
	} else if a.DefaultValue != nil {
		m.todos = append(m.todos, fmt.Sprintf("attribute %s has the default %s, which a tag cannot hold", a.Name, plainText(a.DefaultValue)))
	}
	switch u := a.Unique.(type) {
	case bool:
		if u {
			f.Tag = append(f.Tag, "unique")
		}
	case string:
		f.Tag = append(f.Tag, "unique="+u)
	case map[string]any:
		if n, ok := u["name"].(string); ok {
			f.Tag = append(f.Tag, "unique="+n)
		} else {
			f.Tag = append(f.Tag, "unique")
		}
	}
	if opt := typeOption(t, typ); opt != "" {
		f.Tag = append(f.Tag, opt)
	}
	if a.Type != nil && (a.Type.Unsigned || a.Type.Zerofill) {
		rep.warn("model %s, attribute %s: UNSIGNED/ZEROFILL (MySQL's) is not declared by the model: a portable %s", m.def.Name, a.Name, t)
	}
	if a.Comment != "" {
		f.Comment = append(f.Comment, a.Comment)
	}
	m.validations(f, a)
	if a.Get != nil {
		m.todos = append(m.todos, fmt.Sprintf("getter of %s (%s):\n%s", a.Name, at(m.def.File, a.Get.Line), a.Get.Source))
	}
	if a.Set != nil {
		m.todos = append(m.todos, fmt.Sprintf("setter of %s (%s):\n%s", a.Name, at(m.def.File, a.Set.Line), a.Set.Source))
	}
	if a.References != nil {
		m.todos = append(m.todos, fmt.Sprintf("attribute %s references %s (declare it by an association)", a.Name, plainText(a.References)))
	}
	if a.PrimaryKey && m.pk == nil {
		m.pk = f
	}
	m.fields = append(m.fields, f)
	m.byAttr[a.Name] = f
}

// validations turns Sequelize's validate into strata's validate tag where
// a rule matches, and a TODO otherwise.
func (m *smodel) validations(f *sfield, a *sequelizejs.AttributeDef) {
	for _, v := range a.Validate {
		rule := ""
		switch v.Name {
		case "isEmail":
			rule = "email"
		case "isUrl":
			rule = "url"
		case "notEmpty":
			rule = "len=1.."
		case "len":
			if xs, ok := v.Arg.([]any); ok && len(xs) == 2 {
				rule = fmt.Sprintf("len=%v..%v", xs[0], xs[1])
			}
		case "min", "max":
			if n, ok := v.Arg.(float64); ok {
				rule = v.Name + "=" + strconv.FormatFloat(n, 'f', -1, 64)
			}
		case "isIn":
			if xs, ok := v.Arg.([]any); ok && len(xs) == 1 {
				if vals, ok := xs[0].([]any); ok {
					var s []string
					for _, x := range vals {
						s = append(s, fmt.Sprint(x))
					}
					rule = "oneof=" + strings.Join(s, "|")
				}
			}
		}
		if rule != "" && !strings.ContainsAny(rule, `",`+"`") {
			f.Validate = append(f.Validate, rule)
			if v.Msg != "" {
				m.todos = append(m.todos, fmt.Sprintf("validation %s of %s has the message %q, which strata's rule %s does not carry", v.Name, a.Name, v.Msg, rule))
			}
			continue
		}
		if v.Code != nil {
			m.todos = append(m.todos, fmt.Sprintf("validator %s of %s (%s):\n%s", v.Name, a.Name, at(m.def.File, v.Code.Line), v.Code.Source))
		} else {
			m.todos = append(m.todos, fmt.Sprintf("validation %s of %s: %s", v.Name, a.Name, plainText(v.Arg)))
		}
	}
}

func optBool(d *sequelizejs.ModelDef, name string, def bool) bool {
	if b, ok := d.Options[name].(bool); ok {
		return b
	}
	return def
}

func optString(d *sequelizejs.ModelDef, name string) string {
	s, _ := d.Options[name].(string)
	return s
}

// plainText is a recorded value as JSON, for a comment.
func plainText(v any) string {
	if m, ok := v.(map[string]any); ok {
		if c, ok := m["source"].(string); ok && len(m) <= 2 {
			return c
		}
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func codeText(c *sequelizejs.Code) string {
	if c == nil {
		return ""
	}
	return fmt.Sprintf("; its getter (line %d):\n%s", c.Line, c.Source)
}

// codeEntries reads an option entry the recorder wrote as source ({source,
// line}, or a list of them: several hooks of one kind).
func codeEntries(v any) []sequelizejs.Code {
	var out []sequelizejs.Code
	one := func(x any) {
		o, _ := x.(map[string]any)
		src, ok := o["source"].(string)
		if !ok {
			src = plainText(x)
		}
		line, _ := o["line"].(float64)
		out = append(out, sequelizejs.Code{Source: src, Line: int(line)})
	}
	if l, ok := v.([]any); ok {
		for _, x := range l {
			one(x)
		}
	} else {
		one(v)
	}
	return out
}

// at is "file:line", or the file alone when the line is unknown.
func at(file string, line int) string {
	if line <= 0 {
		return file
	}
	return fmt.Sprintf("%s:%d", file, line)
}
