package strata

import (
	"context"
	"fmt"
	"slices"
	"unsafe"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/internal/query"
)

// Create inserts the row v points at: BeforeValidate, validation,
// AfterValidate, BeforeCreate, BeforeSave, INSERT, AfterCreate, AfterSave.
// CreatedAt and UpdatedAt are set when zero. A field that is not set (a
// nil pointer or a NULL sql.Null*, and a zero auto-increment key) is left
// out of the INSERT, so the database numbers the row and applies the
// column's default, and is read back into v, by RETURNING where the
// database has it; every other field is written as it is, zero included
// (see "Not set" in the package documentation). WithAssociations also
// creates the rows v's association fields hold, in one transaction. The
// write and its hooks are one unit: when the model has hooks, they run in
// a transaction with the INSERT (a savepoint inside the caller's), so an
// error from any of them, after-hooks included, undoes all of it and
// leaves v as it was.
func Create[T any](ctx context.Context, c Conn, v *T, opts ...CreateOption) error {
	db := c.DB()
	m, err := modelOf[T](db)
	if err != nil {
		return err
	}
	if v == nil {
		return fmt.Errorf("strata: Create(nil *%s)", m.Name)
	}
	var o createOpts
	for i, f := range opts {
		if f == nil {
			return nilOption("Create", i)
		}
		if err := f.applyCreate(&o); err != nil {
			return err
		}
	}
	if len(o.assocs) > 0 {
		return createWith(ctx, c, m, v, unsafe.Pointer(v), o)
	}
	return db.createUnit(ctx, c, m, v, unsafe.Pointer(v))
}

// BulkCreate inserts rows in as few statements as the dialect's parameter
// limit allows, running validation and the create hooks for each row, and
// fills in each row's generated key and every field it left to the
// database: by RETURNING (PostgreSQL, SQLite, MariaDB ≥ 10.5), from
// LastInsertId and the consecutive ids MySQL gives a multi-row INSERT
// under innodb_autoinc_lock_mode 0 or 1, or else row by row. Fields that
// are not set are left out as Create leaves them out;
// consecutive rows that leave out the same fields share a statement.
// The rows and their hooks are one unit: when the model has hooks or the
// rows need more than one statement, they run in a transaction (a
// savepoint inside the caller's), so an error anywhere inserts none of
// them and leaves rows as they were.
func BulkCreate[T any](ctx context.Context, c Conn, rows []T) error {
	db := c.DB()
	m, err := modelOf[T](db)
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		return nil
	}
	f, err := db.features(ctx, c.runner())
	if err != nil {
		return err
	}
	unit := hooked(db, &rows[0], createEvents...)
	if !unit {
		// The statements the rows need: more than one is a unit too.
		per := bulkPer(db, m)
		for start, n := 0, 0; start < len(rows) && !unit; {
			end, gen := nextRun(m, rows, start, per)
			if oneByOne(f, m, gen) {
				n += end - start
			} else {
				n++
			}
			unit = n > 1
			start = end
		}
	}
	if !unit {
		return bulkCreate(ctx, db, c, m, f, rows)
	}
	saved := slices.Clone(rows)
	return asUnit(ctx, c, func() { copy(rows, saved) }, func(c Conn) error {
		return bulkCreate(ctx, db, c, m, f, rows)
	})
}

func bulkPer(db *DB, m *model.Model) int {
	return min(1000, max(1, db.d.MaxParams()/len(m.Fields)))
}

// nextRun returns the end of the run of rows from start that leave out the
// same fields (gen), at most per rows.
func nextRun[T any](m *model.Model, rows []T, start, per int) (int, []*model.Field) {
	gen := unsetFields(m, unsafe.Pointer(&rows[start]))
	end := start + 1
	for end < len(rows) && end-start < per && leavesOut(m, gen, unsafe.Pointer(&rows[end])) {
		end++
	}
	return end, gen
}

// leavesOut reports whether the row at base leaves out exactly the fields
// gen (in field order), as unsetFields would say, without allocating.
func leavesOut(m *model.Model, gen []*model.Field, base unsafe.Pointer) bool {
	i := 0
	for _, f := range m.Fields {
		if !f.Unset(base) {
			continue
		}
		if i >= len(gen) || gen[i] != f {
			return false
		}
		i++
	}
	return i == len(gen)
}

