package strata_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialecttest"
	migrator "github.com/strata-orm/strata/migrate"
)

// cancelRun counts the cancellations of one dialect's run: every error
// must match the context's error, no statement may go on running on the
// server, no connection may stay in use.
type cancelRun struct {
	t       *testing.T
	tg      *dialecttest.Target
	n       int // cancellations seen
	notIs   int // errors that errors.Is does not match with the context's error
	running int // statements still running on the server after the call returned
	leaks   int // stages after which connections stayed in use
}

// failed records a call that had to fail with want (context.Canceled or
// DeadlineExceeded).
func (r *cancelRun) failed(stage string, err, want error) {
	r.t.Helper()
	r.n++
	if err == nil {
		r.notIs++
		r.t.Errorf("%s: no error, want one matching %v", stage, want)
		return
	}
	if !errors.Is(err, want) {
		r.notIs++
		r.t.Errorf("%s: %v (%T) does not match %v with errors.Is", stage, err, err, want)
	}
}

// longSQL is a statement that runs for about ten seconds, or (SQLite) for
// ever, counting an endless recursive CTE.
func longSQL(d string) string {
	switch d {
	case "postgres":
		return "SELECT pg_sleep(10)"
	case "mysql":
		return "SELECT SLEEP(10)"
	}
	return "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"
}

// serverRunning counts the long statements still running in the test's
// database, waiting up to a second for them to go (PostgreSQL's cancel
// request is asynchronous). SQLite has no server: 0.
func (r *cancelRun) serverRunning(stage string) {
	r.t.Helper()
	var q string
	switch r.tg.Dialect.Name() {
	case "postgres":
		q = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND query LIKE 'SELECT pg_sleep(%' AND pid <> pg_backend_pid()"
	case "mysql":
		q = "SELECT COUNT(*) FROM information_schema.processlist WHERE db = DATABASE() AND info LIKE 'SELECT SLEEP(%' AND id <> CONNECTION_ID()"
	default:
		return
	}
	var n int
	for deadline := time.Now().Add(time.Second); ; time.Sleep(20 * time.Millisecond) {
		if err := r.tg.DB.QueryRow(q).Scan(&n); err != nil {
			r.t.Fatalf("%s: count running statements: %v", stage, err)
		}
		if n == 0 || time.Now().After(deadline) {
			break
		}
	}
	if n > 0 {
		r.running += n
		r.t.Errorf("%s: %d statements still running on the server a second after the call returned", stage, n)
	}
}

// idle checks that no connection of db stays in use (waiting up to two
// seconds for database/sql's own rollbacks to hand theirs back).
func (r *cancelRun) idle(stage string, db *sql.DB) {
	r.t.Helper()
	for deadline := time.Now().Add(2 * time.Second); db.Stats().InUse > 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			r.leaks++
			r.t.Errorf("%s: %d connections still in use", stage, db.Stats().InUse)
			return
		}
	}
}

// timeout is a random deadline between lo and hi.
func timeout(lo, hi time.Duration) time.Duration {
	return lo + time.Duration(rand.Int64N(int64(hi-lo)))
}

// blackhole listens on the loopback and accepts connections without ever
// answering, so a client's dial (handshake) waits for its deadline.
func blackhole(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var held []net.Conn
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			held = append(held, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		l.Close()
		<-done
		mu.Lock()
		for _, c := range held {
			c.Close()
		}
		mu.Unlock()
	})
	return l.Addr().String()
}

