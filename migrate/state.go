package migrate

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

// DefaultTable is the state table's default name, sequelize-cli's, so that
// a database migrated by sequelize-cli can be adopted.
const DefaultTable = "SequelizeMeta"

// Status values of a state row.
const (
	statusApplied    = "applied"
	statusFailed     = "failed"
	statusInProgress = "in_progress"
)

// stateColumns are the columns of the state table. name is sequelize-cli's
// column; the others are strata's, added to a sequelize-cli table when it
// is adopted (all accept NULL: sequelize-cli's rows have none of them).
func stateColumns() []ddl.ColumnDef {
	return []ddl.ColumnDef{
		ddl.Column("name", schema.String(255)).PrimaryKey(),
		ddl.Column("checksum", schema.String(100)),
		ddl.Column("applied_at", schema.Date()),
		ddl.Column("duration_ms", schema.BigInt()),
		ddl.Column("seq", schema.BigInt()),
		ddl.Column("status", schema.String(16)),
		ddl.Column("direction", schema.String(8)),
		ddl.Column("stmts_done", schema.Integer()),
		ddl.Column("stmts_total", schema.Integer()),
		ddl.Column("error", schema.Text()),
		ddl.Column("ran_by", schema.String(255)),
		ddl.Column("skipped", schema.Text()),
	}
}

// record is one row of the state table.
type record struct {
	Name      string // as stored; sequelize-cli's rows end in .js
	Checksum  string // "" when unknown (sequelize-cli's rows)
	AppliedAt time.Time
	Duration  time.Duration
	Seq       int64 // order of application; 0 for sequelize-cli's rows
	Status    string
	Direction Direction
	Done      int
	Total     int
	Error     string
	RanBy     string
	// Skipped lists the migrations left pending on purpose that sort
	// before this one (see skippedText).
	Skipped []string
}

// recordExts are the extensions of sequelize-cli's rows: the files it
// runs (.js, .cjs, .ts, .cts; .mjs of other umzug setups).
func recordExts() []string { return []string{".js", ".cjs", ".mjs", ".ts", ".cts"} }

// stem is the migration name a row stands for: sequelize-cli records
// "20261126184503-create-user.js" for the migration strata calls
// "20261126184503-create-user".
func (r *record) stem() string {
	for _, ext := range recordExts() {
		if s, ok := strings.CutSuffix(r.Name, ext); ok {
			return s
		}
	}
	return r.Name
}

// rowName is the name a new row records for the migration name: the name
// itself, or, for an imported migration whose name ends in an extension
// of recordExts (the file 20220328194326-x.js.js of a sequelize-cli
// history is the migration 20220328194326-x.js), the name with .js, as
// sequelize-cli records it, so that the row's stem is the name again.
func rowName(name string) string {
	for _, ext := range recordExts() {
		if strings.HasSuffix(name, ext) {
			return name + ".js"
		}
	}
	return name
}

// state is the state table of one database.
type state struct {
	table string
	d     dialect.Dialect
	cols  map[string]bool // columns present; nil when the table does not exist
}

func (s *state) q(name string) string { return s.d.Quote(name) }

// probe finds whether the table exists and which columns it has.
func (s *state) probe(ctx context.Context, q dialect.Querier) error {
	query := "SELECT * FROM " + s.q(s.table) + " WHERE 1 = 0"
	rows, err := q.QueryContext(ctx, query)
	if err != nil && (s.d.Classify(err) == nil || s.d.Classify(err).Kind != dialect.ErrNoTable) {
		// Once more: a driver that caches statements (pgx) fails the first
		// time after the table gained columns, and drops the stale plan.
		rows, err = q.QueryContext(ctx, query)
	}
	if err != nil {
		if c := s.d.Classify(err); c != nil && c.Kind == dialect.ErrNoTable {
			s.cols = nil
			return nil
		}
		return fmt.Errorf("migrate: read state table %s: %w", s.table, err)
	}
	defer rows.Close()
	names, err := rows.Columns()
	if err != nil {
		return fmt.Errorf("migrate: read state table %s: %w", s.table, err)
	}
	s.cols = map[string]bool{}
	for _, n := range names {
		s.cols[n] = true
	}
	if !s.cols["name"] {
		return notStateTable(s.table)
	}
	return rows.Close()
}

