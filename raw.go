package strata

import (
	"context"
	"database/sql"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/internal/query"
)

// RawAll runs hand-written SQL with ? placeholders and returns its rows.
// A ? is a placeholder exactly where the database's own lexer reads a
// parameter: not inside strings, quoted names ("…", `…`, […]), comments
// or dollar quotes, but inside MySQL/MariaDB executable comments
// (/*! … */, /*M! … */, /*!50000 … */ when the server runs that
// version), and -- is a comment on MySQL only before a space or control
// character (DEL too), as the server decides. Each ? becomes the
// dialect's placeholder ($1, $2 … on PostgreSQL), set off by a space from
// a name or number next to it (a? is a $1, not the name a$1). On
// PostgreSQL ?? writes the operator ? (jsonb: data ?? 'k', ??|, ??&);
// elsewhere every ? outside a literal is a parameter to the database, so
// ?? is refused. The database's other parameter forms ($1 on
// PostgreSQL; ?1, :name, @name, $name on SQLite), a ? after a ; (a
// second statement, whose ? SQLite would bind from the first argument)
// and NUL bytes are refused too, as is a count of ? that differs from
// len(args): a
// *SyntaxError or *BindCountError, both matching
// ErrRawSQL, before any SQL. A struct T is filled by
// column name (a column with no field is an error); it needs no key field
// and may be anonymous (struct{ Email string; N int } for a GROUP BY).
// Any other T (int, string, time.Time, sql.NullString …) takes the single
// column.
//
//	users, err := strata.RawAll[User](ctx, db, "SELECT * FROM users WHERE lower(email) = ?", email)
func RawAll[T any](ctx context.Context, c Conn, sqlText string, args ...any) ([]T, error) {
	db := c.DB()
	text, bound, err := db.rebind(ctx, c, sqlText, args)
	if err != nil {
		return nil, err
	}
	rows, done, err := db.query(ctx, c, text, bound)
	if err != nil {
		return nil, err
	}
	defer done()
	defer rows.Close()
	var out []T
	if !isStruct[T]() {
		for rows.Next() {
			var v T
			if err := rows.Scan(&v); err != nil {
				return nil, db.wrap(err, text)
			}
			out = append(out, v)
		}
		return out, db.wrapCtx(ctx, rows.Err(), text)
	}
	m, err := readModelOf[T](db, true)
	if err != nil {
		return nil, err
	}
	cols, err := rows.Columns()
	if err != nil {
		return nil, db.wrap(err, text)
	}
	fields, err := fieldsFor(m, cols)
	if err != nil {
		return nil, err
	}
	out, err = collect[T](db, m, text, rows, fields, 0)
	if err != nil {
		return nil, dialect.WithContext(ctx, err)
	}
	if err := afterFind(ctx, c, m, out); err != nil {
		return nil, err
	}
	return out, nil
}

// RawOne is RawAll for one row: the first, or an *EmptyResultError.
func RawOne[T any](ctx context.Context, c Conn, sqlText string, args ...any) (*T, error) {
	rows, err := RawAll[T](ctx, c, sqlText, args...)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		if m, err := readModelOf[T](c.DB(), true); err == nil {
			return nil, &EmptyResultError{Model: m.Name, Table: m.Table}
		}
		return nil, &EmptyResultError{Model: "row"}
	}
	return &rows[0], nil
}

// Exec runs hand-written SQL that returns no rows, with ? placeholders as
// in RawAll.
func Exec(ctx context.Context, c Conn, sqlText string, args ...any) (sql.Result, error) {
	db := c.DB()
	text, bound, err := db.rebind(ctx, c, sqlText, args)
	if err != nil {
		return nil, err
	}
	return db.execSQL(ctx, c, text, bound)
}

// rebind rewrites placeholders and checks arguments (see query.WriteRaw).
func (db *DB) rebind(ctx context.Context, c Conn, sqlText string, args []any) (string, []any, error) {
	f, err := db.features(ctx, c.runner())
	if err != nil {
		return "", nil, err
	}
	b := query.NewBuilder(db.d, f)
	if err := query.WriteRaw(b, sqlText, args); err != nil {
		return "", nil, err
	}
	return b.SQL(), b.Args, nil
}
