package sequelizejs

import (
	"fmt"
	"strings"
)

// Dialect is the database a recording renders for, as Sequelize's
// options.dialect names it: what DataTypes become and which names
// Sequelize's DDL leaves the database to choose depend on it.
type Dialect string

// The dialects a file is recorded for (MariaDB records as MySQL).
const (
	Postgres Dialect = "postgres"
	MySQL    Dialect = "mysql"
	SQLite   Dialect = "sqlite"
)

// ParseDialect reads a dialect name: postgres (postgresql), mysql,
// mariadb (recorded as mysql) or sqlite (sqlite3).
func ParseDialect(s string) (Dialect, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "postgres", "postgresql", "pg":
		return Postgres, nil
	case "mysql", "mariadb":
		return MySQL, nil
	case "sqlite", "sqlite3":
		return SQLite, nil
	}
	return "", fmt.Errorf("sequelizejs: unknown dialect %q: use postgres, mysql, mariadb or sqlite", s)
}
