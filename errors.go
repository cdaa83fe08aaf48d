package strata

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unsafe"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/internal/query"
)

// Sentinel errors, matched with errors.Is.
var (
	// ErrNotFound is matched by an *EmptyResultError: One, ByPK and the
	// single-row writes found no row.
	ErrNotFound = errors.New("strata: record not found")
	// ErrMissingWhere: a query-level Update, Destroy, Restore or Increment
	// has no Where; call AllowGlobal to mean every row.
	ErrMissingWhere = errors.New("strata: update or delete without a where clause; add Where or call AllowGlobal()")
	// ErrValue is matched by an error about a value that cannot be bound
	// (a map, a struct, a function … where a scalar belongs).
	ErrValue = query.ErrValue
	// ErrEmptyCondition is matched by an error about an empty And, Or or
	// Fields, which strata refuses rather than read as "every row".
	ErrEmptyCondition = query.ErrEmptyCondition
	// ErrRawSQL is matched by an error about hand-written SQL refused
	// before any SQL: a *SyntaxError (text strata cannot bind as the
	// database reads it) or a *BindCountError (see RawAll).
	ErrRawSQL = query.ErrRawSQL
	// ErrCommitOutcomeUnknown is matched by the error of a Commit (or a
	// Transaction) whose context ended while COMMIT was on its way to the
	// server: the transaction may have committed or not, and only reading
	// the database tells. The error matches the context's error too. A
	// context that ended before COMMIT was sent is a rollback instead
	// (dialect.ContextError with RolledBack set).
	ErrCommitOutcomeUnknown = dialect.ErrCommitOutcomeUnknown
	// ErrDeadlock is matched by a *DatabaseError of a transaction that
	// lost a lock conflict (Kind dialect.ErrDeadlock): a deadlock
	// (PostgreSQL 40P01, MySQL/MariaDB 1213), a lock wait that timed out
	// (MySQL/MariaDB 1205) or SQLite BUSY after its busy timeout. Run the
	// transaction again: see Retry.
	ErrDeadlock = errors.New("strata: the transaction lost a lock conflict (deadlock or lock wait timeout); run it again")
	// ErrSerialization is matched by a *DatabaseError of a transaction
	// that could not be serialized with a concurrent one (PostgreSQL
	// 40001; Kind dialect.ErrSerialization). Run it again: see Retry.
	ErrSerialization = errors.New("strata: the transaction could not be serialized with a concurrent one; run it again")
)

// ValueError is a value a condition or a write cannot use with its
// column: a map or a list where one value belongs, or a value of the
// wrong kind for the column (a number compared with a text column, 1.5
// with an integer column; see "Values that do not fit their column" in
// the package documentation). Its fields are Column, Value (what was
// given) and Why (what to use instead); it matches ErrValue.
type ValueError = query.ValueError

// SyntaxError is hand-written SQL whose placeholders strata cannot bind as
// the database reads them: an unterminated literal or comment, a
// parameter in the database's own syntax ($1, ?1, :name), ?? where ? is
// always a parameter, or a NUL byte. Its fields are Pos (the byte offset
// in the text), Msg, and Fix (what to write instead, when known). It
// matches ErrRawSQL.
type SyntaxError = query.SyntaxError

// BindCountError is hand-written SQL whose ? placeholders (as the
// database reads them) are not as many as the arguments given. Its fields
// are SQL (the text, shortened to 80 bytes), Placeholders and Args. It
// matches ErrRawSQL.
type BindCountError = query.BindCountError

// FieldError is one failed validation. Its fields are Field (the Go field
// name), Column, Rule (the rule's name: "required", "len", "email", …,
// "custom", or what the column type refused: "range", "scale", "number",
// "text", "date" …) and Message (what is wrong, e.g. "must be at most 100
// characters long").
type FieldError = model.FieldError

// UnknownColumnError is a column name (in a condition, an order, a select
// list, a Fields map) that the model does not have. Its fields are Model,
// Column, Suggest (the closest column, if one is close) and Hint (what
// the name should look like, when that helps).
type UnknownColumnError = model.UnknownColumnError

