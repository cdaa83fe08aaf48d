package model

import (
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/strata-orm/strata/internal/naming"
	"github.com/strata-orm/strata/schema"
)

// Error is a model strata cannot use: a bad tag, an unsupported field type,
// a missing primary key. It names the model and the field, and the fix.
type Error struct {
	Model string
	Field string // empty for the model as a whole
	Msg   string
}

func (e *Error) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("model %s: %s", e.Model, e.Msg)
	}
	return fmt.Sprintf("model %s, field %s: %s", e.Model, e.Field, e.Msg)
}

var (
	scannerType = reflect.TypeFor[sql.Scanner]()
	valuerType  = reflect.TypeFor[driver.Valuer]()
	timeType    = reflect.TypeFor[time.Time]()
	rawJSONType = reflect.TypeFor[json.RawMessage]()
)

// New computes the model of a struct type (or pointer to one). It does
// not cache: use a Registry.
func New(t reflect.Type) (*Model, error) {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() != reflect.Struct {
		return nil, fmt.Errorf("model: %v is not a struct type; models are Go structs", t)
	}
	if t.Name() == "" {
		return nil, fmt.Errorf("model: anonymous struct %v cannot be a model; declare a named type", t)
	}
	return build(t, t.Name(), "", false)
}

// ForRead computes the model of a struct that rows are only read into,
// as New does, except that it needs no primary key (a key is needed only
// to write a row by itself) and may be anonymous (the rows of hand-written
// SQL: struct{ Email string; N int }). It does not cache: use a Registry.
func ForRead(t reflect.Type) (*Model, error) {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() != reflect.Struct {
		return nil, fmt.Errorf("model: %v is not a struct type; rows are read into Go structs", t)
	}
	if t.Name() == "" {
		m, err := build(t, t.String(), "", true)
		if err != nil {
			return nil, err
		}
		m.Table = "" // the rows of hand-written SQL name no table
		return m, nil
	}
	return build(t, t.Name(), "", true)
}

// build computes the model of struct type t called name, with the given
// table (or the conventional one when table is empty); keyless accepts a
// struct without a primary key.
func build(t reflect.Type, name, table string, keyless bool) (*Model, error) {
	m := &Model{Type: t, Name: name, byName: map[string]*Field{}}
	zero := reflect.New(t)
	if o, ok := zero.Interface().(Optioner); ok {
		m.Options = o.ModelOptions()
	}
	m.Table = TableName(m.Name, m.Options)
	if tn, ok := zero.Interface().(Tabler); ok {
		m.Table = tn.TableName()
		if m.Table == "" {
			return nil, &Error{Model: m.Name, Msg: "TableName() returned an empty name"}
		}
		m.ownTable = true
	}
	if table != "" {
		m.Table = table
		m.ownTable = true
	}
	uniqueGroups := map[string]int{}
	if err := m.walk(t, nil, 0, uniqueGroups); err != nil {
		return nil, err
	}
	if len(m.Fields) == 0 {
		return nil, &Error{Model: m.Name, Msg: "no persisted fields (exported fields become columns)"}
	}
	if err := m.finish(keyless); err != nil {
		return nil, err
	}
	return m, nil
}

// TableName is the table a model called name gets by convention:
// the plural of its lowerCamel name (User → users, UserProfile →
// userProfiles), snake_case when underscored (user_profiles), singular
// when frozen. A join model gets JoinTableName instead.
func TableName(name string, o Options) string {
	var n string
	if o.Underscored {
		n = naming.Snake(name)
	} else {
		n = naming.LowerCamel(name)
	}
	if o.Freeze {
		return n
	}
	return naming.Plural(n)
}

// JoinTableName is the table a join model called name gets by convention
// (a model that a belongsToMany names in Through and that has no TableName
// method): the plural of its snake_case name (ProductOrder →
// product_orders), singular when frozen. That is how the seed's migration
// and Sequelize users name a join table (createTable('product_orders'),
// through: 'product_order' for a model whose table is product_orders).
func JoinTableName(name string, o Options) string {
	return TableName(name, Options{Underscored: true, Freeze: o.Freeze})
}

