package sequelizejs

import (
	"regexp"
	"strings"

	"github.com/strata-orm/strata/schema"
)

// mysqlTextual reports whether a MySQL column of type t has a character
// set and collation: the text kinds and the text natives (TINYTEXT,
// MEDIUMTEXT, LONGTEXT, VARCHAR/CHAR spelled natively, SET).
func mysqlTextual(t schema.Type) bool {
	switch t.Kind {
	case schema.KindString, schema.KindChar, schema.KindText, schema.KindEnum:
		return true
	case schema.KindNative:
		n := strings.ToLower(t.Native)
		for _, p := range []string{"tinytext", "mediumtext", "longtext", "text", "varchar", "char", "enum", "set("} {
			if strings.HasPrefix(n, p) {
				return !strings.Contains(n, " binary")
			}
		}
	}
	return false
}

// mysqlTableCollation is the collation a column added to table without
// one gets, as far as the replay knows it: the one createTable's
// collate/charset gave its text columns (MySQL's ADD COLUMN and MODIFY
// take the table's default collation, not the database's). "" is the
// database's default.
func (rec *recording) mysqlTableCollation(table string) string {
	t := rec.db.Table(table)
	if t == nil {
		return ""
	}
	for _, c := range t.Columns {
		if mysqlTextual(c.Type) && c.Collation != "" && c.Collation != MySQLBinaryCollation {
			return c.Collation
		}
	}
	return ""
}

// inheritCollation gives a MySQL text column added or changed without a
// collation the table's (mysqlTableCollation).
func (rec *recording) inheritCollation(table string, c *schema.Column) {
	if rec.d == MySQL && c.Collation == "" && mysqlTextual(c.Type) {
		c.Collation = rec.mysqlTableCollation(table)
	}
}

var mysqlCharsetClause = regexp.MustCompile(`(?i)\s+(?:CHARACTER\s+SET|CHARSET)\s+([A-Za-z0-9_]+)|\s+COLLATE\s+([A-Za-z0-9_]+)`)

// mysqlRawType reads a MySQL type string that names its character set or
// collation ('VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin') as
// the type and the column's collation (a character set alone: its default
// collation), which is what the database makes of it.
func mysqlRawType(s string) (schema.Type, string) {
	coll, cs := "", ""
	base := mysqlCharsetClause.ReplaceAllStringFunc(s, func(m string) string {
		sub := mysqlCharsetClause.FindStringSubmatch(m)
		if sub[1] != "" {
			cs = sub[1]
		} else {
			coll = sub[2]
		}
		return ""
	})
	if coll == "" && cs != "" {
		coll = mysqlDefaultCollation[strings.ToLower(cs)]
	}
	return rawType(MySQL, strings.TrimSpace(base)), coll
}