// ValidationError is every validation that failed for one row, found
// before any SQL ran (Sequelize's ValidationError): the model's rules and
// every value that does not fit its column (see "Values that do not fit
// their column" in the package documentation), the same on every database.
type ValidationError struct {
	Model  string
	Errors []FieldError
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Errors))
	for i, fe := range e.Errors {
		parts[i] = fe.Error()
	}
	return fmt.Sprintf("validation failed for %s: %s", e.Model, strings.Join(parts, "; "))
}

// Field returns the errors of one field (by Go name or column).
func (e *ValidationError) Field(name string) []FieldError {
	var out []FieldError
	for _, fe := range e.Errors {
		if fe.Field == name || fe.Column == name {
			out = append(out, fe)
		}
	}
	return out
}

// EmptyResultError is a query that had to find a row and found none
// (Sequelize's EmptyResultError). It matches ErrNotFound.
type EmptyResultError struct {
	Model string
	Table string
}

func (e *EmptyResultError) Error() string {
	if e.Table == "" {
		return fmt.Sprintf("strata: no %s found", e.Model)
	}
	return fmt.Sprintf("strata: no %s found in %q", e.Model, e.Table)
}

// Is makes errors.Is(err, ErrNotFound) hold.
func (e *EmptyResultError) Is(target error) bool { return target == ErrNotFound }

// OptimisticLockError is an update or delete of a row whose version
// changed since it was read (Sequelize's OptimisticLockError).
type OptimisticLockError struct {
	Model   string
	PK      any
	Version int64 // the version the caller held
}

func (e *OptimisticLockError) Error() string {
	return fmt.Sprintf("strata: %s %v was changed by someone else since version %d was read; reload it and retry", e.Model, e.PK, e.Version)
}

// DatabaseError is an error the database returned, with the statement
// that caused it (Sequelize's DatabaseError). Err is the driver's error,
// wrapped in a *dialect.Error when the dialect recognises it; Kind says
// what happened, the same on every dialect.
type DatabaseError struct {
	SQL        string
	Kind       dialect.ErrorKind
	Table      string
	Columns    []string
	Constraint string
	Err        error
}

func (e *DatabaseError) Error() string {
	return fmt.Sprintf("strata: %v (sql: %s)", e.Err, abbreviate(e.SQL))
}

// Unwrap returns the driver's error (inside a *dialect.Error when classified).
func (e *DatabaseError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrDeadlock) and errors.Is(err, ErrSerialization)
// hold for the errors of those kinds.
func (e *DatabaseError) Is(target error) bool {
	return target == ErrDeadlock && e.Kind == dialect.ErrDeadlock ||
		target == ErrSerialization && e.Kind == dialect.ErrSerialization
}

// UniqueConstraintError is a write that would duplicate a unique key
// (Sequelize's UniqueConstraintError): the table, the constraint, its
// columns and, for model writes, the values that collided.
type UniqueConstraintError struct {
	Model      string
	Table      string
	Constraint string
	Fields     []string       // column names
	Values     map[string]any // column → value, when strata wrote the row
	Err        *DatabaseError
}

