package dialect

import (
	"fmt"
	"strings"
)

// ErrorKind is what went wrong in the database, the same on every dialect.
type ErrorKind int

// Kinds of database error.
const (
	ErrOther         ErrorKind = iota // recognised as a database error, no finer kind
	ErrUnique                         // unique constraint or primary key violated
	ErrForeignKey                     // foreign key violated
	ErrNotNull                        // NULL into a NOT NULL column
	ErrCheck                          // check constraint violated
	ErrNoTable                        // the table (or view) does not exist
	ErrNoColumn                       // the column does not exist
	ErrExists                         // the table, column, index or constraint already exists
	ErrSyntax                         // the SQL does not parse
	ErrDeadlock                       // deadlock, lock wait timeout or a NOWAIT lock refused (SQLite: BUSY); retry
	ErrConnection                     // cannot connect, authenticate, or the connection broke
	ErrNoDatabase                     // the database does not exist
	ErrDataTooLong                    // a string or bytes longer than its column holds
	ErrOutOfRange                     // a number outside its column's range or precision
	ErrBadValue                       // text the column's type cannot read (not a number, a UUID, JSON, a listed ENUM value, valid text)
	ErrSerialization                  // the transaction cannot be serialized with a concurrent one; retry
)

var kindNames = map[ErrorKind]string{
	ErrOther: "database error", ErrUnique: "unique constraint violation", ErrForeignKey: "foreign key violation",
	ErrNotNull: "not null violation", ErrCheck: "check constraint violation", ErrNoTable: "missing table",
	ErrNoColumn: "missing column", ErrExists: "already exists", ErrSyntax: "syntax error",
	ErrDeadlock: "deadlock", ErrConnection: "connection error", ErrNoDatabase: "missing database",
	ErrDataTooLong: "value too long", ErrOutOfRange: "value out of range", ErrBadValue: "invalid value",
	ErrSerialization: "serialization failure",
}

func (k ErrorKind) String() string {
	if s, ok := kindNames[k]; ok {
		return s
	}
	return fmt.Sprintf("ErrorKind(%d)", int(k))
}

// Error is a database error, classified. It wraps the driver's error.
type Error struct {
	Kind       ErrorKind
	Table      string   // when the database says
	Columns    []string // when the database says
	Constraint string   // when the database says
	Code       string   // the database's own code (SQLSTATE, MySQL number, SQLite code)
	Message    string   // the database's own message
	Err        error    // the driver's error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Kind.String())
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	} else if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the driver's error.
func (e *Error) Unwrap() error { return e.Err }
