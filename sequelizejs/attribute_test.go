package sequelizejs

import (
	"fmt"
	"strings"
	"testing"

	"github.com/strata-orm/strata/internal/golden"
)

func columnOf(t *testing.T, d Dialect, js string) string {
	t.Helper()
	r := New(Options{Env: map[string]string{}})
	v, err := r.VM.RunString(`(function(){ const Sequelize = require('sequelize'); const { DataTypes } = Sequelize; return (` + js + `); })()`)
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	c, err := ColumnFromAttribute(r, d, "Users", "c", v)
	if err != nil {
		return "error: " + err.Error()
	}
	return c.GoString()
}

// TestColumnFromAttribute records each attribute definition, as a
// migration writes it, on each dialect. The golden file was checked
// against what the real Sequelize 6.37 writes for the same definitions
// (testdata/sequelize/types.txt, recorded with types.js).
func TestColumnFromAttribute(t *testing.T) {
	var b strings.Builder
	for _, js := range attrJS {
		for _, d := range []Dialect{Postgres, MySQL, SQLite} {
			fmt.Fprintf(&b, "%s | %s\n    %s\n", js, d, columnOf(t, d, js))
		}
	}
	golden.Check(t, "testdata/attributes.golden", []byte(b.String()))
}

var attrJS = []string{
	"DataTypes.STRING", "DataTypes.STRING(20)", "Sequelize.STRING(20).BINARY", "DataTypes.CHAR(10)", "DataTypes.TEXT('long')",
	"DataTypes.CITEXT", "DataTypes.INTEGER(11)", "DataTypes.INTEGER.UNSIGNED", "DataTypes.INTEGER(11).UNSIGNED.ZEROFILL",
	"DataTypes.BIGINT", "DataTypes.TINYINT(1)", "DataTypes.FLOAT", "DataTypes.FLOAT(8)", "DataTypes.DOUBLE", "DataTypes.REAL",
	"DataTypes.DECIMAL", "DataTypes.DECIMAL(10,2)", "DataTypes.DECIMAL(10)", "DataTypes.BOOLEAN", "DataTypes.DATE", "DataTypes.DATE(6)",
	"DataTypes.DATEONLY", "DataTypes.TIME", "DataTypes.UUID", "DataTypes.JSON", "DataTypes.JSONB", "DataTypes.BLOB",
	"DataTypes.ENUM('a','b')", "{type: DataTypes.ENUM, values: ['x','y']}", "DataTypes.ARRAY(DataTypes.STRING)", "DataTypes.INET",
	"'TIMESTAMP'", "{type: 'INTEGER'}",
	"{type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false}",
	"{type: DataTypes.STRING, unique: true, allowNull: false, defaultValue: 'x', comment: \"it's\"}",
	"{type: DataTypes.DATE, defaultValue: Sequelize.NOW}", "{type: DataTypes.DATE, defaultValue: Sequelize.fn('now')}",
	"{type: DataTypes.DATE, defaultValue: Sequelize.literal('CURRENT_TIMESTAMP')}", "{type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4}",
	"{type: DataTypes.BOOLEAN, defaultValue: false}", "{type: DataTypes.JSON, defaultValue: {a: 1}}",
	"{type: DataTypes.INTEGER, references: {model: 'Teams', key: 'id'}, onDelete: 'cascade', onUpdate: 'set null'}",
	"{type: DataTypes.INTEGER, references: {model: {tableName: 'Orgs', schema: 'public'}}, field: 'org_id'}",
}