// ensure creates the state table, or adds strata's columns to one that
// lacks them (a sequelize-cli SequelizeMeta, or an older strata table).
func (s *state) ensure(ctx context.Context, conn *sql.Conn) error {
	if err := s.probe(ctx, conn); err != nil {
		return err
	}
	if s.cols == nil {
		op := ddl.CreateTable(s.table, stateColumns()...)
		stmts, err := s.d.Render(op, &schema.Database{})
		if err != nil {
			return fmt.Errorf("migrate: create state table %s: %w", s.table, err)
		}
		if err := dialect.ExecConn(ctx, conn, s.d, stmts); err != nil {
			return fmt.Errorf("migrate: create state table %s: %w", s.table, err)
		}
		if err := s.exactNames(ctx, conn); err != nil {
			return err
		}
		return s.probe(ctx, conn)
	}
	if err := s.exactNames(ctx, conn); err != nil {
		return err
	}
	var missing []ddl.ColumnDef
	for _, c := range stateColumns() {
		if !s.cols[c.Name] {
			missing = append(missing, c)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	live, err := s.d.Inspect(ctx, conn)
	if err != nil {
		return fmt.Errorf("migrate: adopt state table %s: %w", s.table, err)
	}
	if live.Table(s.table) == nil {
		return fmt.Errorf("migrate: adopt state table %s: the table answers queries but %s's schema inspection does not list it", s.table, s.d.Name())
	}
	for _, c := range missing {
		op := ddl.AddColumn(s.table, c)
		stmts, err := s.d.Render(op, live)
		if err == nil {
			err = dialect.ExecConn(ctx, conn, s.d, stmts)
		}
		if err == nil {
			err = op.Apply(live)
		}
		if err != nil {
			return fmt.Errorf("migrate: adopt state table %s: add column %s: %w", s.table, c.Name, err)
		}
	}
	return s.probe(ctx, conn)
}

// exactNames makes the name column compare byte for byte where text
// compares without regard to case by default (MySQL, MariaDB), so that two
// migrations whose names differ only in case are both recorded: a new
// table's column right after it is created, an older table's (strata's
// before issue 13, or sequelize-cli's) in place, under the migration lock.
// Its names were unique ignoring case, so they stay unique.
func (s *state) exactNames(ctx context.Context, conn *sql.Conn) error {
	ek, ok := s.d.(dialect.ExactKeys)
	if !ok {
		return nil
	}
	exact, err := ek.ExactKey(ctx, conn, s.table, "name")
	if err != nil || exact {
		return err
	}
	stmts, err := ek.MakeExactKey(s.table, stateColumns()[0].Column)
	if err == nil {
		err = dialect.ExecConn(ctx, conn, s.d, stmts)
	}
	if err != nil {
		return fmt.Errorf("migrate: make the name column of state table %s case-sensitive: %w", s.table, err)
	}
	return nil
}

// read returns the rows of the state table in the order they were applied:
// sequelize-cli's rows (no seq) first by name, then strata's by seq.
func (s *state) read(ctx context.Context, q dialect.Querier) ([]*record, error) {
	if s.cols == nil {
		return nil, nil
	}
	var cols []string
	for _, c := range stateColumns() {
		if s.cols[c.Name] {
			cols = append(cols, c.Name)
		}
	}
	quoted := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = s.q(c)
	}
	rows, err := q.QueryContext(ctx, "SELECT "+strings.Join(quoted, ", ")+" FROM "+s.q(s.table))
	if err != nil {
		return nil, fmt.Errorf("migrate: read state table %s: %w", s.table, err)
	}
	defer rows.Close()
	var out []*record
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("migrate: read state table %s: %w", s.table, err)
		}
		r := &record{Status: statusApplied}
		for i, c := range cols {
			if err := r.set(c, vals[i]); err != nil {
				return nil, fmt.Errorf("migrate: read state table %s: column %s: %w", s.table, c, err)
			}
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("migrate: read state table %s: %w", s.table, err)
	}
	slices.SortFunc(out, func(a, b *record) int {
		return cmp.Or(cmp.Compare(a.Seq, b.Seq), strings.Compare(a.Name, b.Name))
	})
	return out, nil
}

func (r *record) set(col string, v any) error {
	if v == nil {
		return nil
	}
	switch col {
	case "name":
		r.Name = asString(v)
	case "checksum":
		r.Checksum = asString(v)
	case "applied_at":
		t, err := asTime(v)
		if err != nil {
			return err
		}
		r.AppliedAt = t
	case "duration_ms":
		n, err := asInt(v)
		r.Duration = time.Duration(n) * time.Millisecond
		return err
	case "seq":
		n, err := asInt(v)
		r.Seq = n
		return err
	case "status":
		// NULL (a sequelize-cli row) is applied; any text is kept as it
		// is, so a status strata does not write is seen (StateUnknown).
		r.Status = asString(v)
	case "direction":
		r.Direction = Direction(asString(v))
	case "stmts_done":
		n, err := asInt(v)
		r.Done = int(n)
		return err
	case "stmts_total":
		n, err := asInt(v)
		r.Total = int(n)
		return err
	case "error":
		r.Error = asString(v)
	case "ran_by":
		r.RanBy = asString(v)
	case "skipped":
		r.Skipped = strings.Fields(asString(v))
	}
	return nil
}

// maxSkipped bounds the skipped column's text to what a MySQL TEXT holds.
const maxSkipped = 65535

