package mysqldialect

import (
	"database/sql/driver"
	"errors"
	"net"
	"regexp"
	"strconv"
	"strings"

	"github.com/go-sql-driver/mysql"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
)

// errorKinds maps MySQL and MariaDB error numbers to strata's kinds.
var errorKinds = map[uint16]dialect.ErrorKind{
	1062: dialect.ErrUnique,      // ER_DUP_ENTRY
	1586: dialect.ErrUnique,      // ER_DUP_ENTRY_WITH_KEY_NAME
	1451: dialect.ErrForeignKey,  // ER_ROW_IS_REFERENCED_2
	1452: dialect.ErrForeignKey,  // ER_NO_REFERENCED_ROW_2
	1216: dialect.ErrForeignKey,  // ER_NO_REFERENCED_ROW
	1217: dialect.ErrForeignKey,  // ER_ROW_IS_REFERENCED
	1048: dialect.ErrNotNull,     // ER_BAD_NULL_ERROR
	1364: dialect.ErrNotNull,     // ER_NO_DEFAULT_FOR_FIELD
	3819: dialect.ErrCheck,       // ER_CHECK_CONSTRAINT_VIOLATED (MySQL)
	4025: dialect.ErrCheck,       // ER_CONSTRAINT_FAILED (MariaDB)
	1146: dialect.ErrNoTable,     // ER_NO_SUCH_TABLE
	1051: dialect.ErrNoTable,     // ER_BAD_TABLE_ERROR (DROP TABLE)
	1054: dialect.ErrNoColumn,    // ER_BAD_FIELD_ERROR
	1050: dialect.ErrExists,      // ER_TABLE_EXISTS_ERROR
	1060: dialect.ErrExists,      // ER_DUP_FIELDNAME
	1061: dialect.ErrExists,      // ER_DUP_KEYNAME
	1826: dialect.ErrExists,      // ER_FK_DUP_NAME
	1007: dialect.ErrExists,      // ER_DB_CREATE_EXISTS
	1064: dialect.ErrSyntax,      // ER_PARSE_ERROR
	1149: dialect.ErrSyntax,      // ER_SYNTAX_ERROR
	1213: dialect.ErrDeadlock,    // ER_LOCK_DEADLOCK
	1205: dialect.ErrDeadlock,    // ER_LOCK_WAIT_TIMEOUT
	3572: dialect.ErrDeadlock,    // ER_LOCK_NOWAIT (MySQL 8)
	1049: dialect.ErrNoDatabase,  // ER_BAD_DB_ERROR
	1008: dialect.ErrNoDatabase,  // ER_DB_DROP_EXISTS
	1406: dialect.ErrDataTooLong, // ER_DATA_TOO_LONG
	1264: dialect.ErrOutOfRange,  // ER_WARN_DATA_OUT_OF_RANGE
	1690: dialect.ErrOutOfRange,  // ER_DATA_OUT_OF_RANGE (BIGINT value is out of range in …)
	1366: dialect.ErrBadValue,    // ER_TRUNCATED_WRONG_VALUE_FOR_FIELD (Incorrect integer value …)
	1265: dialect.ErrBadValue,    // WARN_DATA_TRUNCATED (an ENUM value not listed …)
	1292: dialect.ErrBadValue,    // ER_TRUNCATED_WRONG_VALUE (Incorrect datetime value …)
	1367: dialect.ErrBadValue,    // ER_ILLEGAL_VALUE_FOR_TYPE
	3140: dialect.ErrBadValue,    // ER_INVALID_JSON_TEXT (MySQL)
	1045: dialect.ErrConnection,  // ER_ACCESS_DENIED_ERROR
	1044: dialect.ErrConnection,  // ER_DBACCESS_DENIED_ERROR
	1040: dialect.ErrConnection,  // ER_CON_COUNT_ERROR
	1129: dialect.ErrConnection,  // ER_HOST_IS_BLOCKED
	1130: dialect.ErrConnection,  // ER_HOST_NOT_PRIVILEGED
	2003: dialect.ErrConnection,  // CR_CONN_HOST_ERROR
	2006: dialect.ErrConnection,  // CR_SERVER_GONE_ERROR
	2013: dialect.ErrConnection,  // CR_SERVER_LOST
}

