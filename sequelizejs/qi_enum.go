package sequelizejs

import (
	"regexp"
	"slices"
	"strings"

	"github.com/strata-orm/strata/schema"
)

// enumAddValue matches PostgreSQL's ALTER TYPE … ADD VALUE, as migrations
// write it to extend Sequelize's "enum_<table>_<column>" type.
var enumAddValue = regexp.MustCompile(`(?is)^\s*ALTER\s+TYPE\s+(?:"?public"?\.)?"?([^"\s]+)"?\s+ADD\s+VALUE\s+(?:IF\s+NOT\s+EXISTS\s+)?'((?:[^']|'')*)'(?:\s+(BEFORE|AFTER)\s+'((?:[^']|'')*)')?\s*;?\s*$`)

// replayRaw lets the replayed schema see the raw statements whose effect
// later calls depend on: ALTER TYPE "enum_<t>_<c>" ADD VALUE adds the value
// to that column's ENUM, so a later changeColumn, which keeps the column's
// enum type as Sequelize does, keeps the added value too.
func (rec *recording) replayRaw(sql string) {
	if rec.d != Postgres {
		return
	}
	m := enumAddValue.FindStringSubmatch(sql)
	if m == nil {
		return
	}
	typeName, value := m[1], strings.ReplaceAll(m[2], "''", "'")
	for ti := range rec.db.Tables {
		t := &rec.db.Tables[ti]
		for ci := range t.Columns {
			c := &t.Columns[ci]
			if c.Type.Kind != schema.KindEnum || "enum_"+t.Name+"_"+c.Name != typeName || slices.Contains(c.Type.Values, value) {
				continue
			}
			vals := slices.Clone(c.Type.Values)
			at := len(vals)
			if m[3] != "" {
				if i := slices.Index(vals, strings.ReplaceAll(m[4], "''", "'")); i >= 0 {
					at = i
					if strings.EqualFold(m[3], "AFTER") {
						at = i + 1
					}
				}
			}
			c.Type = schema.Enum(slices.Insert(vals, at, value)...)
		}
	}
}
