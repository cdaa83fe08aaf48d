package sqlitedialect_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect/sqlitedialect"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

// The tests here start processes (this test binary again, as a child):
// SQLite's locks and the migration lock are between processes, and so are
// the races they must survive. TestMain runs childMain in a child.
const (
	envChild = "STRATA_SQLITE_CHILD" // the scenario: migrate or lock
	envURL   = "STRATA_SQLITE_URL"   // the database
)

func TestMain(m *testing.M) {
	if scenario := os.Getenv(envChild); scenario != "" {
		os.Exit(childMain(scenario, os.Getenv(envURL)))
	}
	os.Exit(m.Run())
}

// childMain waits for the parent's go (standard input closing), so that
// the children start together, runs the scenario and prints "DONE" or the
// error.
func childMain(scenario, url string) int {
	fmt.Println("READY")
	if _, err := io.ReadAll(os.Stdin); err != nil {
		return 1
	}
	var err error
	switch scenario {
	case "migrate":
		err = childMigrate(url)
	case "lock":
		err = childLock(url)
	default:
		err = fmt.Errorf("unknown scenario %q", scenario)
	}
	if err != nil {
		fmt.Println("ERROR " + strings.ReplaceAll(err.Error(), "\n", " "))
		return 1
	}
	fmt.Println("DONE")
	return 0
}

// childMigrate is a migrator starting on the database: connect, then apply
// one migration (or find it applied by another).
func childMigrate(url string) error {
	d := sqlitedialect.New()
	db, err := d.Open(url)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Ping(); err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	reg := migrate.Registry{{Name: "20260101000000-create-items", Up: []ddl.Op{
		ddl.CreateTable("items", ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement()),
	}}}
	m, err := migrate.New(db, d, migrate.WithGo(reg))
	if err != nil {
		return err
	}
	_, err = m.Up(context.Background())
	return err
}

// lockRounds is how often each child of the lock scenario takes the lock.
const lockRounds = 25

// childLock takes the migration lock lockRounds times; while it holds it,
// it alone may have the file "<database>.inside", made with O_EXCL.
func childLock(url string) error {
	d := sqlitedialect.New()
	db, err := d.Open(url)
	if err != nil {
		return err
	}
	defer db.Close()
	loc, err := sqlitedialect.ParseURL(url)
	if err != nil {
		return err
	}
	inside := loc.Path + ".inside"
	ctx := context.Background()
	for i := range lockRounds {
		conn, err := db.Conn(ctx)
		if err != nil {
			return err
		}
		unlock, err := d.Lock(ctx, conn, "strata-test")
		if err != nil {
			conn.Close()
			return err
		}
		f, err := os.OpenFile(inside, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err != nil {
			conn.Close()
			return fmt.Errorf("round %d: two processes hold the lock at once: %w", i, err)
		}
		f.Close()
		time.Sleep(time.Duration(os.Getpid()%3) * time.Millisecond)
		if err := os.Remove(inside); err != nil {
			conn.Close()
			return err
		}
		err = unlock(ctx)
		conn.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// startTogether starts n children running scenario on url, lets them go at
// once, and returns what each printed last and how it exited.
func startTogether(t *testing.T, n int, scenario, url string) []string {
	t.Helper()
	type child struct {
		cmd   *exec.Cmd
		stdin io.WriteCloser
		out   *bufio.Reader
	}
	children := make([]child, n)
	for i := range children {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), envChild+"="+scenario, envURL+"="+url)
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
		t.Cleanup(func() { _ = cmd.Process.Kill() })
		children[i] = child{cmd, stdin, bufio.NewReader(stdout)}
	}
	for _, c := range children {
		if line, err := c.out.ReadString('\n'); err != nil || line != "READY\n" {
			t.Fatalf("child did not start: %q, %v", line, err)
		}
	}
	for _, c := range children {
		c.stdin.Close()
	}
	results := make([]string, n)
	var wg sync.WaitGroup
	for i, c := range children {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rest, _ := io.ReadAll(c.out)
			results[i] = strings.TrimSpace(string(rest))
			if err := c.cmd.Wait(); err != nil {
				results[i] += " (" + err.Error() + ")"
			}
		}()
	}
	wg.Wait()
	return results
}

// TestMigratorsOnANewFile is defect 11 of issue 12: eight migrators start
// at once on a database file that does not exist yet. Every one connects
// (none fails with SQLITE_BUSY: turning a new file to WAL mode takes a
// lock SQLite's busy timeout does not wait for), the migration is applied
// once, and no lock file is left. Sixty rounds, as the failure was rare.
func TestMigratorsOnANewFile(t *testing.T) {
	if testing.Short() {
		t.Skip("starts 480 processes: skipped with -short")
	}
	dir := t.TempDir()
	failed := 0
	for round := range 60 {
		path := filepath.Join(dir, "round"+strconv.Itoa(round)+".db")
		for i, res := range startTogether(t, 8, "migrate", "sqlite:"+path) {
			if res != "DONE" {
				failed++
				t.Errorf("round %d, migrator %d: %s", round, i, res)
			}
		}
		if _, err := os.Stat(path + ".lock"); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("round %d: the lock file is left after every migrator exited (%v)", round, err)
		}
		if failed > 0 {
			t.Fatalf("%d migrators failed in round %d", failed, round)
		}
	}
}

// TestLockFileRemovedSafely: the lock file goes with the lock, and that
// never lets two processes hold the lock at once (one that opened the file
// before it was removed must not lock the removed file while another locks
// a new one at the same path): eight processes take the lock 25 times
// each, checking that they are alone while they hold it.
func TestLockFileRemovedSafely(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes: skipped with -short")
	}
	path := filepath.Join(t.TempDir(), "shop.sqlite3")
	for i, res := range startTogether(t, 8, "lock", "sqlite:"+path) {
		if res != "DONE" {
			t.Errorf("process %d: %s", i, res)
		}
	}
	if _, err := os.Stat(path + ".lock"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the lock file is left after every holder released it (%v)", err)
	}
}