var (
	// Duplicate entry 'ada@example.com' for key 'users_email_key'
	// (MySQL 8 writes the key as 'users.users_email_key').
	dupKeyRe = regexp.MustCompile(`(?s)^Duplicate entry '.*' for key '(.+)'$`)
	// … a foreign key constraint fails (`db`.`orders`, CONSTRAINT
	// `orders_userId_fkey` FOREIGN KEY (`userId`) REFERENCES `users` (`id`) …)
	fkRe = regexp.MustCompile("\\(`(?:[^`]|``)+`\\.`((?:[^`]|``)+)`, CONSTRAINT `((?:[^`]|``)+)` FOREIGN KEY \\(([^)]*)\\)")
	// MariaDB: CONSTRAINT `orders_total_positive` failed for `db`.`orders`
	mariaCheckRe = regexp.MustCompile("^CONSTRAINT `((?:[^`]|``)+)` failed for `(?:[^`]|``)+`\\.`((?:[^`]|``)+)`")
	// MySQL: Check constraint 'orders_total_positive' is violated.
	mysqlCheckRe = regexp.MustCompile(`^Check constraint '(.+)' is violated`)
	// Column 'email' cannot be null / Field 'email' doesn't have a default value /
	// Data too long for column 'name' at row 1 / Unknown column 'x' in 'field list' /
	// Duplicate column name 'x' / Out of range value for column 'n' at row 1
	columnRe = regexp.MustCompile(`^(?:Column|Field|Data too long for column|Unknown column|Duplicate column name|Out of range value for column|Data truncated for column) '([^']+)'`)
	// Incorrect integer value: 'abc' for column `db`.`t`.`q` at row 1 (MariaDB;
	// MySQL writes 'q')
	valueColumnRe = regexp.MustCompile("for column (?:`(?:[^`]|``)+`\\.`(?:[^`]|``)+`\\.`((?:[^`]|``)+)`|'([^']+)') at row")
	// Table 'db.users' doesn't exist / Table 'users' already exists / Unknown table 'db.users'
	tableRe = regexp.MustCompile(`^(?:Table|Unknown table) '([^']+)'`)
	// Duplicate key name 'x' / Duplicate foreign key constraint name 'x'
	dupNameRe = regexp.MustCompile(`^Duplicate (?:key|foreign key constraint) name '([^']+)'`)
)

// Classify implements dialect.Dialect. It recognises *mysql.MySQLError by
// number and the driver's broken-connection errors, and reads the table,
// columns and constraint from the message where MySQL gives them. For a
// unique violation the constraint is the key's name; MySQL's PRIMARY
// becomes strata's <table>_pkey when the message names the table (MySQL
// 8), and stays PRIMARY otherwise (MariaDB). For a foreign key violation
// the table is the one that holds the key.
func (d *Dialect) Classify(err error) *dialect.Error {
	if err == nil {
		return nil
	}
	var de *dialect.Error
	if errors.As(err, &de) {
		return de
	}
	var me *mysql.MySQLError
	if !errors.As(err, &me) {
		var ne net.Error
		if errors.Is(err, driver.ErrBadConn) || errors.Is(err, mysql.ErrInvalidConn) || errors.As(err, &ne) {
			return &dialect.Error{Kind: dialect.ErrConnection, Message: err.Error(), Err: err}
		}
		return nil
	}
	e := &dialect.Error{Kind: dialect.ErrOther, Code: strconv.Itoa(int(me.Number)), Message: me.Message, Err: err}
	if k, ok := errorKinds[me.Number]; ok {
		e.Kind = k
	}
	msg := me.Message
	switch e.Kind {
	case dialect.ErrUnique:
		if m := dupKeyRe.FindStringSubmatch(msg); m != nil {
			key := m[1]
			if table, name, ok := strings.Cut(key, "."); ok && me.Number == 1062 && !strings.Contains(name, ".") {
				e.Table, key = table, name // MySQL 8: table.key
			}
			if key == "PRIMARY" && e.Table != "" {
				key = ddl.PrimaryKeyName(e.Table)
			}
			e.Constraint = key
		}
	case dialect.ErrForeignKey:
		if m := fkRe.FindStringSubmatch(msg); m != nil {
			e.Table = unbacktick(m[1])
			e.Constraint = unbacktick(m[2])
			for _, c := range strings.Split(m[3], ",") {
				e.Columns = append(e.Columns, unbacktick(strings.Trim(strings.TrimSpace(c), "`")))
			}
		}
	case dialect.ErrCheck:
		if m := mariaCheckRe.FindStringSubmatch(msg); m != nil {
			e.Constraint, e.Table = unbacktick(m[1]), unbacktick(m[2])
		} else if m := mysqlCheckRe.FindStringSubmatch(msg); m != nil {
			e.Constraint = m[1]
		}
	case dialect.ErrNoTable:
		if m := tableRe.FindStringSubmatch(msg); m != nil {
			e.Table = lastPart(m[1])
		}
	case dialect.ErrExists:
		if m := tableRe.FindStringSubmatch(msg); m != nil {
			e.Table = lastPart(m[1])
		} else if m := dupNameRe.FindStringSubmatch(msg); m != nil {
			e.Constraint = m[1]
		} else if m := columnRe.FindStringSubmatch(msg); m != nil {
			e.Columns = []string{m[1]}
		}
	}
	switch e.Kind {
	case dialect.ErrNotNull, dialect.ErrNoColumn, dialect.ErrDataTooLong, dialect.ErrOutOfRange, dialect.ErrBadValue:
		if m := valueColumnRe.FindStringSubmatch(msg); m != nil {
			e.Columns = []string{unbacktick(m[1] + m[2])}
		} else if m := columnRe.FindStringSubmatch(msg); m != nil {
			col := m[1]
			if e.Kind == dialect.ErrNoColumn {
				if i := strings.LastIndexByte(col, '.'); i >= 0 {
					e.Table, col = lastPart(col[:i]), col[i+1:]
				}
			}
			e.Columns = []string{col}
		}
	}
	return e
}

// lastPart returns the name after the last dot of db.table.
func lastPart(s string) string {
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		return s[i+1:]
	}
	return s
}

func unbacktick(s string) string { return strings.ReplaceAll(s, "``", "`") }
