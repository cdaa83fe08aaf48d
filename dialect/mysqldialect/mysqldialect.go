package mysqldialect

import (
	"fmt"
	"strings"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

// Dialect is MySQL / MariaDB. Its zero value is ready to use; it holds no
// state.
type Dialect struct{}

var (
	_ dialect.Dialect = (*Dialect)(nil)
	_ dialect.Admin   = (*Dialect)(nil)
)

// New returns the MySQL / MariaDB dialect.
func New() *Dialect { return &Dialect{} }

// Name implements dialect.Dialect: "mysql", the key of RawOp variants.
func (*Dialect) Name() string { return "mysql" }

// Quote implements dialect.Dialect: `name`, with backticks doubled.
func (*Dialect) Quote(ident string) string {
	return "`" + strings.ReplaceAll(ident, "`", "``") + "`"
}

// Placeholder implements dialect.Dialect: always "?".
func (*Dialect) Placeholder(int) string { return "?" }

// MaxIdentLen implements dialect.Dialect: MySQL names are at most 64 long.
func (*Dialect) MaxIdentLen() int { return 64 }

// MaxParams implements dialect.Dialect: a prepared statement carries at
// most 65535 placeholders.
func (*Dialect) MaxParams() int { return 65535 }

// TransactionalDDL implements dialect.Dialect: MySQL commits each DDL
// statement by itself.
func (*Dialect) TransactionalDDL() bool { return false }

// ColumnType implements dialect.Dialect with Sequelize's MySQL mapping.
func (d *Dialect) ColumnType(t schema.Type) (string, error) {
	if err := t.Validate(); err != nil {
		return "", err
	}
	switch t.Kind {
	case schema.KindString:
		return fmt.Sprintf("VARCHAR(%d)", t.Size), nil
	case schema.KindChar:
		return fmt.Sprintf("CHAR(%d)", t.Size), nil
	case schema.KindText:
		return "TEXT", nil
	case schema.KindInteger:
		return "INT", nil
	case schema.KindBigInt:
		return "BIGINT", nil
	case schema.KindSmallInt:
		return "SMALLINT", nil
	case schema.KindFloat:
		return "FLOAT", nil
	case schema.KindDouble:
		return "DOUBLE", nil
	case schema.KindDecimal:
		return fmt.Sprintf("DECIMAL(%d,%d)", t.Precision, t.Scale), nil
	case schema.KindBoolean:
		return "TINYINT(1)", nil
	case schema.KindDate:
		return "DATETIME(6)", nil
	case schema.KindDateOnly:
		return "DATE", nil
	case schema.KindTime:
		return "TIME", nil
	case schema.KindUUID:
		return "CHAR(36)", nil
	case schema.KindJSON, schema.KindJSONB:
		// MariaDB stores JSON as LONGTEXT with a json_valid check; MySQL 8
		// has a native JSON type. Both accept this spelling.
		return "JSON", nil
	case schema.KindBlob:
		return "BLOB", nil
	case schema.KindEnum:
		q := make([]string, len(t.Values))
		for i, v := range t.Values {
			q[i] = quoteString(v)
		}
		return "ENUM(" + strings.Join(q, ",") + ")", nil
	case schema.KindNative:
		if t.Dialect != "mysql" {
			return "", fmt.Errorf("type %s is native to %s, not MySQL/MariaDB; use a portable type or schema.Native(\"mysql\", …) with MySQL's spelling", t, t.Dialect)
		}
		return t.Native, nil
	case schema.KindArray:
		return "", fmt.Errorf("type %s: ARRAY is not supported on MySQL/MariaDB; use JSON", t)
	}
	return "", fmt.Errorf("type %s has no MySQL/MariaDB equivalent", t)
}

// quoteString writes s as a MySQL string literal. Backslash is an escape
// character in MySQL's default sql_mode (strata does not set
// NO_BACKSLASH_ESCAPES), so it is doubled along with the quote.
func quoteString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `'`, `''`, "\x00", `\0`)
	return "'" + r.Replace(s) + "'"
}