// ColumnName is the column a field called name gets by convention:
// lowerCamel (FirstName → firstName, UserID → userId), snake_case when
// underscored (first_name, user_id).
func ColumnName(name string, o Options) string {
	if o.Underscored {
		return naming.Snake(name)
	}
	return naming.LowerCamel(name)
}

func (m *Model) walk(t reflect.Type, index []int, offset uintptr, groups map[string]int) error {
	for i := range t.NumField() {
		sf := t.Field(i)
		tag, hasTag := sf.Tag.Lookup("strata")
		if tag == "-" {
			continue
		}
		idx := append(append([]int(nil), index...), i)
		if sf.Anonymous && sf.Type == trackedType {
			m.tracks, m.trackOff = true, offset+sf.Offset
			continue
		}
		if sf.Anonymous && !hasTag && isPlainStruct(sf.Type) {
			if err := m.walk(sf.Type, idx, offset+sf.Offset, groups); err != nil {
				return err
			}
			continue
		}
		if sf.Anonymous && sf.Type.Kind() == reflect.Pointer && isPlainStruct(sf.Type.Elem()) {
			return &Error{Model: m.Name, Field: sf.Name, Msg: "embed the struct by value, not by pointer, or tag it `strata:\"-\"`"}
		}
		if !sf.IsExported() {
			continue
		}
		if rel, ok := relation(sf, idx, offset+sf.Offset); ok && !hasTag {
			m.Relations = append(m.Relations, rel)
			continue
		}
		f, err := m.field(sf, idx, offset+sf.Offset, tag, groups)
		if err != nil {
			return err
		}
		if prev, dup := m.byName[f.Column]; dup {
			return &Error{Model: m.Name, Field: f.Name, Msg: fmt.Sprintf("column %q is also the column of field %s; give one a different name in its tag", f.Column, prev.Name)}
		}
		m.Fields = append(m.Fields, f)
		m.byName[f.Column] = f
		m.byName[f.Name] = f
		m.names = append(m.names, f.Column)
	}
	return nil
}

// isPlainStruct reports a struct that is not itself a value type (time,
// Scanner, Valuer).
func isPlainStruct(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && !isValueType(t)
}

func isValueType(t reflect.Type) bool {
	return t == timeType || t.Implements(valuerType) || reflect.PointerTo(t).Implements(scannerType)
}

func relation(sf reflect.StructField, idx []int, offset uintptr) (Relation, bool) {
	t := sf.Type
	r := Relation{Name: sf.Name, Index: idx, Offset: offset, Type: t}
	if t.Kind() == reflect.Slice && t.Elem().Kind() != reflect.Uint8 {
		r.Many = true
		t = t.Elem()
	}
	if t.Kind() == reflect.Pointer {
		r.Ptr = true
		t = t.Elem()
	}
	if !isPlainStruct(t) {
		return Relation{}, false
	}
	r.Elem = t
	return r, true
}

type tagOpts struct {
	column                 string
	pk, autoinc, noautoinc bool
	unique                 string // "" no, "-" alone, else group name
	notnull, null, version bool
	dflt, size, typ        string
	onupdate, collate      string
}

// SplitTag splits a strata tag into its column name and options: on
// commas outside single quotes and parentheses.
func SplitTag(s string) []string { return splitTag(s) }

