package migrate_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/strata-orm/strata/dialect/connect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
)

// envKillAt tells a "killat" child where to stop: "<go|sql>:<n>", before
// statement n of the four-statement migration, or n = 5, after the body
// of the Go one (before its record).
const envKillAt = "STRATA_MIGRATE_KILL_AT"

const (
	killBase = "20260101000000-base"
	killFour = "20260102000000-four"
)

// fourStatements are the killed migration's statements, the same in Go
// and in SQL.
var fourStatements = []string{
	"CREATE TABLE ka (id INTEGER PRIMARY KEY, note VARCHAR(20))",
	"INSERT INTO ka (id, note) VALUES (1, 'one')",
	"CREATE TABLE kb (id INTEGER PRIMARY KEY)",
	"INSERT INTO kb (id) VALUES (2)",
}

// killOptions are the migrations of the kill scenario: base (applied before
// the kill), then four as Go code or as a .sql file. afterBody runs after
// the Go body's last statement.
func killOptions(kind string, afterBody func()) []migrate.Option {
	reg := migrate.Registry{simple(killBase, "base")}
	if kind == "sql" {
		text := "-- strata:up\n" + strings.Join(fourStatements, ";\n") + ";\n-- strata:down\nDROP TABLE kb;\nDROP TABLE ka;\n"
		return []migrate.Option{migrate.WithGo(reg), migrate.WithFS(sqlFS(map[string]string{killFour: text}), "migrations")}
	}
	reg = append(reg, migrate.Migration{Name: killFour,
		UpFunc: func(ctx context.Context, ex migrate.Executor) error {
			for _, s := range fourStatements {
				if _, err := ex.ExecContext(ctx, s); err != nil {
					return err
				}
			}
			if afterBody != nil {
				afterBody()
			}
			return nil
		},
		DownFunc: func(ctx context.Context, ex migrate.Executor) error {
			for _, s := range []string{"DROP TABLE kb", "DROP TABLE ka"} {
				if _, err := ex.ExecContext(ctx, s); err != nil {
					return err
				}
			}
			return nil
		}})
	return []migrate.Option{migrate.WithGo(reg)}
}

// killAtChild is the child of TestReliabilityKillAtEachStatement: it runs
// Up and, at the failpoint, says so on stdout and blocks until killed.
func killAtChild() int {
	kind, at, _ := strings.Cut(os.Getenv(envKillAt), ":")
	n, err := strconv.Atoi(at)
	if err != nil {
		fmt.Println("DONE applied=0 err=bad " + envKillAt)
		return 1
	}
	db, d, err := connect.Open(os.Getenv(envURL))
	if err != nil {
		fmt.Println("DONE applied=0 err=" + err.Error())
		return 1
	}
	defer db.Close()
	stop := func() {
		fmt.Println("FAILPOINT")
		select {} // until SIGKILL
	}
	migrate.SetBeforeStatement(func(name string, stmt int) {
		if name == killFour && stmt == n {
			stop()
		}
	})
	var afterBody func()
	if n > len(fourStatements) {
		afterBody = stop
	}
	m, err := migrate.New(db, d, killOptions(kind, afterBody)...)
	if err != nil {
		fmt.Println("DONE applied=0 err=" + err.Error())
		return 1
	}
	res, err := m.Up(context.Background())
	fmt.Printf("DONE applied=%d err=%v\n", len(res), err)
	return 0
}

// killPoint is where a child is killed: before statement n of the Go or
// SQL migration (n = 5: after the Go body, before its record).
type killPoint struct {
	kind string
	n    int
}

func (p killPoint) String() string {
	if p.n > len(fourStatements) {
		return p.kind + "-after-body"
	}
	return fmt.Sprintf("%s-before-stmt-%d", p.kind, p.n)
}

// TestReliabilityKillAtEachStatement is RELIABILITY scenarios 13 and 14 at
// every statement: a child applying a four-statement migration (Go code,
// then the same as a .sql file) is killed with SIGKILL before each
// statement, and after the Go body before its record. PostgreSQL and
// SQLite are unchanged (schema, state, the other table's rows) and the
// next run applies the migration; MySQL records it in progress, stopped
// after the statement before the kill, and the recovery its message gives
// (finish by hand then MarkApplied, or undo by hand then Forget) reaches
// the clean end state. The lock is never left held.
func TestReliabilityKillAtEachStatement(t *testing.T) {
	var points []killPoint
	for n := 1; n <= len(fourStatements)+1; n++ {
		points = append(points, killPoint{"go", n})
	}
	for n := 1; n <= len(fourStatements); n++ {
		points = append(points, killPoint{"sql", n})
	}
	dbtest.EachServer(t, func(t *testing.T, s dbtest.Server) {
		held, marked, forgot := 0, 0, 0
		for _, p := range points {
			t.Run(p.String(), func(t *testing.T) {
				fix := killAndCheck(t, dialecttest.Fresh(t, s.Dialect, s.URL), p)
				held++
				switch fix {
				case migrate.MarkApplied:
					marked++
				case migrate.Forget:
					forgot++
				}
			})
		}
		if s.Dialect.TransactionalDDL() {
			t.Logf("figure: killed at %d of %d points: schema, state and data unchanged each time, the next run applied it", held, len(points))
		} else {
			t.Logf("figure: killed at %d of %d points: recorded in progress at the right statement each time; the hint's repair worked (%d MarkApplied, %d Forget)", held, len(points), marked, forgot)
		}
	})
}

