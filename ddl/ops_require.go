package ddl

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/strata-orm/strata/schema"
)

// RequireEmptyOp checks, before the operations after it, that tables hold
// no rows, and changes nothing. It is what a migration recorded from a
// sequelize-cli file that reads rows to change them (a backfill) holds:
// the recording answered the read with no rows, which is what a fresh
// database gives, and the migration is right only where that holds.
// Dialects render it as guards (dialect.Guard) counting each table's
// rows; any row stops the migration with a *dialect.NotEmptyError before
// anything of it runs.
type RequireEmptyOp struct {
	Tables []string `json:"tables"`
	// File and Line are where the migration reads the rows: its source
	// file's name and the line of the read.
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
	// Reason says why the tables must be empty, completing "the migration
	// was recorded assuming the table empty (…)"; empty gives "the file
	// reads its rows to change them".
	Reason string `json:"reason,omitempty"`
}

// RequireEmpty checks that each table holds no rows before the operations
// after it run.
func RequireEmpty(tables ...string) *RequireEmptyOp {
	return &RequireEmptyOp{Tables: tables}
}

// At records where the migration reads the rows: its source file and line.
func (o *RequireEmptyOp) At(file string, line int) *RequireEmptyOp {
	o.File, o.Line = file, line
	return o
}

// Because says why the tables must be empty (see RequireEmptyOp.Reason).
func (o *RequireEmptyOp) Because(reason string) *RequireEmptyOp {
	o.Reason = reason
	return o
}

// Why is Reason, or the default one naming the line of the read.
func (o *RequireEmptyOp) Why() string {
	if o.Reason != "" {
		return o.Reason
	}
	if o.Line > 0 {
		return "the file reads its rows at line " + strconv.Itoa(o.Line) + " to change them"
	}
	return "the file reads its rows to change them"
}

// Apply implements Op: each table must exist; the schema is unchanged.
func (o *RequireEmptyOp) Apply(db *schema.Database) error {
	if len(o.Tables) == 0 {
		return fail(o, ErrInvalid, "no tables to check")
	}
	for _, n := range o.Tables {
		if _, err := table(o, db, n); err != nil {
			return err
		}
	}
	return nil
}

// Reverse implements Op: a check undoes nothing, so its reverse is no
// operation.
func (o *RequireEmptyOp) Reverse(*schema.Database) ([]Op, error) { return []Op{}, nil }

func (o *RequireEmptyOp) String() string {
	q := make([]string, len(o.Tables))
	for i, t := range o.Tables {
		q[i] = strconv.Quote(t)
	}
	return "requireEmpty " + strings.Join(q, ", ")
}

func (*RequireEmptyOp) opName() string { return "requireEmpty" }

// GoString returns the Go expression that builds o, e.g.
// `ddl.RequireEmpty("teams").At("20171225143838-set-admins.js", 6)`.
func (o *RequireEmptyOp) GoString() string {
	var b strings.Builder
	b.WriteString("ddl.RequireEmpty(")
	for i, t := range o.Tables {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(t))
	}
	b.WriteString(")")
	if o.File != "" || o.Line != 0 {
		fmt.Fprintf(&b, ".At(%q, %d)", o.File, o.Line)
	}
	if o.Reason != "" {
		fmt.Fprintf(&b, ".Because(%q)", o.Reason)
	}
	return b.String()
}
