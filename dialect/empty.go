package dialect

import (
	"fmt"
	"strconv"

	"github.com/strata-orm/strata/ddl"
)

// Assumption is what a guard of ddl.RequireEmpty checks: that its table
// is empty, as the migration was recorded assuming (Guard.Empty).
type Assumption struct {
	// File and Line are where the migration reads the table's rows (its
	// source file's name and the line of the read).
	File string
	Line int
	// Reason completes "recorded assuming the table empty (…)".
	Reason string
}

// NotEmptyError is a migration refused because it was recorded assuming a
// table empty (ddl.RequireEmpty: a sequelize-cli file that reads rows to
// change them, recorded with the read answered by no rows) and the table
// holds rows. Nothing of the migration was changed. Its message is the
// same on every database.
type NotEmptyError struct {
	Table string
	Rows  int64
	Assumption
}

func (e *NotEmptyError) Error() string {
	rows := groupDigits(e.Rows) + " rows"
	if e.Rows == 1 {
		rows = "1 row"
	}
	what := "the migration"
	if e.File != "" {
		what = "migration " + e.File
	}
	src := ""
	if e.File != "" {
		src = " (its source is " + e.File
		if e.Line > 0 {
			src += ", line " + strconv.Itoa(e.Line)
		}
		src += ")"
	}
	return fmt.Sprintf("%s was recorded assuming table %q empty (%s); %q holds %s, so nothing was changed: "+
		"port the migration by hand%s, or run it only on a database where %q is empty",
		what, e.Table, e.Reason, e.Table, rows, src, e.Table)
}

// groupDigits writes n with a comma between groups of three digits.
func groupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := len(s) > 0 && s[0] == '-'
	if neg {
		s = s[1:]
	}
	out := make([]byte, 0, len(s)+len(s)/3)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}

// RenderRequireEmpty renders a RequireEmptyOp as one guard per table: the
// count of its rows (SELECT COUNT(*)), which stops the statements after it
// with a *NotEmptyError when it is above zero. lock, when set, gives each
// guard's Guard.Lock for a table (PostgreSQL's LOCK TABLE), so that no
// other session adds a row between the count and the migration's end.
func RenderRequireEmpty(d Dialect, op *ddl.RequireEmptyOp, lock func(table string) string) []Stmt {
	out := make([]Stmt, 0, len(op.Tables))
	for _, t := range op.Tables {
		g := &Guard{Table: t, Empty: &Assumption{File: op.File, Line: op.Line, Reason: op.Why()}}
		if lock != nil {
			g.Lock = lock(t)
		}
		out = append(out, Stmt{SQL: "SELECT COUNT(*) FROM " + d.Quote(t), Guard: g})
	}
	return out
}
