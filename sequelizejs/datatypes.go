package sequelizejs

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"

	"github.com/dop251/goja"
	"github.com/strata-orm/strata/schema"
)

//go:embed js/sequelize.js
var sequelizeJS string

// DataType is one Sequelize data type as a file wrote it: the key
// (STRING, INTEGER …) and the options its constructor and modifiers set.
// Raw holds a type given as a string ('TIMESTAMP'), which Sequelize
// passes to the database as written.
type DataType struct {
	Key                string
	Length             int    // STRING(20), INTEGER(11), DATE(6), FLOAT(8)
	Size               string // TEXT('long'), BLOB('medium')
	Decimals           int    // FLOAT(10, 2)
	Precision, Scale   int    // DECIMAL(10, 2)
	Unsigned, Zerofill bool
	Binary             bool
	Values             []string  // ENUM
	Elem               *DataType // ARRAY, RANGE
	Geometry           string    // GEOMETRY('POINT', 4326)
	SRID               int
	Raw                string
}

// IsDataType reports whether v is a DataTypes entry, bare
// (DataTypes.STRING) or called (DataTypes.STRING(20)).
func IsDataType(v goja.Value) bool {
	o, ok := v.(*goja.Object)
	if !ok {
		return false
	}
	b := o.Get("__strataType")
	return b != nil && b.ToBoolean()
}

// ReadDataType reads a DataTypes entry or a type string.
func ReadDataType(r *Runtime, v goja.Value) (DataType, error) {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return DataType{}, fmt.Errorf("the attribute has no type")
	}
	if s, ok := v.Export().(string); ok {
		return DataType{Raw: strings.TrimSpace(s)}, nil
	}
	if !IsDataType(v) {
		return DataType{}, fmt.Errorf("type %s is not a Sequelize data type (use DataTypes.X or a string)", v.String())
	}
	o := v.(*goja.Object)
	dt := DataType{Key: o.Get("key").String()}
	opts, _ := o.Get("options").(*goja.Object)
	if opts == nil {
		return dt, nil
	}
	num := func(name string) int {
		x := opts.Get(name)
		if x == nil || goja.IsUndefined(x) || goja.IsNull(x) {
			return 0
		}
		if s, ok := x.Export().(string); ok {
			n, _ := strconv.Atoi(s)
			return n
		}
		return int(x.ToInteger())
	}
	flag := func(name string) bool {
		x := opts.Get(name)
		return x != nil && !goja.IsUndefined(x) && x.ToBoolean()
	}
	if l := opts.Get("length"); l != nil && !goja.IsUndefined(l) && !goja.IsNull(l) {
		if s, ok := l.Export().(string); ok {
			if n, err := strconv.Atoi(s); err == nil {
				dt.Length = n
			} else {
				dt.Size = strings.ToLower(s)
			}
		} else {
			dt.Length = int(l.ToInteger())
		}
	}
	dt.Decimals, dt.Precision, dt.Scale, dt.SRID = num("decimals"), num("precision"), num("scale"), num("srid")
	dt.Unsigned, dt.Zerofill, dt.Binary = flag("unsigned"), flag("zerofill"), flag("binary")
	if vals, ok := opts.Get("values").(*goja.Object); ok {
		for _, k := range vals.Keys() {
			dt.Values = append(dt.Values, vals.Get(k).String())
		}
	}
	if g := opts.Get("type"); g != nil && !goja.IsUndefined(g) && !goja.IsNull(g) {
		if s, ok := g.Export().(string); ok && (dt.Key == "GEOMETRY" || dt.Key == "GEOGRAPHY") {
			dt.Geometry = s
		} else if IsDataType(g) || dt.Key == "ARRAY" || dt.Key == "RANGE" {
			e, err := ReadDataType(r, g)
			if err != nil {
				return DataType{}, fmt.Errorf("%s element: %w", dt.Key, err)
			}
			dt.Elem = &e
		}
	}
	return dt, nil
}

// MySQLBinaryCollation is the collation a MySQL column Sequelize writes
// with BINARY (STRING.BINARY, CHAR.BINARY, UUID's CHAR(36) BINARY) gets:
// the binary collation of utf8mb4, the character set the recorder
// assumes the database has.
const MySQLBinaryCollation = "utf8mb4_bin"

// mysqlWidth is MariaDB's display width of each integer type, signed and
// unsigned, as COLUMN_TYPE prints it.
var mysqlWidth = map[string][2]int{"tinyint": {4, 3}, "smallint": {6, 5}, "mediumint": {9, 8}, "int": {11, 10}, "bigint": {20, 20}}

