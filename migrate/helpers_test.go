package migrate_test

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/testshop"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

func testCtx(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// recorder collects the events of a run.
type recorder struct {
	mu     sync.Mutex
	events []migrate.Event
}

func (r *recorder) observe(e migrate.Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, e)
}

// lines renders the events as sequelize-cli would print them, plus the
// statement events.
func (r *recorder) lines() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, e := range r.events {
		switch e.Kind {
		case migrate.MigrationStart, migrate.MigrationDone, migrate.MigrationFailed:
			out = append(out, fmt.Sprintf("%s %s %s", e.Kind, e.Direction, e.Name))
		}
	}
	return out
}

func (r *recorder) count(kind migrate.EventKind) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, e := range r.events {
		if e.Kind == kind {
			n++
		}
	}
	return n
}

func newMigrator(t testing.TB, tg *dialecttest.Target, opts ...migrate.Option) *migrate.Migrator {
	t.Helper()
	m, err := migrate.New(tg.DB, tg.Dialect, opts...)
	if err != nil {
		t.Fatalf("migrate.New: %v", err)
	}
	return m
}

// shop is the seed's five migrations as a Go registry.
func shop() migrate.Registry {
	var r migrate.Registry
	for _, m := range testshop.Migrations() {
		r = append(r, migrate.Migration{Name: m.Name, Up: m.Up, Down: m.Down})
	}
	return r
}

func createTable(name string) *ddl.CreateTableOp {
	return ddl.CreateTable(name, ddl.Column("id", schema.Integer()).PrimaryKey(), ddl.Column("note", schema.String(40)))
}

// simple is a migration that creates table and drops it on the way down.
func simple(name, table string) migrate.Migration {
	return migrate.Migration{Name: name, Up: []ddl.Op{createTable(table)}, Down: []ddl.Op{ddl.DropTable(table)}}
}

// sqlFS holds .sql migrations under migrations/.
func sqlFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys["migrations/"+name+".sql"] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

// tables lists the live tables, the state table included.
func tables(t testing.TB, tg *dialecttest.Target) []string {
	t.Helper()
	names := tg.Inspect(t).TableNames()
	slices.Sort(names)
	return names
}

// stateRow is a row of the state table as tests compare it.
type stateRow struct {
	Name, Status string
	Seq          int64
}

func stateRows(t testing.TB, tg *dialecttest.Target) []stateRow {
	t.Helper()
	q := tg.Dialect.Quote
	rows, err := tg.DB.QueryContext(testCtx(t), fmt.Sprintf("SELECT %s, %s, %s FROM %s ORDER BY %s",
		q("name"), q("status"), q("seq"), q("SequelizeMeta"), q("name")))
	if err != nil {
		t.Fatalf("read state: %v", err)
	}
	defer rows.Close()
	var out []stateRow
	for rows.Next() {
		var r stateRow
		var status sql.NullString
		var seq sql.NullInt64
		if err := rows.Scan(&r.Name, &status, &seq); err != nil {
			t.Fatal(err)
		}
		r.Status, r.Seq = status.String, seq.Int64
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func names(rs []migrate.Result) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Name)
	}
	return out
}

func wantNames(t testing.TB, what string, got, want []string) {
	t.Helper()
	if diff := cmp.Diff(got, want); diff != "" {
		t.Fatalf("%s (-got +want):\n%s", what, diff)
	}
}

func wantErr(t testing.TB, err error, fragments ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want one containing %q", fragments)
	}
	for _, f := range fragments {
		if !strings.Contains(err.Error(), f) {
			t.Fatalf("error does not contain %q:\n%v", f, err)
		}
	}
}

// sleepSQL is a statement that runs for secs seconds (no such statement
// exists on SQLite).
func sleepSQL(d dialect.Dialect, secs int) string {
	switch d.Name() {
	case "postgres":
		return fmt.Sprintf("SELECT pg_sleep(%d)", secs)
	case "mysql":
		return fmt.Sprintf("SELECT SLEEP(%d)", secs)
	}
	return ""
}

// noConnsInUse checks RELIABILITY oracle (e): no connection left in use.
func noConnsInUse(t testing.TB, db *sql.DB) {
	t.Helper()
	if n := db.Stats().InUse; n != 0 {
		t.Errorf("%d connections still in use", n)
	}
}

func cmpSchemas(got, want *schema.Database) string { return cmp.Diff(got, want) }
