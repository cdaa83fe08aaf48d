package sequelizejs

import (
	"regexp"
	"strings"

	"github.com/dop251/goja"
)

// metaRead matches a read of sequelize-cli's own table that the history
// answers: SELECT name (or *) FROM SequelizeMeta, optionally for one name,
// optionally ordered by name.
var metaRead = regexp.MustCompile("(?is)^\\s*SELECT\\s+(?:name|\\*|\"name\"|`name`)\\s+FROM\\s+(?:\"SequelizeMeta\"|`SequelizeMeta`|SequelizeMeta)(?:\\s+WHERE\\s+(?:name|\"name\"|`name`)\\s*=\\s*'((?:[^']|'')*)')?(?:\\s+ORDER\\s+BY\\s+(?:name|\"name\"|`name`)(?:\\s+(ASC|DESC))?)?\\s*;?\\s*$")

// answerMeta answers a read of SequelizeMeta from the names recorded
// before the file (RecordOptions.History; in a down, the file's own name
// too, as sequelize-cli removes the row after the down): the rows
// {name}, and rowCount in the metadata, as Sequelize's raw query gives
// them (only the rows with type SELECT). ok is false for any other
// statement, or when the history is not known.
func (rec *recording) answerMeta(sql string, options goja.Value) (v goja.Value, ok bool, err error) {
	if rec.history == nil || !strings.Contains(sql, "SequelizeMeta") {
		return nil, false, nil
	}
	if r := opt(options, "replacements"); r != nil {
		s, err := rec.injectReplacements(sql, r)
		if err != nil {
			return nil, false, err
		}
		sql = s
	}
	m := metaRead.FindStringSubmatch(sql)
	if m == nil {
		return nil, false, nil
	}
	names := rec.history
	if rec.direction == "down" && rec.self != "" {
		names = append(names[:len(names):len(names)], rec.self)
	}
	vm := rec.r.VM
	var rows []any
	for _, n := range names {
		if strings.Contains(strings.ToLower(m[0]), "where") && n != strings.ReplaceAll(m[1], "''", "'") {
			continue
		}
		rows = append(rows, map[string]any{"name": n})
	}
	if strings.EqualFold(m[2], "DESC") {
		for i, j := 0, len(rows)-1; i < j; i, j = i+1, j-1 {
			rows[i], rows[j] = rows[j], rows[i]
		}
	}
	if rows == nil {
		rows = []any{}
	}
	list := vm.ToValue(rows)
	if upper(optString(options, "type")) == "SELECT" {
		return list, true, nil
	}
	meta := vm.NewObject()
	_ = meta.Set("rowCount", len(rows))
	_ = meta.Set("rows", list)
	return vm.NewArray(list, meta), true, nil
}