// SchemaType is the schema.Type a column of dt gets on d, exactly as
// Sequelize v6 renders it there: a portable kind where strata renders the
// same type (ARCHITECTURE.md's Types table), otherwise the type in the
// database's own spelling (schema.Native). collation is set where
// Sequelize's spelling implies one (CITEXT on SQLite: COLLATE NOCASE).
// values are the ENUM values of an attribute's values option.
func SchemaType(d Dialect, dt DataType, values []string) (t schema.Type, collation string, err error) {
	if dt.Raw != "" {
		if d == MySQL {
			t, coll := mysqlRawType(dt.Raw) // qi_mysql.go
			return t, coll, nil
		}
		return rawType(d, dt.Raw), "", nil
	}
	native := func(s string) schema.Type { return schema.Native(string(d), s) }
	enumValues := dt.Values
	if len(enumValues) == 0 {
		enumValues = values
	}
	switch d {
	case Postgres:
		switch dt.Key {
		case "STRING", "CHAR":
			if dt.Binary {
				return schema.Blob(), "", nil
			}
			if dt.Key == "CHAR" {
				return schema.Char(dt.Length), "", nil
			}
			return schema.String(dt.Length), "", nil
		case "TEXT":
			return schema.Text(), "", nil
		case "INTEGER":
			return schema.Integer(), "", nil
		case "BIGINT":
			return schema.BigInt(), "", nil
		case "SMALLINT":
			return schema.SmallInt(), "", nil
		case "FLOAT":
			if dt.Length > 0 && dt.Decimals == 0 && dt.Length <= 24 {
				return schema.Float(), "", nil
			}
			return schema.Double(), "", nil // FLOAT is double precision
		case "REAL":
			return schema.Float(), "", nil
		case "DOUBLE":
			return schema.Double(), "", nil
		case "DECIMAL":
			if dt.Precision == 0 {
				return native("numeric"), "", nil
			}
			return schema.Decimal(dt.Precision, dt.Scale), "", nil
		case "BOOLEAN":
			return schema.Boolean(), "", nil
		case "DATE":
			// Sequelize's PostgreSQL DATE is TIMESTAMP WITH TIME ZONE
			// whatever the precision given (its toSql ignores DATE(6)):
			// no typmod, unlike strata's Date.
			return native("timestamp with time zone"), "", nil
		case "BLOB":
			return schema.Blob(), "", nil
		case "CITEXT", "TSVECTOR", "INET", "CIDR", "MACADDR", "HSTORE":
			return native(strings.ToLower(dt.Key)), "", nil
		case "GEOMETRY", "GEOGRAPHY":
			s := strings.ToLower(dt.Key)
			if dt.Geometry != "" {
				s += "(" + dt.Geometry
				if dt.SRID != 0 {
					s += "," + strconv.Itoa(dt.SRID)
				}
				s += ")"
			}
			return native(s), "", nil
		case "RANGE":
			sub := map[string]string{"INTEGER": "int4range", "DECIMAL": "numrange", "DATE": "tstzrange", "DATEONLY": "daterange", "BIGINT": "int8range"}
			if dt.Elem != nil && sub[dt.Elem.Key] != "" {
				return native(sub[dt.Elem.Key]), "", nil
			}
			return schema.Type{}, "", fmt.Errorf("RANGE needs a subtype of INTEGER, BIGINT, DECIMAL, DATE or DATEONLY")
		case "ARRAY":
			if dt.Elem == nil {
				return schema.Type{}, "", fmt.Errorf("ARRAY needs an element type, e.g. DataTypes.ARRAY(DataTypes.STRING)")
			}
			e, _, err := SchemaType(d, *dt.Elem, values)
			if err != nil {
				return schema.Type{}, "", err
			}
			return schema.Array(e), "", nil
		}
	case MySQL:
		switch dt.Key {
		case "STRING", "CHAR":
			n := dt.Length
			if n == 0 {
				n = schema.DefaultStringSize
			}
			// BINARY is the binary collation of the column's character
			// set, utf8mb4's as the recorder assumes it.
			coll := ""
			if dt.Binary {
				coll = MySQLBinaryCollation
			}
			if dt.Key == "CHAR" {
				return schema.Char(n), coll, nil
			}
			return schema.String(n), coll, nil
		case "TEXT", "BLOB":
			name := strings.ToLower(dt.Key)
			if s := dt.Size; s == "tiny" || s == "medium" || s == "long" {
				return native(s + name), "", nil
			}
			if dt.Key == "TEXT" {
				return schema.Text(), "", nil
			}
			return schema.Blob(), "", nil
		case "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "MEDIUMINT":
			name := map[string]string{"INTEGER": "int", "BIGINT": "bigint", "SMALLINT": "smallint", "TINYINT": "tinyint", "MEDIUMINT": "mediumint"}[dt.Key]
			unsigned := dt.Unsigned || dt.Zerofill
			w := mysqlWidth[name]
			width := dt.Length
			if width == 0 {
				width = w[0]
				if unsigned {
					width = w[1]
				}
			}
			if !unsigned {
				switch {
				case name == "tinyint" && width == 1:
					return schema.Boolean(), "", nil
				case name == "int" && width == w[0]:
					return schema.Integer(), "", nil
				case name == "bigint" && width == w[0]:
					return schema.BigInt(), "", nil
				case name == "smallint" && width == w[0]:
					return schema.SmallInt(), "", nil
				}
			}
			s := fmt.Sprintf("%s(%d)", name, width)
			if unsigned {
				s += " unsigned"
			}
			if dt.Zerofill {
				s += " zerofill"
			}
			return native(s), "", nil
		case "FLOAT", "REAL", "DOUBLE":
			name := "double"
			if dt.Key == "FLOAT" && (dt.Length == 0 || dt.Decimals > 0 || dt.Length <= 24) {
				name = "float"
			}
			s := name
			if dt.Decimals > 0 {
				s = fmt.Sprintf("%s(%d,%d)", name, dt.Length, dt.Decimals)
			}
			if dt.Unsigned || dt.Zerofill {
				s += " unsigned"
			}
			if dt.Zerofill {
				s += " zerofill"
			}
			switch s {
			case "float":
				return schema.Float(), "", nil
			case "double":
				return schema.Double(), "", nil
			}
			return native(s), "", nil
		case "DECIMAL":
			p, sc := dt.Precision, dt.Scale
			if p == 0 {
				p, sc = 10, 0
			}
			if dt.Unsigned || dt.Zerofill {
				s := fmt.Sprintf("decimal(%d,%d) unsigned", p, sc)
				if dt.Zerofill {
					s += " zerofill"
				}
				return native(s), "", nil
			}
			return schema.Decimal(p, sc), "", nil
		case "BOOLEAN":
			return schema.Boolean(), "", nil
		case "DATE":
			switch dt.Length {
			case 6:
				return schema.Date(), "", nil
			case 0:
				return native("datetime"), "", nil
			}
			return native(fmt.Sprintf("datetime(%d)", dt.Length)), "", nil
		case "UUID":
			return schema.UUID(), MySQLBinaryCollation, nil // CHAR(36) BINARY
		case "ARRAY":
			return schema.Type{}, "", fmt.Errorf("ARRAY is PostgreSQL's: MySQL has no array columns")
		case "GEOMETRY":
			if dt.Geometry != "" {
				return native(strings.ToLower(dt.Geometry)), "", nil
			}
			return native("geometry"), "", nil
		}
	case SQLite:
		switch dt.Key {
		case "STRING", "CHAR":
			n := dt.Length
			if n == 0 {
				n = schema.DefaultStringSize
			}
			spell := map[string]string{"STRING": "VARCHAR", "CHAR": "CHAR"}[dt.Key]
			if dt.Binary {
				return native(fmt.Sprintf("%s BINARY(%d)", spell, n)), "", nil
			}
			if dt.Key == "CHAR" {
				return schema.Char(n), "", nil
			}
			return schema.String(n), "", nil
		case "TEXT":
			return schema.Text(), "", nil
		case "CITEXT":
			return schema.Text(), "NOCASE", nil
		case "INTEGER":
			return schema.Integer(), "", nil
		case "BIGINT":
			return schema.BigInt(), "", nil
		case "SMALLINT":
			return schema.SmallInt(), "", nil
		case "FLOAT":
			switch {
			case dt.Unsigned:
				return native("FLOAT UNSIGNED"), "", nil
			case dt.Length > 0 && dt.Decimals == 0:
				return native(fmt.Sprintf("FLOAT(%d)", dt.Length)), "", nil
			}
			return schema.Float(), "", nil
		case "DOUBLE":
			return native("DOUBLE PRECISION"), "", nil
		case "DECIMAL":
			switch {
			case dt.Precision == 0:
				return native("DECIMAL"), "", nil
			case dt.Scale == 0:
				return native(fmt.Sprintf("DECIMAL(%d)", dt.Precision)), "", nil
			}
			return schema.Decimal(dt.Precision, dt.Scale), "", nil
		case "BOOLEAN":
			return native("TINYINT(1)"), "", nil
		case "DATE":
			return schema.Date(), "", nil
		case "ENUM":
			return schema.Text(), "", nil
		case "BLOB":
			if s := dt.Size; s == "tiny" || s == "medium" || s == "long" {
				return native(strings.ToUpper(s) + "BLOB"), "", nil
			}
			return schema.Blob(), "", nil
		}
	default:
		return schema.Type{}, "", fmt.Errorf("unknown dialect %q", d)
	}
	// What every dialect renders the same way.
	switch dt.Key {
	case "DATEONLY":
		return schema.DateOnly(), "", nil
	case "TIME":
		return schema.Time(), "", nil
	case "UUID":
		return schema.UUID(), "", nil
	case "JSON":
		return schema.JSON(), "", nil
	case "JSONB":
		if d == MySQL {
			return native("JSONB"), "", nil
		}
		return schema.JSONB(), "", nil
	case "ENUM":
		if len(enumValues) == 0 {
			return schema.Type{}, "", fmt.Errorf("ENUM needs values: DataTypes.ENUM('a', 'b') or {type: DataTypes.ENUM, values: [...]}")
		}
		t := schema.Enum(enumValues...)
		return t, "", t.Validate()
	}
	// Anything else Sequelize writes as its key; the database decides.
	if d == SQLite {
		return native(dt.Key), "", nil
	}
	return native(strings.ToLower(dt.Key)), "", nil
}

