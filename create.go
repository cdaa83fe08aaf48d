package strata

import (
	"context"
	"errors"
	"fmt"
	"time"
	"unsafe"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/model"
	"github.com/strata-orm/strata/query"
)

// validate runs BeforeValidate, the model's rules (of the fields only
// accepts, all when nil), its Validate method and AfterValidate.
func validate(ctx context.Context, c Conn, m *model.Model, v any, base unsafe.Pointer, only func(*model.Field) bool) error {
	if err := runHook(ctx, c, BeforeValidate, m.Name, v); err != nil {
		return err
	}
	errs := m.Validate(base, only)
	unfit, err := unfitValues(ctx, c, m, base, only, errs)
	if err != nil {
		return err
	}
	errs = append(errs, unfit...)
	if vd, ok := v.(Validator); ok {
		if err := vd.Validate(ctx); err != nil {
			var ve *ValidationError
			var fe FieldError
			switch {
			case errors.As(err, &ve):
				errs = append(errs, ve.Errors...)
			case errors.As(err, &fe):
				errs = append(errs, fe)
			default:
				errs = append(errs, FieldError{Rule: "custom", Message: err.Error()})
			}
		}
	}
	if len(errs) > 0 {
		return &ValidationError{Model: m.Name, Errors: errs}
	}
	return runHook(ctx, c, AfterValidate, m.Name, v)
}

func now() time.Time { return model.NormalizeTime(time.Now()) }

// stamp sets CreatedAt (when zero, on create) and UpdatedAt.
func stamp(m *model.Model, base unsafe.Pointer, t time.Time, create bool) {
	if create && m.CreatedAt != nil && m.CreatedAt.IsZero(base) {
		_ = m.CreatedAt.Assign(base, t)
	}
	if m.UpdatedAt != nil && (!create || m.UpdatedAt.IsZero(base)) {
		_ = m.UpdatedAt.Assign(base, t)
	}
}

// leftToDatabase reports whether an insert leaves field f of the row at
// base to the database to generate (a zero auto-increment key, a zero
// field with a default).
func leftToDatabase(f *model.Field, base unsafe.Pointer) bool {
	return (f.AutoIncrement || f.Default != nil) && f.IsZero(base)
}

// insertColumns splits the fields of the row at base into those written
// and those the database generates (leftToDatabase).
func insertColumns(m *model.Model, base unsafe.Pointer) (cols []string, vals []any, generated []*model.Field) {
	cols = make([]string, 0, len(m.Fields))
	vals = make([]any, 0, len(m.Fields))
	for _, f := range m.Fields {
		if leftToDatabase(f, base) {
			generated = append(generated, f)
			continue
		}
		cols = append(cols, f.Column)
		vals = append(vals, f.Value(base))
	}
	return cols, vals, generated
}

func columnsOf(fields []*model.Field) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = f.Column
	}
	return out
}

// Create inserts the row v points at: BeforeValidate, validation,
// AfterValidate, BeforeCreate, BeforeSave, INSERT, AfterCreate, AfterSave.
// CreatedAt and UpdatedAt are set when zero; the generated key (and any
// field left to its database default because it was zero) is read back
// into v, by RETURNING where the database has it. WithAssociations also
// creates the rows v's association fields hold, in one transaction.
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
	for _, f := range opts {
		f(&o)
	}
	if len(o.assocs) > 0 {
		return createWith(ctx, c, m, v, unsafe.Pointer(v), o)
	}
	return db.createRow(ctx, c, m, v, unsafe.Pointer(v))
}

// createRow creates the row of model m at base (v is the same row as a
// pointer to its Go type, for hooks).
func (db *DB) createRow(ctx context.Context, c Conn, m *model.Model, v any, base unsafe.Pointer) error {
	if err := validate(ctx, c, m, v, base, nil); err != nil {
		return err
	}
	if err := runHooks(ctx, c, m.Name, v, BeforeCreate, BeforeSave); err != nil {
		return err
	}
	stamp(m, base, now(), true)
	if err := db.insertOne(ctx, c, m, base); err != nil {
		return err
	}
	return runHooks(ctx, c, m.Name, v, AfterCreate, AfterSave)
}

// insertOne inserts one row and reads back what the database generated.
func (db *DB) insertOne(ctx context.Context, c Conn, m *model.Model, base unsafe.Pointer) error {
	f, err := db.features(ctx, c.runner())
	if err != nil {
		return err
	}
	cols, vals, gen := insertColumns(m, base)
	ins := query.Insert{Table: m.Table, Columns: cols, Rows: [][]any{vals}}
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
		if err := db.readFirst(ctx, c, text, b.Args, rs, base); err != nil {
			return withModel(err, m, base)
		}
		if rs.n == 0 {
			return db.wrap(errors.New("INSERT … RETURNING returned no row"), text)
		}
		return nil
	}
	res, err := db.exec(ctx, c, text, b.Args)
	if err != nil {
		return withModel(err, m, base)
	}
	var rest []*model.Field
	for _, g := range gen {
		if g.AutoIncrement {
			id, err := res.LastInsertId()
			if err != nil {
				return fmt.Errorf("strata: read the id of the new %s: %w", m.Name, err)
			}
			if err := g.Assign(base, id); err != nil {
				return err
			}
			continue
		}
		rest = append(rest, g)
	}
	if len(rest) > 0 {
		return db.reload(ctx, c, m, base, rest)
	}
	return nil
}

