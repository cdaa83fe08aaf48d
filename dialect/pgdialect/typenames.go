package pgdialect

import (
	"strings"

	"github.com/strata-orm/strata/dialect"
)

var _ dialect.TypeNames = (*Dialect)(nil)

// builtinTypes are the names of the types every PostgreSQL database has,
// as format_type prints them and as they may be written, without
// modifiers. Read only.
var builtinTypes = map[string]bool{
	"bigint": true, "int8": true, "bigserial": true, "serial8": true, "bit": true, "varbit": true,
	"boolean": true, "bool": true, "box": true, "bytea": true, "character": true, "char": true,
	"cidr": true, "circle": true, "date": true, "float8": true, "float4": true, "float": true,
	"inet": true, "integer": true, "int": true, "int4": true, "interval": true, "json": true,
	"jsonb": true, "jsonpath": true, "line": true, "lseg": true, "macaddr": true, "macaddr8": true,
	"money": true, "numeric": true, "decimal": true, "path": true, "pg_lsn": true, "pg_snapshot": true,
	"point": true, "polygon": true, "real": true, "smallint": true, "int2": true, "smallserial": true,
	"serial2": true, "serial": true, "serial4": true, "text": true, "time": true, "timetz": true,
	"timestamp": true, "timestamptz": true, "tsquery": true, "tsvector": true, "txid_snapshot": true,
	"uuid": true, "xml": true, "oid": true, "regclass": true, "regtype": true, "regproc": true,
	"regprocedure": true, "regoper": true, "regoperator": true, "regconfig": true,
	"regdictionary": true, "regnamespace": true, "regrole": true, "regcollation": true, "name": true,
	"\"char\"": true, "xid": true, "xid8": true, "cid": true, "tid": true, "int4range": true,
	"int8range": true, "numrange": true, "tsrange": true, "tstzrange": true, "daterange": true,
	"int4multirange": true, "int8multirange": true, "nummultirange": true, "tsmultirange": true,
	"tstzmultirange": true, "datemultirange": true, "record": true, "void": true, "bit varying": true,
	"character varying": true, "double precision": true, "time without time zone": true,
	"time with time zone": true, "timestamp without time zone": true, "timestamp with time zone": true,
}

// TypeName implements dialect.TypeNames: the type's name without its
// modifiers ("(10)", "(6)"), array brackets, quotes or pg_catalog/public
// schema, in lower case unless it was quoted.
func (*Dialect) TypeName(native string) string {
	s := strings.TrimSpace(native)
	for {
		base, ok := strings.CutSuffix(s, "[]")
		if !ok {
			break
		}
		s = strings.TrimSpace(base)
	}
	if i := strings.IndexByte(s, '('); i >= 0 && !strings.HasPrefix(s, `"`) {
		if j := strings.IndexByte(s[i:], ')'); j >= 0 {
			s = s[:i] + " " + s[i+j+1:]
		}
	}
	s = strings.Join(strings.Fields(s), " ")
	for _, schema := range []string{"pg_catalog.", "public."} {
		s = strings.TrimPrefix(s, schema)
	}
	if strings.HasPrefix(s, `"`) && strings.HasSuffix(s, `"`) && len(s) >= 2 && s != `"char"` {
		return strings.ReplaceAll(s[1:len(s)-1], `""`, `"`)
	}
	return strings.ToLower(s)
}

// BuiltinType implements dialect.TypeNames.
func (d *Dialect) BuiltinType(native string) bool {
	return builtinTypes[d.TypeName(native)]
}