// TestReliabilityCancellation ends a context at every stage of strata's
// work on every dialect — before the call, while dialing (a server that
// never answers, and the real server with tiny deadlines), during a long
// statement, between the statements of a transaction, right before
// COMMIT, during a migration and during an eager load — and checks each
// error matches the context's error with errors.Is, nothing was written,
// no connection stays in use, and the statement no longer runs on the
// server (MySQL: KILL QUERY; PostgreSQL: pgx's cancel request; SQLite:
// the interrupt).
func TestReliabilityCancellation(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		reps := 20
		if testing.Short() {
			reps = 5
		}
		r := &cancelRun{t: t, tg: tg}
		db := shop(t, tg)
		name := tg.Dialect.Name()
		canaries := func() int64 {
			return must(strata.Find[Canary](db).Count(testCtx(t)))(t)
		}
		before := canaries()
		parent := t
		stage := func(name string, f func(t *testing.T)) {
			t.Run(name, func(t *testing.T) {
				r.t = t
				defer func() { r.t = parent }()
				f(t)
			})
		}

		stage("before the call", func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			_, err := strata.Exec(ctx, db, "SELECT 1")
			r.failed("Exec", err, context.Canceled)
			_, err = strata.Find[Canary](db).All(ctx)
			r.failed("All", err, context.Canceled)
			r.failed("Create", strata.Create(ctx, db, &Canary{Value: "before"}), context.Canceled)
			_, err = db.Begin(ctx)
			r.failed("Begin", err, context.Canceled)
			r.failed("Transaction", db.Transaction(ctx, func(tx *strata.Tx) error { return nil }), context.Canceled)
			r.idle("before the call", tg.DB)
		})

		stage("while dialing", func(t *testing.T) {
			if name != "sqlite" {
				u, err := url.Parse(tg.URL)
				if err != nil {
					t.Fatal(err)
				}
				u.Host = blackhole(t)
				for i := range reps {
					bdb, err := strata.Open(tg.Dialect, u.String())
					if err != nil {
						t.Fatal(err)
					}
					d := timeout(20*time.Millisecond, 200*time.Millisecond)
					ctx, cancel := context.WithTimeout(context.Background(), d)
					start := time.Now()
					_, err = strata.Exec(ctx, bdb, "SELECT 1")
					cancel()
					r.failed(fmt.Sprintf("dial a server that never answers, %v", d), err, context.DeadlineExceeded)
					if late := time.Since(start) - d; late > time.Second {
						t.Errorf("dial %d returned %v after its deadline", i, late)
					}
					r.idle("blackhole dial", bdb.SQL())
					bdb.Close()
				}
			}
			// The real server (SQLite: the file) with deadlines that end
			// anywhere in the dial, the handshake or the first statement.
			for range 50 {
				fdb, err := strata.Open(tg.Dialect, tg.URL)
				if err != nil {
					t.Fatal(err)
				}
				d := timeout(time.Microsecond, 15*time.Millisecond)
				ctx, cancel := context.WithTimeout(context.Background(), d)
				_, err = strata.Exec(ctx, fdb, "SELECT 1")
				if err != nil {
					r.failed(fmt.Sprintf("dial with a %v deadline", d), err, context.DeadlineExceeded)
				}
				cancel()
				r.idle("dial", fdb.SQL())
				fdb.Close()
			}
		})

		stage("during a long statement", func(t *testing.T) {
			for i := range reps {
				d := timeout(10*time.Millisecond, 150*time.Millisecond)
				ctx, cancel := context.WithTimeout(context.Background(), d)
				start := time.Now()
				var err error
				switch i % 3 {
				case 0:
					_, err = strata.Exec(ctx, db, longSQL(name))
				case 1:
					_, err = strata.RawAll[int64](ctx, db, longSQL(name))
				case 2:
					err = db.Transaction(ctx, func(tx *strata.Tx) error {
						if err := strata.Create(ctx, tx, &Canary{Value: "long"}); err != nil {
							return err
						}
						_, err := strata.Exec(ctx, tx, longSQL(name))
						return err
					})
				}
				cancel()
				r.failed(fmt.Sprintf("long statement %d (%v)", i, d), err, context.DeadlineExceeded)
				if late := time.Since(start) - d; late > time.Second {
					r.running++
					t.Errorf("long statement %d returned %v after its deadline", i, late)
				}
				r.serverRunning("long statement")
				r.idle("long statement", tg.DB)
			}
		})

		stage("between statements of a transaction", func(t *testing.T) {
			for i := range reps {
				ctx, cancel := context.WithTimeout(context.Background(), timeout(5*time.Millisecond, 50*time.Millisecond))
				err := db.Transaction(ctx, func(tx *strata.Tx) error {
					if err := strata.Create(ctx, tx, &Canary{Value: fmt.Sprint("between ", i)}); err != nil {
						return err
					}
					<-ctx.Done()
					return strata.Create(ctx, tx, &Canary{Value: "after"})
				})
				cancel()
				r.failed("between statements", err, context.DeadlineExceeded)
				r.idle("between statements", tg.DB)
			}
		})

		stage("right before COMMIT", func(t *testing.T) {
			reached := 0
			defer func() {
				if reached == 0 {
					t.Errorf("no run reached COMMIT with its row written: the stage was not tested")
				}
			}()
			for i := range reps {
				ctx, cancel := context.WithTimeout(context.Background(), timeout(30*time.Millisecond, 80*time.Millisecond))
				var err error
				written := false // the deadline passed after the row was written, before COMMIT
				if i%2 == 0 {
					err = db.Transaction(ctx, func(tx *strata.Tx) error {
						if err := strata.Create(ctx, tx, &Canary{Value: "before commit"}); err != nil {
							return err
						}
						written = true
						<-ctx.Done()
						return nil
					})
				} else {
					var tx *strata.Tx
					if tx, err = db.Begin(ctx); err == nil {
						if err = strata.Create(ctx, tx, &Canary{Value: "before commit"}); err == nil {
							written = true
							<-ctx.Done()
							err = tx.Commit()
						} else {
							_ = tx.Rollback()
						}
					}
				}
				cancel()
				r.failed("COMMIT", err, context.DeadlineExceeded)
				var ce *dialect.ContextError
				if written {
					reached++
				}
				if written && (!errors.As(err, &ce) || !ce.RolledBack) {
					t.Errorf("COMMIT after the deadline: %v, want a *dialect.ContextError saying it was rolled back", err)
				}
				r.idle("COMMIT", tg.DB)
			}
		})

		stage("during a migration", func(t *testing.T) {
			long := ddl.Raw(longSQL("sqlite")).For("postgres", longSQL("postgres")).For("mysql", longSQL("mysql"))
			var reg migrator.Registry
			reg.Add(migrator.Migration{Name: "20260101000000-slow", Up: []ddl.Op{ddl.Raw("CREATE TABLE cancel_made (id INTEGER)"), long}})
			m, err := migrator.New(tg.DB, tg.Dialect, migrator.WithGo(reg))
			if err != nil {
				t.Fatal(err)
			}
			for i := range max(reps/2, 3) {
				if name == "mysql" {
					// MySQL's DDL commits itself: the CREATE TABLE of the
					// failed run stays and is recorded; start afresh.
					tg.Exec(t, "DROP TABLE IF EXISTS cancel_made")
					tg.Exec(t, "DROP TABLE IF EXISTS "+tg.Dialect.Quote("SequelizeMeta"))
				}
				ctx, cancel := context.WithTimeout(context.Background(), timeout(50*time.Millisecond, 800*time.Millisecond))
				_, err := m.Up(ctx)
				cancel()
				r.failed(fmt.Sprintf("migration %d", i), err, context.DeadlineExceeded)
				if name != "mysql" && tableExists(t, tg, "cancel_made") {
					t.Errorf("migration %d: cancel_made exists after a cancelled run that was rolled back", i)
				}
				r.serverRunning("migration")
				r.idle("migration", tg.DB)
			}
			locker := tg.Dialect.(dialect.Locker)
			conn, err := tg.DB.Conn(testCtx(t))
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			// A killed session may take a moment to end on the server.
			for deadline := time.Now().Add(2 * time.Second); ; time.Sleep(20 * time.Millisecond) {
				holder, err := locker.LockHolder(testCtx(t), conn, "strata-migrate:SequelizeMeta")
				if err == nil && holder == "" {
					break
				}
				if time.Now().After(deadline) {
					t.Errorf("the migration lock two seconds after cancelled runs: held by %q, %v", holder, err)
					break
				}
			}
		})

		stage("during an eager load", func(t *testing.T) {
			u := &User{Email: "eager@example.com"}
			if err := strata.Create(testCtx(t), db, u); err != nil {
				t.Fatal(err)
			}
			if err := strata.Create(testCtx(t), db, &Order{UserID: &u.ID, Total: "1.00"}); err != nil {
				t.Fatal(err)
			}
			var cancelAt atomic.Pointer[context.CancelFunc]
			hook := strata.QueryHookFunc(func(context.Context, *strata.QueryEvent) {})
			edb, err := strata.New(tg.DB, tg.Dialect, strata.WithModels(shopModels...), strata.WithQueryHook(cancelHook{hook, &cancelAt}))
			if err != nil {
				t.Fatal(err)
			}
			for i := range reps {
				ctx, cancel := context.WithCancel(context.Background())
				cancelAt.Store(&cancel)
				var err error
				if i%2 == 0 {
					_, err = strata.Find[User](edb).Include("Orders").All(ctx)
				} else {
					_, err = strata.Find[User](edb).Include("Orders", strata.Include("Products")).ByPK(ctx, u.ID)
				}
				cancel()
				r.failed(fmt.Sprintf("eager load %d", i), err, context.Canceled)
				r.idle("eager load", tg.DB)
			}
		})

		if after := canaries(); after != before {
			t.Errorf("%d canary rows written by cancelled calls", after-before)
		}
		if r.notIs+r.running+r.leaks == 0 && !t.Failed() {
			t.Logf("figure: %d cancellations, all errors.Is ctx err, 0 still running", r.n)
		} else {
			t.Logf("figure: %d cancellations, %d not errors.Is ctx err, %d still running, %d stages leaked connections", r.n, r.notIs, r.running, r.leaks)
		}
	})
}

// cancelHook cancels the call's context when an include's statement (one
// reading orders or products) starts.
type cancelHook struct {
	strata.QueryHookFunc
	cancel *atomic.Pointer[context.CancelFunc]
}

func (h cancelHook) BeforeQuery(ctx context.Context, e *strata.QueryEvent) context.Context {
	if strings.Contains(e.SQL, "orders") || strings.Contains(e.SQL, "products") {
		if c := h.cancel.Load(); c != nil {
			(*c)()
		}
	}
	return ctx
}

// tableExists reports whether the test's database has the table.
func tableExists(t *testing.T, tg *dialecttest.Target, table string) bool {
	t.Helper()
	live, err := tg.Dialect.Inspect(testCtx(t), tg.DB)
	if err != nil {
		t.Fatal(err)
	}
	return live.Table(table) != nil
}