// rawType is a type given as a string: Sequelize writes it as it is, so
// it is the portable kind only where strata writes the same text.
func rawType(d Dialect, s string) schema.Type {
	u := strings.ToUpper(strings.Join(strings.Fields(s), " "))
	if t, err := schema.ParseType(u); err == nil {
		ok := false
		switch t.Kind {
		case schema.KindString, schema.KindChar, schema.KindText, schema.KindBigInt, schema.KindSmallInt, schema.KindTime, schema.KindJSON:
			ok = !strings.HasPrefix(u, "CHARACTER") && u != "STRING" && !strings.HasPrefix(u, "STRING(")
		case schema.KindInteger:
			ok = u == "INTEGER" || (d == MySQL && u == "INT")
		case schema.KindDecimal:
			ok = strings.Contains(u, ",") && (strings.HasPrefix(u, "DECIMAL") || d != SQLite)
		case schema.KindDateOnly, schema.KindBoolean, schema.KindDouble, schema.KindFloat, schema.KindUUID, schema.KindJSONB, schema.KindBlob, schema.KindDate:
			ok = false
		}
		if ok {
			return t
		}
	}
	switch d {
	case Postgres:
		switch u {
		case "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ":
			return schema.Native("postgres", "timestamp with time zone")
		case "DATE":
			return schema.DateOnly()
		case "BOOLEAN", "BOOL":
			return schema.Boolean()
		case "DOUBLE PRECISION", "FLOAT", "FLOAT8":
			return schema.Double()
		case "REAL", "FLOAT4":
			return schema.Float()
		case "UUID":
			return schema.UUID()
		case "JSONB":
			return schema.JSONB()
		case "BYTEA":
			return schema.Blob()
		case "TIMESTAMP", "TIMESTAMP WITHOUT TIME ZONE":
			return schema.Native("postgres", "timestamp without time zone")
		}
		return schema.Native("postgres", strings.ToLower(s))
	case MySQL:
		switch u {
		case "DATE":
			return schema.DateOnly()
		case "DATETIME(6)":
			return schema.Date()
		case "TINYINT(1)", "BOOLEAN", "BOOL":
			return schema.Boolean()
		case "FLOAT":
			return schema.Float()
		case "DOUBLE", "DOUBLE PRECISION", "REAL":
			return schema.Double()
		case "BLOB":
			return schema.Blob()
		}
		return schema.Native("mysql", strings.ToLower(s))
	}
	switch u {
	case "DATE":
		return schema.DateOnly()
	case "DATETIME":
		return schema.Date()
	case "BOOLEAN", "FLOAT", "UUID", "JSONB", "BLOB":
		t, _ := schema.ParseType(u)
		return t
	}
	return schema.Native("sqlite", s)
}
