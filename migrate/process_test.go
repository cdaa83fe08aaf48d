package migrate_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialect/connect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
)

// The two-process tests re-run this test binary as a child (RELIABILITY
// 4.1): TestMain sees these variables and runs childMain instead of the
// tests.
const (
	envChild = "STRATA_MIGRATE_CHILD" // the scenario: race or kill
	envURL   = "STRATA_MIGRATE_URL"   // the database
)

func TestMain(m *testing.M) {
	if scenario := os.Getenv(envChild); scenario != "" {
		os.Exit(childMain(scenario))
	}
	os.Exit(m.Run())
}

// raceMigrations are five migrations that fail if applied twice (plain
// CREATE TABLE); the first takes a while, so that two runs overlap.
func raceMigrations() migrate.Registry {
	slow := migrate.Migration{Name: "20260101000001-r1", UpFunc: func(ctx context.Context, ex migrate.Executor) error {
		time.Sleep(300 * time.Millisecond)
		return ex.Apply(ctx, createTable("r1"))
	}}
	reg := migrate.Registry{slow}
	for i := 2; i <= 5; i++ {
		reg = append(reg, simple(fmt.Sprintf("2026010100000%d-r%d", i, i), fmt.Sprintf("r%d", i)))
	}
	return reg
}

const killed = "20260102000000-k2"

// killMigrations: k2 creates a table, then blocks in a statement (a
// server-side sleep) or, on SQLite, in Go code, until the process is
// killed. With quick set, k2 does not block.
func killMigrations(d dialect.Dialect, quick bool) migrate.Registry {
	k2 := migrate.Migration{Name: killed, UpFunc: func(ctx context.Context, ex migrate.Executor) error {
		if err := ex.Apply(ctx, createTable("k2a")); err != nil {
			return err
		}
		if !quick {
			if s := sleepSQL(d, 30); s != "" {
				if _, err := ex.ExecContext(ctx, s); err != nil {
					return err
				}
			} else {
				<-ctx.Done()
			}
		}
		return ex.Apply(ctx, createTable("k2b"))
	}}
	return migrate.Registry{simple("20260101000000-k1", "k1"), k2}
}

// childMain runs one scenario against the database in the environment,
// printing each event on stdout, then "DONE applied=<n> err=<error>".
func childMain(scenario string) int {
	if scenario == "killat" {
		return killAtChild()
	}
	db, d, err := connect.Open(os.Getenv(envURL))
	if err != nil {
		fmt.Println("DONE applied=0 err=" + err.Error())
		return 1
	}
	defer db.Close()
	reg := raceMigrations()
	if scenario == "kill" {
		reg = killMigrations(d, false)
	}
	m, err := migrate.New(db, d, migrate.WithGo(reg), migrate.WithObserver(func(e migrate.Event) {
		fmt.Printf("EVENT %s %s %d\n", e.Kind, e.Name, e.Statement)
	}))
	if err != nil {
		fmt.Println("DONE applied=0 err=" + err.Error())
		return 1
	}
	fmt.Println("READY")
	// Wait for the parent's go, so that two children start together.
	if _, err := bufio.NewReader(os.Stdin).ReadString('\n'); err != nil && !errors.Is(err, io.EOF) {
		return 1
	}
	res, err := m.Up(context.Background())
	if err != nil {
		fmt.Printf("DONE applied=%d err=%s\n", len(res), strings.ReplaceAll(err.Error(), "\n", " "))
		return 1
	}
	fmt.Printf("DONE applied=%d err=\n", len(res))
	return 0
}

// child is a running child process and the lines it prints.
type child struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	lines chan string
	done  chan error
}

func startChild(t *testing.T, tg *dialecttest.Target, scenario string, env ...string) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(append(os.Environ(), envChild+"="+scenario, envURL+"="+tg.URL), env...)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: cmd, stdin: stdin, lines: make(chan string, 100), done: make(chan error, 1)}
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			c.lines <- sc.Text()
		}
		close(c.lines)
		c.done <- cmd.Wait()
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
	})
	return c
}

