package pgdialect

import (
	"errors"
	"regexp"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/strata-orm/strata/dialect"
)

var (
	// relation "users" does not exist; table "users" does not exist
	relationRe = regexp.MustCompile(`(?:relation|table|view) "((?:[^"]|"")+)" does not exist`)
	// column "age" does not exist; column "age" of relation "users" does not exist
	columnRe = regexp.MustCompile(`column "((?:[^"]|"")+)"(?: of relation "((?:[^"]|"")+)")? does not exist`)
	// failed to encode args[0]: unable to encode 2147483648 into binary
	// format for int4 (OID 23): 2147483648 is greater than maximum value for int4
	encodeRangeRe = regexp.MustCompile(`^failed to encode args\[\d+\]: .* is (?:greater than maximum|less than minimum) value for \w+$`)
)

// Classify implements dialect.Dialect. A *pgconn.PgError becomes a
// *dialect.Error whose kind follows its SQLSTATE, with the table, columns
// and constraint the server names (the columns of a unique or foreign-key
// violation are read from its detail, "Key (a, b)=(…)"). A failure to
// connect is ErrConnection, and pgx's refusal to encode an argument
// beyond its parameter's range (2147483648 for an INTEGER) ErrOutOfRange,
// as the server's own out-of-range error is. Anything else is nil.
func (*Dialect) Classify(err error) *dialect.Error {
	if err == nil {
		return nil
	}
	var pg *pgconn.PgError
	if !errors.As(err, &pg) {
		var ce *pgconn.ConnectError
		if errors.As(err, &ce) {
			return &dialect.Error{Kind: dialect.ErrConnection, Message: ce.Error(), Err: err}
		}
		if encodeRangeRe.MatchString(err.Error()) {
			// pgx refuses to encode an argument its parameter's type cannot
			// hold; the server would have said 22003.
			return &dialect.Error{Kind: dialect.ErrOutOfRange, Message: err.Error(), Err: err}
		}
		return nil
	}
	e := &dialect.Error{
		Kind:       kindOf(pg.Code),
		Table:      pg.TableName,
		Constraint: pg.ConstraintName,
		Code:       pg.Code,
		Message:    pg.Message,
		Err:        err,
	}
	if pg.ColumnName != "" {
		e.Columns = []string{pg.ColumnName}
	}
	switch e.Kind {
	case dialect.ErrUnique, dialect.ErrForeignKey:
		if cols := keyColumns(pg.Detail); len(cols) > 0 {
			e.Columns = cols
		}
	case dialect.ErrNoTable:
		if m := relationRe.FindStringSubmatch(pg.Message); m != nil && e.Table == "" {
			e.Table = strings.ReplaceAll(m[1], `""`, `"`)
		}
	case dialect.ErrNoColumn:
		if m := columnRe.FindStringSubmatch(pg.Message); m != nil {
			if len(e.Columns) == 0 {
				e.Columns = []string{strings.ReplaceAll(m[1], `""`, `"`)}
			}
			if e.Table == "" && m[2] != "" {
				e.Table = strings.ReplaceAll(m[2], `""`, `"`)
			}
		}
	}
	return e
}

// kindOf maps a SQLSTATE to an error kind.
func kindOf(code string) dialect.ErrorKind {
	switch code {
	case "23505":
		return dialect.ErrUnique
	case "23503":
		return dialect.ErrForeignKey
	case "23502":
		return dialect.ErrNotNull
	case "23514":
		return dialect.ErrCheck
	case "42P01":
		return dialect.ErrNoTable
	case "42703":
		return dialect.ErrNoColumn
	case "42P07", "42701", "42710", "42P04", "42P06", "42723":
		return dialect.ErrExists
	case "42601":
		return dialect.ErrSyntax
	case "40P01", "55P03": // deadlock_detected, lock_not_available (NOWAIT, lock_timeout)
		return dialect.ErrDeadlock
	case "40001":
		return dialect.ErrSerialization
	case "3D000":
		return dialect.ErrNoDatabase
	case "22001":
		return dialect.ErrDataTooLong
	case "22003", "22008": // numeric_value_out_of_range, datetime_field_overflow
		return dialect.ErrOutOfRange
	case "22P02", "22007", "22021", "22P05": // invalid_text_representation, invalid_datetime_format,
		// character_not_in_repertoire, untranslatable_character
		return dialect.ErrBadValue
	case "57P01", "57P02", "57P03":
		return dialect.ErrConnection
	}
	if strings.HasPrefix(code, "08") || strings.HasPrefix(code, "28") {
		return dialect.ErrConnection
	}
	return dialect.ErrOther
}

// keyColumns reads the columns of a detail such as
// `Key ("firstName", "lastName")=(Ada, Lovelace) already exists.`
func keyColumns(detail string) []string {
	rest, ok := strings.CutPrefix(detail, "Key (")
	if !ok {
		return nil
	}
	var cols []string
	var cur strings.Builder
	depth := 0
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		switch {
		case c == '"':
			j := skipQuoted(rest, i)
			if j < 0 {
				return nil
			}
			cur.WriteString(strings.ReplaceAll(rest[i+1:j], `""`, `"`))
			i = j
		case c == '(':
			depth++
			cur.WriteByte(c)
		case c == ')' && depth > 0:
			depth--
			cur.WriteByte(c)
		case c == ')':
			return append(cols, strings.TrimSpace(cur.String()))
		case c == ',' && depth == 0:
			cols = append(cols, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	return nil
}
