package sqlitedialect

import (
	"errors"
	"regexp"
	"strconv"
	"strings"

	sqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/strata-orm/strata/dialect"
)

var (
	// codeSuffix is the " (2067)" modernc.org/sqlite appends to messages.
	codeSuffix = regexp.MustCompile(`\s*\(\d+\)$`)
	// genericPrefix is the text of the primary result code that
	// modernc.org/sqlite puts before SQLite's own message.
	genericPrefix = regexp.MustCompile(`^(constraint failed|SQL logic error|database is locked|database table is locked|` +
		`string or blob too big|unable to open database file|file is not a database|disk I/O error|` +
		`attempt to write a readonly database|interrupted|database or disk is full): `)
	noSuchTable  = regexp.MustCompile(`no such table: (\S+)`)
	noSuchColumn = regexp.MustCompile(`no such column: ("(?:[^"]|"")*"|\S+)`)
	noColumnIn   = regexp.MustCompile(`table (\S+) has no column named (\S+)`)
)

// Classify implements dialect.Dialect. It recognises modernc.org/sqlite's
// *sqlite.Error by its extended result code (SQLITE_CONSTRAINT_UNIQUE and
// _PRIMARYKEY are unique violations, _FOREIGNKEY, _NOTNULL and _CHECK the
// others, SQLITE_BUSY and SQLITE_LOCKED a deadlock to retry …) and, for
// the generic SQLITE_ERROR, by its message (no such table, no such column,
// already exists, syntax error). The table and columns come from the
// message where SQLite names them ("UNIQUE constraint failed: users.email"),
// and the constraint from a CHECK failure. A *dialect.Error (such as
// CheckDDL's) is returned as it is.
func (*Dialect) Classify(err error) *dialect.Error {
	if err == nil {
		return nil
	}
	var de *dialect.Error
	if errors.As(err, &de) {
		return de
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return nil
	}
	code := se.Code()
	msg := genericPrefix.ReplaceAllString(codeSuffix.ReplaceAllString(se.Error(), ""), "")
	e := &dialect.Error{Kind: dialect.ErrOther, Code: strconv.Itoa(code), Message: msg, Err: err}
	switch code {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY, sqlite3.SQLITE_CONSTRAINT_ROWID:
		e.Kind = dialect.ErrUnique
		e.Table, e.Columns = failedColumns(msg)
		return e
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		e.Kind = dialect.ErrForeignKey
		return e
	case sqlite3.SQLITE_CONSTRAINT_NOTNULL:
		e.Kind = dialect.ErrNotNull
		e.Table, e.Columns = failedColumns(msg)
		return e
	case sqlite3.SQLITE_CONSTRAINT_CHECK:
		e.Kind = dialect.ErrCheck
		if _, name, ok := strings.Cut(msg, "CHECK constraint failed: "); ok {
			e.Constraint = strings.TrimSpace(name)
		}
		return e
	}
	switch code & 0xff {
	case sqlite3.SQLITE_CONSTRAINT:
		// ON DELETE RESTRICT reports the plain code, not _FOREIGNKEY.
		if strings.Contains(msg, "FOREIGN KEY constraint failed") {
			e.Kind = dialect.ErrForeignKey
		}
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		e.Kind = dialect.ErrDeadlock
	case sqlite3.SQLITE_TOOBIG:
		e.Kind = dialect.ErrDataTooLong
	case sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_NOTADB:
		e.Kind = dialect.ErrConnection
	case sqlite3.SQLITE_ERROR:
		classifyMessage(e, msg)
	}
	return e
}

// classifyMessage sorts out SQLITE_ERROR, whose message is all there is.
func classifyMessage(e *dialect.Error, msg string) {
	switch {
	case noSuchTable.MatchString(msg):
		e.Kind = dialect.ErrNoTable
		e.Table = unqualify(noSuchTable.FindStringSubmatch(msg)[1])
	case noColumnIn.MatchString(msg):
		m := noColumnIn.FindStringSubmatch(msg)
		e.Kind, e.Table, e.Columns = dialect.ErrNoColumn, unqualify(m[1]), []string{m[2]}
	case noSuchColumn.MatchString(msg):
		e.Kind = dialect.ErrNoColumn
		ref := noSuchColumn.FindStringSubmatch(msg)[1]
		if strings.HasPrefix(ref, `"`) {
			e.Columns = []string{strings.ReplaceAll(ref[1:len(ref)-1], `""`, `"`)}
		} else if table, col, ok := strings.Cut(ref, "."); ok {
			e.Table, e.Columns = table, []string{col}
		} else {
			e.Columns = []string{ref}
		}
	case msg == "integer overflow":
		// abs() of the smallest integer: how strata's col = col + n says
		// the sum is past the column's range (QueryFeatures.IntOverflow).
		e.Kind = dialect.ErrOutOfRange
	case strings.Contains(msg, "already exists") || strings.HasPrefix(msg, "duplicate column name"):
		e.Kind = dialect.ErrExists
	case strings.Contains(msg, "syntax error") || strings.Contains(msg, "incomplete input") ||
		strings.Contains(msg, "unrecognized token"):
		e.Kind = dialect.ErrSyntax
	}
}

// failedColumns reads "… constraint failed: users.a, users.b" into the
// table and its columns.
func failedColumns(msg string) (string, []string) {
	_, list, ok := strings.Cut(msg, "constraint failed: ")
	if !ok {
		return "", nil
	}
	var table string
	var cols []string
	for _, ref := range strings.Split(list, ",") {
		t, c, ok := strings.Cut(strings.TrimSpace(ref), ".")
		if !ok {
			continue
		}
		table = t
		cols = append(cols, c)
	}
	return table, cols
}

// unqualify drops a schema qualifier: main.users → users.
func unqualify(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[i+1:]
	}
	return name
}