// waitFor returns the first line with the prefix, failing after a minute.
func (c *child) waitFor(t *testing.T, prefix string) string {
	t.Helper()
	timeout := time.After(time.Minute)
	for {
		select {
		case line, ok := <-c.lines:
			if !ok {
				t.Fatalf("child ended before printing %q", prefix)
			}
			if strings.HasPrefix(line, prefix) {
				return line
			}
		case <-timeout:
			t.Fatalf("child did not print %q within a minute", prefix)
		}
	}
}

// TestTwoProcessesRace is RELIABILITY scenarios 1 and 5: two processes run
// Up at once; every migration is applied exactly once, by one of them; the
// other waits for the lock, applies nothing and exits successfully.
func TestTwoProcessesRace(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		a, b := startChild(t, tg, "race"), startChild(t, tg, "race")
		a.waitFor(t, "READY")
		b.waitFor(t, "READY")
		a.stdin.Close()
		b.stdin.Close()
		doneA, doneB := a.waitFor(t, "DONE"), b.waitFor(t, "DONE")
		if err := <-a.done; err != nil {
			t.Errorf("first child: %v (%s)", err, doneA)
		}
		if err := <-b.done; err != nil {
			t.Errorf("second child: %v (%s)", err, doneB)
		}
		got := []string{doneA, doneB}
		if got[0] > got[1] {
			got[0], got[1] = got[1], got[0]
		}
		wantNames(t, "children's results", got, []string{"DONE applied=0 err=", "DONE applied=5 err="})
		rows := stateRows(t, tg)
		if len(rows) != 5 {
			t.Fatalf("state rows: %+v", rows)
		}
		for i, r := range rows {
			if r.Seq != int64(i+1) || r.Status != "applied" {
				t.Errorf("row %d: %+v", i, r)
			}
		}
		wantNames(t, "tables", tables(t, tg), []string{migrate.DefaultTable, "r1", "r2", "r3", "r4", "r5"})
	})
}

// TestKilledMidMigration is RELIABILITY scenarios 2 and 13: a child is
// killed with SIGKILL while a migration runs. The lock is not left stuck
// on any database; on PostgreSQL and SQLite the next run applies the
// migration cleanly; on MySQL it refuses, saying how far the migration got.
func TestKilledMidMigration(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		c := startChild(t, tg, "kill")
		c.waitFor(t, "READY")
		c.stdin.Close()
		c.waitFor(t, "EVENT migration-start "+killed)
		c.waitFor(t, "EVENT statement "+killed+" 1")
		time.Sleep(200 * time.Millisecond) // let the blocking statement start
		if err := c.cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		if err := <-c.done; err == nil {
			t.Fatal("the child was not killed")
		}

		m := newMigrator(t, tg, migrate.WithGo(killMigrations(tg.Dialect, true)), migrate.WithLockTimeout(20*time.Second))
		start := time.Now()
		res, err := m.Up(ctx)
		took := time.Since(start)
		t.Logf("the next run took %s", took.Round(time.Millisecond))
		if tg.Dialect.TransactionalDDL() {
			if err != nil {
				t.Fatal(err)
			}
			wantNames(t, "applied", names(res), []string{killed})
			wantNames(t, "tables", tables(t, tg), []string{migrate.DefaultTable, "k1", "k2a", "k2b"})
			if took > 10*time.Second {
				t.Errorf("the next run waited %s for the lock", took)
			}
			return
		}
		// MySQL: statement 1 took effect; the run got the lock (the error
		// is about the history, not the lock) and refuses.
		var he *migrate.HistoryError
		if !errors.As(err, &he) {
			t.Fatalf("error %v is not a *HistoryError", err)
		}
		wantErr(t, err, killed+" never finished", "stopped after statement 1", "Repair with MarkApplied")
		tg.Exec(t, "DROP TABLE k2a")
		if err := m.Repair(ctx, killed, migrate.Forget); err != nil {
			t.Fatal(err)
		}
		if res, err = m.Up(ctx); err != nil {
			t.Fatal(err)
		}
		wantNames(t, "applied after repair", names(res), []string{killed})
	})
}