func (e *UniqueConstraintError) Error() string {
	var b strings.Builder
	b.WriteString("strata: unique constraint violated")
	if e.Table != "" {
		fmt.Fprintf(&b, " on %q", e.Table)
	}
	if len(e.Fields) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(e.Fields, ", "))
	}
	if e.Constraint != "" {
		fmt.Fprintf(&b, " by %s", e.Constraint)
	}
	if len(e.Values) > 0 {
		keys := make([]string, 0, len(e.Values))
		for k := range e.Values {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for i, k := range keys {
			if i == 0 {
				b.WriteString(": ")
			} else {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%s=%v", k, e.Values[k])
		}
	}
	return b.String()
}

// Unwrap returns the *DatabaseError.
func (e *UniqueConstraintError) Unwrap() error { return e.Err }

// ForeignKeyConstraintError is a write that breaks a foreign key: a child
// pointing at a missing parent, or a parent deleted under its children.
type ForeignKeyConstraintError struct {
	Table      string
	Constraint string
	Fields     []string
	Err        *DatabaseError
}

func (e *ForeignKeyConstraintError) Error() string {
	s := "strata: foreign key constraint violated"
	if e.Table != "" {
		s += fmt.Sprintf(" on %q", e.Table)
	}
	if len(e.Fields) > 0 {
		s += fmt.Sprintf(" (%s)", strings.Join(e.Fields, ", "))
	}
	if e.Constraint != "" {
		s += " by " + e.Constraint
	}
	return s + ": " + e.Err.Err.Error()
}

// Unwrap returns the *DatabaseError.
func (e *ForeignKeyConstraintError) Unwrap() error { return e.Err }

// NotNullError is a NULL written into a NOT NULL column.
type NotNullError struct {
	Table  string
	Column string
	Err    *DatabaseError
}

func (e *NotNullError) Error() string {
	if e.Column != "" {
		return fmt.Sprintf("strata: column %q of %q cannot be NULL: %v", e.Column, e.Table, e.Err.Err)
	}
	return "strata: NULL in a NOT NULL column: " + e.Err.Err.Error()
}

// Unwrap returns the *DatabaseError.
func (e *NotNullError) Unwrap() error { return e.Err }

// wrap turns a driver error into strata's typed errors. Context errors and
// errors that are already strata's pass through.
func (db *DB) wrap(err error, sqlText string) error {
	if err == nil {
		return nil
	}
	var de *DatabaseError
	if errors.As(err, &de) {
		return err
	}
	c := db.d.Classify(err)
	if c == nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return err
		}
		return &DatabaseError{SQL: sqlText, Kind: dialect.ErrOther, Err: err}
	}
	de = &DatabaseError{SQL: sqlText, Kind: c.Kind, Table: c.Table, Columns: c.Columns, Constraint: c.Constraint, Err: c}
	switch c.Kind {
	case dialect.ErrUnique:
		return &UniqueConstraintError{Table: c.Table, Constraint: c.Constraint, Fields: c.Columns, Err: de}
	case dialect.ErrForeignKey:
		return &ForeignKeyConstraintError{Table: c.Table, Constraint: c.Constraint, Fields: c.Columns, Err: de}
	case dialect.ErrNotNull:
		col := ""
		if len(c.Columns) > 0 {
			col = c.Columns[0]
		}
		return &NotNullError{Table: c.Table, Column: col, Err: de}
	}
	return de
}

// wrapCtx is wrap for a failure while ctx was in use: once ctx has
// ended, the error also matches ctx.Err() with errors.Is, whatever the
// driver said (dialect.WithContext), on every dialect.
func (db *DB) wrapCtx(ctx context.Context, err error, sqlText string) error {
	return dialect.WithContext(ctx, db.wrap(err, sqlText))
}

// withModel completes a typed error with what the model knows: the
// columns of a unique key the database named only by constraint, and the
// values strata wrote.
func withModel(err error, m *model.Model, base unsafe.Pointer) error {
	var ue *UniqueConstraintError
	if !errors.As(err, &ue) {
		return err
	}
	ue.Model = m.Name
	if ue.Table == "" {
		ue.Table = m.Table
	}
	if len(ue.Fields) == 0 {
		ue.Fields = uniqueColumns(m, ue.Constraint)
	}
	if base != nil && len(ue.Fields) > 0 {
		ue.Values = map[string]any{}
		for _, c := range ue.Fields {
			if f, err := m.Field(c); err == nil {
				ue.Values[f.Column] = f.Value(base)
			}
		}
	}
	return err
}

func uniqueColumns(m *model.Model, constraint string) []string {
	c := constraint
	if i := strings.LastIndexByte(c, '.'); i >= 0 {
		c = c[i+1:]
	}
	for _, u := range m.Uniques {
		if strings.EqualFold(u.Name, c) {
			return u.Columns()
		}
	}
	if strings.EqualFold(c, "PRIMARY") || strings.EqualFold(c, m.Table+"_pkey") {
		out := make([]string, len(m.PrimaryKey))
		for i, f := range m.PrimaryKey {
			out[i] = f.Column
		}
		return out
	}
	return nil
}

func abbreviate(s string) string {
	if len(s) > 300 {
		return s[:297] + "..."
	}
	return s
}
