package mysqldialect

import (
	"strconv"
	"strings"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

var _ dialect.PortableTypes = (*Dialect)(nil)

// PortableOf implements dialect.PortableTypes: MySQL spellings of a
// portable kind strata writes otherwise — INT(10), TIMESTAMP, DATETIME(3),
// TIME(3), MEDIUMTEXT, LONGBLOB, BOOL, REAL — stand for that kind. Unsigned
// and zerofill integers, YEAR, SET, BIT, MEDIUMINT and TINYINT(n≠1) hold
// other values and stand for none.
func (*Dialect) PortableOf(t schema.Type) (schema.Type, bool) {
	if t.Kind != schema.KindNative || t.Dialect != "mysql" {
		return schema.Type{}, false
	}
	m := columnTypeRe.FindStringSubmatch(strings.TrimSpace(t.Native))
	if m == nil {
		return schema.Type{}, false
	}
	name, args, mods := strings.ToLower(m[1]), strings.TrimSpace(m[2]), strings.ToLower(strings.TrimSpace(m[3]))
	if mods != "" && mods != "signed" {
		return schema.Type{}, false
	}
	switch name {
	case "int", "integer":
		return schema.Integer(), true
	case "bigint":
		return schema.BigInt(), true
	case "smallint":
		return schema.SmallInt(), true
	case "tinyint":
		return schema.Boolean(), args == "1"
	case "bool", "boolean":
		return schema.Boolean(), true
	case "datetime", "timestamp":
		return schema.Date(), true
	case "time":
		return schema.Time(), true
	case "tinytext", "mediumtext", "longtext":
		return schema.Text(), true
	case "tinyblob", "mediumblob", "longblob":
		return schema.Blob(), true
	case "real", "double precision":
		return schema.Double(), args == ""
	case "numeric", "decimal":
		p, s, ok := strings.Cut(args, ",")
		pn, err1 := strconv.Atoi(strings.TrimSpace(p))
		sn, err2 := strconv.Atoi(strings.TrimSpace(s))
		if args == "" {
			return schema.Decimal(10, 0), true
		}
		if !ok {
			return schema.Decimal(pn, 0), err1 == nil
		}
		return schema.Decimal(pn, sn), err1 == nil && err2 == nil
	}
	return schema.Type{}, false
}