// killAndCheck kills a child at p and checks what it left; it returns the
// repair it used (MySQL) or 0.
func killAndCheck(t *testing.T, tg *dialecttest.Target, p killPoint) migrate.RepairAction {
	ctx := testCtx(t)
	m := newMigrator(t, tg, append(killOptions(p.kind, nil), migrate.WithLockTimeout(20*time.Second))...)
	if _, err := m.Up(ctx, migrate.To(killBase)); err != nil {
		t.Fatal(err)
	}
	tg.Exec(t, "INSERT INTO base (id, note) VALUES (1, 'a'), (2, 'b')")
	schemaBefore, stateBefore, baseBefore := tg.Inspect(t), stateRows(t, tg), tableRows(t, tg, "base")

	c := startChild(t, tg, "killat", envKillAt+"="+p.kind+":"+strconv.Itoa(p.n))
	c.waitFor(t, "FAILPOINT")
	if err := c.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if err := <-c.done; err == nil {
		t.Fatal("the child was not killed")
	}
	if got := tableRows(t, tg, "base"); got != baseBefore {
		t.Fatalf("rows of base changed: %q, were %q", got, baseBefore)
	}
	var fix migrate.RepairAction
	start := time.Now()
	if tg.Dialect.TransactionalDDL() {
		if diff := cmpSchemas(tg.Inspect(t), schemaBefore); diff != "" {
			t.Fatalf("schema changed (-after +before):\n%s", diff)
		}
		if diff := cmpRows(stateRows(t, tg), stateBefore); diff != "" {
			t.Fatalf("state changed (-after +before):\n%s", diff)
		}
		res, err := m.Up(ctx)
		if err != nil {
			t.Fatalf("the next run: %v", err)
		}
		wantNames(t, "applied", names(res), []string{killFour})
	} else {
		fix = followHint(t, ctx, tg, m, p)
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("the run after the kill waited %s (for the lock?)", took)
	}
	if got := tableRows(t, tg, "ka") + "|" + tableRows(t, tg, "kb"); got != "1 one|2" {
		t.Errorf("end state: ka, kb = %q, want \"1 one|2\"", got)
	}
	wantNames(t, "tables", tables(t, tg), []string{migrate.DefaultTable, "base", "ka", "kb"})
	st, err := m.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range st.Migrations {
		if e.State != migrate.StateApplied || len(e.Problems) > 0 {
			t.Errorf("status after recovery: %+v", e)
		}
	}
	if res, err := m.Up(ctx); err != nil || len(res) != 0 {
		t.Errorf("a further run: applied %v, %v", names(res), err)
	}
	noConnsInUse(t, tg.DB)
	return fix
}

// followHint (MySQL) checks what a kill at p left and the refusal of the
// next run, then does what its message says: statements 1 to n-1 took
// effect, so finish the rest by hand and MarkApplied (odd n), or undo them
// by hand and Forget, then run again (even n).
func followHint(t *testing.T, ctx context.Context, tg *dialecttest.Target, m *migrate.Migrator, p killPoint) migrate.RepairAction {
	t.Helper()
	done := min(p.n-1, len(fourStatements))
	want := []string{migrate.DefaultTable, "base"}
	if done >= 1 {
		want = append(want, "ka")
	}
	if done >= 3 {
		want = append(want, "kb")
	}
	wantNames(t, "tables after the kill", tables(t, tg), want)
	if done >= 2 && tableRows(t, tg, "ka") != "1 one" {
		t.Errorf("statement 2 did not take effect: ka = %q", tableRows(t, tg, "ka"))
	}
	_, err := m.Up(ctx)
	var he *migrate.HistoryError
	if !errors.As(err, &he) {
		t.Fatalf("the next run: %v (%T), want a *HistoryError", err, err)
	}
	var le *migrate.LockError
	if errors.As(err, &le) {
		t.Fatalf("the lock was left held: %v", err)
	}
	// A Go migration's statement count is not known beforehand, so even
	// after its body the record says how far it got, not that it is done.
	stopped := fmt.Sprintf("stopped after statement %d", done)
	if done == 0 {
		stopped = "stopped before statement 1"
	}
	wantErr(t, err, killFour+" never finished", stopped)
	wantErr(t, err, "Repair with MarkApplied")
	if p.n%2 == 1 {
		for _, s := range fourStatements[done:] {
			tg.Exec(t, s)
		}
		if err := m.Repair(ctx, killFour, migrate.MarkApplied); err != nil {
			t.Fatal(err)
		}
		return migrate.MarkApplied
	}
	for _, table := range []string{"kb", "ka"} {
		if done >= map[string]int{"ka": 1, "kb": 3}[table] {
			tg.Exec(t, "DROP TABLE "+table)
		}
	}
	if err := m.Repair(ctx, killFour, migrate.Forget); err != nil {
		t.Fatal(err)
	}
	res, err := m.Up(ctx)
	if err != nil {
		t.Fatalf("the run after Forget: %v", err)
	}
	wantNames(t, "applied after Forget", names(res), []string{killFour})
	return migrate.Forget
}

// tableRows is oracle (c) for a small table: its rows, ordered by the
// first column, each as its values joined by spaces, joined by commas.
func tableRows(t testing.TB, tg *dialecttest.Target, table string) string {
	t.Helper()
	rows, err := tg.DB.QueryContext(testCtx(t), "SELECT * FROM "+tg.Dialect.Quote(table)+" ORDER BY 1")
	if err != nil {
		t.Fatalf("read %s: %v", table, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		var parts []string
		for _, v := range vals {
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			parts = append(parts, fmt.Sprint(v))
		}
		out = append(out, strings.Join(parts, " "))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(out, ",")
}