func bulkCreate[T any](ctx context.Context, db *DB, c Conn, m *model.Model, f *dialect.QueryFeatures, rows []T) error {
	t := now()
	for i := range rows {
		v := &rows[i]
		base := unsafe.Pointer(v)
		if err := validate(ctx, c, m, v, base, insertValidates(m, base)); err != nil {
			return fmt.Errorf("row %d: %w", i, err)
		}
		if err := runHooks(ctx, c, m.Name, v, BeforeCreate, BeforeSave); err != nil {
			return fmt.Errorf("row %d: %w", i, err)
		}
		stamp(m, base, t, true)
	}
	per := bulkPer(db, m)
	for start := 0; start < len(rows); {
		end, gen := nextRun(m, rows, start, per)
		if err := insertRun(ctx, db, c, m, f, rows[start:end], start, gen); err != nil {
			return err
		}
		start = end
	}
	for i := range rows {
		if err := runHooks(ctx, c, m.Name, &rows[i], AfterCreate, AfterSave); err != nil {
			return fmt.Errorf("row %d: %w", i, err)
		}
	}
	return nil
}

// unsetFields are the fields an INSERT of the row at base leaves out.
func unsetFields(m *model.Model, base unsafe.Pointer) []*model.Field {
	var out []*model.Field
	for _, f := range m.Fields {
		if f.Unset(base) {
			out = append(out, f)
		}
	}
	return out
}

func autoField(gen []*model.Field) *model.Field {
	for _, g := range gen {
		if g.AutoIncrement {
			return g
		}
	}
	return nil
}

// oneByOne reports whether rows leaving out gen are inserted one at a
// time: when none is written at all, or when the dialect cannot read back
// what each row of a multi-row INSERT was given.
func oneByOne(f *dialect.QueryFeatures, m *model.Model, gen []*model.Field) bool {
	auto := autoField(gen)
	return len(gen) == len(m.Fields) || (!f.InsertReturning && ((auto != nil && !f.ConsecutiveIDs) || len(gen) > 1 || (len(gen) == 1 && auto == nil)))
}

// insertRun inserts rows that all leave out the fields gen, in one
// statement where the dialect can read back what each row was given.
func insertRun[T any](ctx context.Context, db *DB, c Conn, m *model.Model, f *dialect.QueryFeatures, rows []T, offset int, gen []*model.Field) error {
	var cols []*model.Field
	for _, fl := range m.Fields {
		if !slices.Contains(gen, fl) {
			cols = append(cols, fl)
		}
	}
	auto := autoField(gen)
	if oneByOne(f, m, gen) {
		for i := range rows {
			if err := db.insertOne(ctx, c, m, unsafe.Pointer(&rows[i])); err != nil {
				return fmt.Errorf("row %d: %w", offset+i, err)
			}
		}
		return nil
	}
	ins := query.Insert{Table: m.Table, Columns: columnsOf(cols), Rows: make([][]any, len(rows))}
	for i := range rows {
		base := unsafe.Pointer(&rows[i])
		vals := make([]any, len(cols))
		for j, fl := range cols {
			vals[j] = fl.Value(base)
		}
		ins.Rows[i] = vals
	}
	if len(gen) > 0 && f.InsertReturning {
		ins.Returning = columnsOf(gen)
	}
	b := db.builder(f)
	defer db.release(b)
	if err := ins.Build(b); err != nil {
		return err
	}
	text := b.SQL()
	if len(ins.Returning) > 0 {
		rs := newRowScanner(gen)
		i := 0
		err := db.eachUpTo(ctx, c, text, b.Args, len(rows), func(src rowSrc) error {
			if i >= len(rows) {
				return fmt.Errorf("strata: BulkCreate of %s: the insert returned more rows than it inserted", m.Name)
			}
			if err := rs.read(src, unsafe.Pointer(&rows[i])); err != nil {
				return db.wrap(err, text)
			}
			i++
			return nil
		})
		if err != nil {
			return withModel(err, m, nil)
		}
		if i != len(rows) {
			return fmt.Errorf("strata: BulkCreate of %s: the insert returned %d rows for %d inserted", m.Name, i, len(rows))
		}
		return nil
	}
	res, err := db.exec(ctx, c, text, b.Args)
	if err != nil {
		return withModel(err, m, nil)
	}
	if auto != nil {
		first, err := res.LastInsertId()
		if err != nil {
			return fmt.Errorf("strata: read the ids of new %s rows: %w", m.Name, err)
		}
		for i := range rows {
			if err := auto.Assign(unsafe.Pointer(&rows[i]), first+int64(i)*f.IDStep); err != nil {
				return err
			}
		}
	}
	return nil
}