// skippedText is the skipped column of a migration's row: the pending
// migrations that sort before it and that were left pending on purpose
// (it was applied by name, or after From, while they were pending; or
// they were undone by name after it was applied), one name a line, or
// NULL for none. Later runs do not call those out of order. Past
// maxSkipped bytes the oldest names are left out: they are then reported
// out of order, as a migration recorded without this column's help is.
func skippedText(names []string) any {
	names = slices.Sorted(slices.Values(names))
	names = slices.Compact(names)
	n := 0
	for i := len(names) - 1; i >= 0; i-- {
		if n += len(names[i]) + 1; n > maxSkipped {
			names = names[i+1:]
			break
		}
	}
	if len(names) == 0 {
		return nil
	}
	return strings.Join(names, "\n")
}

func asString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	}
	return fmt.Sprint(v)
}

func asInt(v any) (int64, error) {
	switch x := v.(type) {
	case int64:
		return x, nil
	case int32:
		return int64(x), nil
	case int:
		return int64(x), nil
	case uint64:
		return int64(x), nil
	case float64:
		return int64(x), nil
	case string, []byte:
		return strconv.ParseInt(strings.TrimSpace(asString(x)), 10, 64)
	}
	return 0, fmt.Errorf("unexpected value %v (%T)", v, v)
}

// asTime reads a timestamp as the drivers return it: a time.Time, or text
// (MySQL without parseTime, SQLite).
func asTime(v any) (time.Time, error) {
	if t, ok := v.(time.Time); ok {
		return t, nil
	}
	s := strings.TrimSpace(asString(v))
	for _, layout := range []string{
		"2006-01-02 15:04:05.999999999-07:00", "2006-01-02T15:04:05.999999999-07:00",
		"2006-01-02 15:04:05.999999999Z07:00", time.RFC3339Nano,
		"2006-01-02 15:04:05.999999999", "2006-01-02T15:04:05.999999999",
	} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("unreadable timestamp %q", s)
}

// nextSeq is the seq for the next application: one more than the highest.
func nextSeq(recs []*record) int64 {
	var n int64
	for _, r := range recs {
		n = max(n, r.Seq)
	}
	return n + 1
}

// row is a set of column values to write, in order.
type row []struct {
	col string
	val any
}

func (r row) with(col string, val any) row {
	return append(r, struct {
		col string
		val any
	}{col, val})
}

// stamp adds sequelize-cli's createdAt and updatedAt when the table has
// them (db:migrate:schema:timestamps:add makes them NOT NULL).
func (s *state) stamp(r row, insert bool, now time.Time) row {
	if insert && s.cols["createdAt"] {
		r = r.with("createdAt", now)
	}
	if s.cols["updatedAt"] {
		r = r.with("updatedAt", now)
	}
	return r
}

func (s *state) insert(ctx context.Context, e dialect.Execer, r row) error {
	cols := make([]string, len(r))
	ph := make([]string, len(r))
	args := make([]any, len(r))
	for i, c := range r {
		cols[i], ph[i], args[i] = s.q(c.col), s.d.Placeholder(i+1), c.val
	}
	query := fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", s.q(s.table), strings.Join(cols, ", "), strings.Join(ph, ", "))
	if _, err := e.ExecContext(ctx, query, args...); err != nil {
		return fmt.Errorf("migrate: record %v in %s: %w", r[0].val, s.table, err)
	}
	return nil
}

func (s *state) update(ctx context.Context, e dialect.Execer, name string, r row) error {
	sets := make([]string, len(r))
	args := make([]any, 0, len(r)+1)
	for i, c := range r {
		args = append(args, c.val)
		sets[i] = s.q(c.col) + " = " + s.d.Placeholder(i+1)
	}
	args = append(args, name)
	query := fmt.Sprintf("UPDATE %s SET %s WHERE %s = %s", s.q(s.table), strings.Join(sets, ", "), s.q("name"), s.d.Placeholder(len(args)))
	// RowsAffected is not checked: MySQL counts changed rows, not matched ones.
	if _, err := e.ExecContext(ctx, query, args...); err != nil {
		return fmt.Errorf("migrate: update %s in %s: %w", name, s.table, err)
	}
	return nil
}

func (s *state) delete(ctx context.Context, e dialect.Execer, name string) error {
	query := fmt.Sprintf("DELETE FROM %s WHERE %s = %s", s.q(s.table), s.q("name"), s.d.Placeholder(1))
	res, err := e.ExecContext(ctx, query, name)
	if err == nil {
		err = oneRow(res, name)
	}
	if err != nil {
		return fmt.Errorf("migrate: remove %s from %s: %w", name, s.table, err)
	}
	return nil
}

func oneRow(res sql.Result, name string) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n != 1 {
		return errors.New("no row for " + name + " (was the state table changed by another process?)")
	}
	return nil
}