// reload reads fields of the row at base from the database, by primary key.
func (db *DB) reload(ctx context.Context, c Conn, m *model.Model, base unsafe.Pointer, fields []*model.Field) error {
	if len(m.PrimaryKey) == 0 {
		return nil
	}
	f, err := db.features(ctx, c.runner())
	if err != nil {
		return err
	}
	b := db.builder(f)
	defer db.release(b)
	s := query.Select{Table: m.Table, Columns: columnsOf(fields), Where: pkConds(m, base), Limit: -1}
	if err := s.Build(b, m); err != nil {
		return err
	}
	text := b.SQL()
	rs := newRowScanner(fields)
	if err := db.readFirst(ctx, c, text, b.Args, rs, base); err != nil {
		return err
	}
	if rs.n == 0 {
		return &EmptyResultError{Model: m.Name, Table: m.Table}
	}
	return nil
}

func pkConds(m *model.Model, base unsafe.Pointer) []Cond {
	out := make([]Cond, len(m.PrimaryKey))
	for i, f := range m.PrimaryKey {
		out[i] = query.Eq(f.Column, f.Value(base))
	}
	return out
}

// BulkCreate inserts rows in as few statements as the dialect's parameter
// limit allows, running validation and the create hooks for each row, and
// fills in each row's generated key: by RETURNING (PostgreSQL, SQLite,
// MariaDB ≥ 10.5), from LastInsertId and the consecutive ids MySQL gives a
// multi-row INSERT under innodb_autoinc_lock_mode 0 or 1, or else row by
// row. A field with a default is left to the database only when it is zero
// in every row of a statement.
func BulkCreate[T any](ctx context.Context, c Conn, rows []T) error {
	db := c.DB()
	m, err := modelOf[T](db)
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		return nil
	}
	t := now()
	for i := range rows {
		v := &rows[i]
		base := unsafe.Pointer(v)
		if err := validate(ctx, c, m, v, base, nil); err != nil {
			return fmt.Errorf("row %d: %w", i, err)
		}
		if err := runHooks(ctx, c, m.Name, v, BeforeCreate, BeforeSave); err != nil {
			return fmt.Errorf("row %d: %w", i, err)
		}
		stamp(m, base, t, true)
	}
	f, err := db.features(ctx, c.runner())
	if err != nil {
		return err
	}
	per := min(1000, max(1, db.d.MaxParams()/len(m.Fields)))
	for start := 0; start < len(rows); start += per {
		if err := insertChunk(ctx, db, c, m, f, rows[start:min(start+per, len(rows))], start); err != nil {
			return err
		}
	}
	for i := range rows {
		if err := runHooks(ctx, c, m.Name, &rows[i], AfterCreate, AfterSave); err != nil {
			return fmt.Errorf("row %d: %w", i, err)
		}
	}
	return nil
}

func insertChunk[T any](ctx context.Context, db *DB, c Conn, m *model.Model, f *dialect.QueryFeatures, rows []T, offset int) error {
	var cols, gen []*model.Field
	for _, fl := range m.Fields {
		if !fl.AutoIncrement && fl.Default == nil {
			cols = append(cols, fl)
			continue
		}
		zero := 0
		for i := range rows {
			if fl.IsZero(unsafe.Pointer(&rows[i])) {
				zero++
			}
		}
		switch {
		case zero == len(rows):
			gen = append(gen, fl)
		case zero == 0 || !fl.AutoIncrement:
			cols = append(cols, fl)
		default:
			return fmt.Errorf("strata: BulkCreate of %s: rows %d… mix given and generated values of %s; give all or none", m.Name, offset, fl.Name)
		}
	}
	var auto *model.Field
	for _, g := range gen {
		if g.AutoIncrement {
			auto = g
		}
	}
	oneByOne := len(cols) == 0 || (!f.InsertReturning && ((auto != nil && !f.ConsecutiveIDs) || len(gen) > 1 || (len(gen) == 1 && auto == nil)))
	if oneByOne {
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
				return fmt.Errorf("strata: BulkCreate of %s: INSERT … RETURNING gave more rows than inserted", m.Name)
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
			return fmt.Errorf("strata: BulkCreate of %s: INSERT … RETURNING gave %d rows for %d inserted", m.Name, i, len(rows))
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