// splitTag splits a tag on commas outside single quotes and parentheses.
func splitTag(s string) []string {
	var out []string
	start, inQuote, depth := 0, false, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\'':
			inQuote = !inQuote
		case '(':
			if !inQuote {
				depth++
			}
		case ')':
			if !inQuote {
				depth--
			}
		case ',':
			if !inQuote && depth <= 0 {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

func (m *Model) parseTag(field, tag string) (tagOpts, error) {
	var o tagOpts
	parts := splitTag(tag)
	o.column = strings.TrimSpace(parts[0])
	for _, p := range parts[1:] {
		p = strings.TrimSpace(p)
		key, val, hasVal := strings.Cut(p, "=")
		switch strings.ToLower(key) {
		case "pk", "primarykey", "primary_key":
			o.pk = true
		case "autoincrement", "auto_increment":
			o.autoinc = true
		case "noautoincrement":
			o.noautoinc = true
		case "unique":
			o.unique = "-"
			if hasVal && val != "" {
				o.unique = val
			}
		case "notnull", "not_null":
			o.notnull = true
		case "null":
			o.null = true
		case "version":
			o.version = true
		case "default":
			o.dflt = val
		case "size":
			o.size = val
		case "type":
			o.typ = val
		case "onupdate", "on_update":
			o.onupdate = val
		case "collate", "collation":
			o.collate = val
		case "":
		default:
			return o, &Error{Model: m.Name, Field: field, Msg: fmt.Sprintf("unknown tag option %q in `strata:%q` (known: pk, autoincrement, unique, unique=name, notnull, null, default=…, onupdate=…, collate=…, size=n, type=…, version)", key, tag)}
		}
	}
	if o.notnull && o.null {
		return o, &Error{Model: m.Name, Field: field, Msg: "tag says both notnull and null; keep one"}
	}
	return o, nil
}

func (m *Model) field(sf reflect.StructField, idx []int, offset uintptr, tag string, groups map[string]int) (*Field, error) {
	o, err := m.parseTag(sf.Name, tag)
	if err != nil {
		return nil, err
	}
	f := &Field{Name: sf.Name, Index: idx, Offset: offset, Type: sf.Type}
	f.Column = o.column
	if f.Column == "" {
		f.Column = ColumnName(sf.Name, m.Options)
	}
	f.acc, err = newAccessor(sf.Type)
	if err != nil {
		return nil, &Error{Model: m.Name, Field: sf.Name, Msg: err.Error()}
	}
	// As Sequelize's allowNull, a column accepts NULL unless it says
	// otherwise; a non-pointer field reads NULL as its zero value.
	f.Nullable = !o.notnull
	f.PrimaryKey = o.pk
	f.AutoIncrement = o.autoinc
	if o.pk && o.autoinc && !isIntegerType(sf.Type) {
		return nil, &Error{Model: m.Name, Field: sf.Name, Msg: "autoincrement needs an integer field"}
	}
	if o.unique != "" {
		f.Unique = true
		name := o.unique
		if name == "-" {
			name = "\x00" + f.Column
		}
		if gi, ok := groups[name]; ok {
			m.Uniques[gi].Fields = append(m.Uniques[gi].Fields, f)
		} else {
			groups[name] = len(m.Uniques)
			m.Uniques = append(m.Uniques, Unique{Fields: []*Field{f}})
		}
	}
	if o.version {
		if !isIntegerType(sf.Type) || sf.Type.Kind() == reflect.Pointer {
			return nil, &Error{Model: m.Name, Field: sf.Name, Msg: "a version field must be a non-pointer integer"}
		}
		if m.Version != nil {
			return nil, &Error{Model: m.Name, Field: sf.Name, Msg: "two version fields (" + m.Version.Name + " too); keep one"}
		}
		m.Version = f
	}
	f.sqlType, f.typeErr = sqlTypeOf(sf.Type, o)
	if f.typeErr == nil {
		switch f.sqlType.Kind {
		case schema.KindDecimal:
			// A database that keeps DECIMAL as a number (SQLite) hands back
			// 12.5 for 12.50; a string field gets the column's scale back.
			f.acc.decimal, f.acc.scale = true, f.sqlType.Scale
		case schema.KindFloat:
			f.acc.conv = convFloat32
		case schema.KindDouble:
			f.acc.conv = convFloat64
		case schema.KindUUID:
			f.acc.conv = convLower
		case schema.KindTime:
			f.acc.conv = convTimeOfDay
		case schema.KindDate, schema.KindDateOnly:
			if f.acc.kind != aTime {
				f.acc.conv = convDate // a time.Time is normalized already
			}
		case schema.KindChar:
			// PostgreSQL pads a CHAR with spaces, MySQL drops them, SQLite
			// keeps what was written: read it the same from all three.
			f.acc.trim = true
		}
	}
	if f.typeErr != nil {
		f.typeErr = &Error{Model: m.Name, Field: sf.Name, Msg: f.typeErr.Error()}
	}
	if o.dflt != "" {
		f.Default = parseDefault(o.dflt, f.sqlType)
	}
	if o.onupdate != "" {
		f.OnUpdate = parseDefault(o.onupdate, f.sqlType)
	}
	f.Collation = o.collate
	f.Rules, err = parseRules(m.Name, sf, f)
	if err != nil {
		return nil, err
	}
	if o.notnull && f.acc.nullable {
		f.Rules = append([]Rule{notNullRule()}, f.Rules...)
	}
	return f, nil
}

func (m *Model) finish(keyless bool) error {
	for _, f := range m.Fields {
		if f.PrimaryKey {
			m.PrimaryKey = append(m.PrimaryKey, f)
		}
	}
	if len(m.PrimaryKey) == 0 {
		id, ok := m.byName["ID"]
		if !ok {
			id, ok = m.byName["id"] // a field Id, or one whose column is id
		}
		switch {
		case ok:
			id.PrimaryKey = true
			if isIntegerType(id.Type) && id.Type.Kind() != reflect.Pointer {
				id.AutoIncrement = true
			}
			m.PrimaryKey = []*Field{id}
		case !keyless:
			return m.NoKeyError()
		}
	}
	for _, f := range m.PrimaryKey {
		if f.Type.Kind() == reflect.Pointer {
			return &Error{Model: m.Name, Field: f.Name, Msg: "a primary key cannot be a pointer"}
		}
		f.Nullable = false
	}
	if len(m.PrimaryKey) > 1 {
		for _, f := range m.PrimaryKey {
			f.AutoIncrement = false
		}
	}
	for _, name := range []string{"CreatedAt", "UpdatedAt"} {
		f, ok := m.byName[name]
		if !ok {
			continue
		}
		if f.Type != timeType && f.Type != reflect.PointerTo(timeType) {
			continue
		}
		if name == "CreatedAt" {
			m.CreatedAt = f
		} else {
			m.UpdatedAt = f
		}
		if f.Type == timeType {
			f.Nullable = false
		}
	}
	if f, ok := m.byName["DeletedAt"]; ok {
		if f.Type != reflect.PointerTo(timeType) && f.Type != reflect.TypeFor[sql.NullTime]() {
			return &Error{Model: m.Name, Field: f.Name, Msg: "DeletedAt makes the model paranoid and must be *time.Time or sql.NullTime (NULL while the row is alive)"}
		}
		m.DeletedAt = f
	}
	for i := range m.Uniques {
		m.Uniques[i].Name = schema.UniqueName(m.Table, m.Uniques[i].Columns())
	}
	return nil
}

// NoKeyError is the error for a model without a primary key used where a
// key is needed: to register it, or to write, delete or reload one row.
func (m *Model) NoKeyError() error {
	return &Error{Model: m.Name, Msg: "no primary key: add an ID field or tag one `strata:\",pk\"` (rows can be read without one, not written one by one)"}
}

func isIntegerType(t reflect.Type) bool {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return !t.Implements(valuerType)
	}
	return false
}

// sqlTypeOf maps a Go type to a column type, following Sequelize's
// DataTypes as model:generate writes them: int is INTEGER, int64 BIGINT,
// string STRING(255), float64 DOUBLE, time.Time DATE, bool BOOLEAN.
func sqlTypeOf(t reflect.Type, o tagOpts) (schema.Type, error) {
	if o.typ != "" {
		st, err := schema.ParseType(o.typ)
		if err != nil {
			return schema.Type{}, fmt.Errorf("tag type=%s: %v", o.typ, err)
		}
		return st, nil
	}
	st, ok := goType(t)
	if !ok {
		return schema.Type{}, fmt.Errorf("no column type for Go type %v; add `strata:\",type=…\"` (e.g. type=TEXT, type=JSON)", t)
	}
	if o.size != "" {
		n, err := strconv.Atoi(o.size)
		if err != nil || n <= 0 {
			return schema.Type{}, fmt.Errorf("tag size=%s: need a positive whole number", o.size)
		}
		if st.Kind != schema.KindString && st.Kind != schema.KindChar {
			return schema.Type{}, fmt.Errorf("tag size=%s applies to strings only", o.size)
		}
		st.Size = n
	}
	return st, nil
}

func goType(t reflect.Type) (schema.Type, bool) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t {
	case timeType, reflect.TypeFor[sql.NullTime]():
		return schema.Date(), true
	case rawJSONType:
		return schema.JSON(), true
	case reflect.TypeFor[sql.NullString]():
		return schema.String(0), true
	case reflect.TypeFor[sql.NullInt64]():
		return schema.BigInt(), true
	case reflect.TypeFor[sql.NullInt32]():
		return schema.Integer(), true
	case reflect.TypeFor[sql.NullInt16](), reflect.TypeFor[sql.NullByte]():
		return schema.SmallInt(), true
	case reflect.TypeFor[sql.NullFloat64]():
		return schema.Double(), true
	case reflect.TypeFor[sql.NullBool]():
		return schema.Boolean(), true
	}
	if t.Kind() == reflect.Struct && t.PkgPath() == "database/sql" && strings.HasPrefix(t.Name(), "Null[") {
		if v, ok := t.FieldByName("V"); ok {
			return goType(v.Type)
		}
	}
	if isValueType(t) {
		return schema.Type{}, false
	}
	switch t.Kind() {
	case reflect.String:
		return schema.String(0), true
	case reflect.Bool:
		return schema.Boolean(), true
	case reflect.Int8, reflect.Int16, reflect.Uint8:
		return schema.SmallInt(), true
	case reflect.Int, reflect.Int32, reflect.Uint16:
		return schema.Integer(), true
	case reflect.Int64, reflect.Uint32, reflect.Uint, reflect.Uint64:
		return schema.BigInt(), true
	case reflect.Float32:
		return schema.Float(), true
	case reflect.Float64:
		return schema.Double(), true
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return schema.Blob(), true
		}
	}
	return schema.Type{}, false
}

// parseDefault reads a tag's default: NOW, UUIDV4, a quoted string, a
// boolean, an SQL expression in parentheses ("(CURRENT_DATE)", "(NULL)":
// used as written), or else the literal as it is.
func parseDefault(s string, t schema.Type) *schema.Default {
	if len(s) >= 2 && s[0] == '(' && s[len(s)-1] == ')' {
		return schema.Expr(s[1 : len(s)-1])
	}
	switch strings.ToUpper(s) {
	case "NOW", "NOW()", "CURRENT_TIMESTAMP":
		return schema.Now()
	case "UUIDV4":
		return schema.UUIDv4()
	}
	if len(s) >= 2 && s[0] == '\'' && s[len(s)-1] == '\'' {
		return schema.Literal(strings.ReplaceAll(s[1:len(s)-1], "''", "'"))
	}
	if t.Kind == schema.KindBoolean {
		if b, err := strconv.ParseBool(s); err == nil {
			return schema.Literal(b)
		}
	}
	return schema.Literal(s)
}
