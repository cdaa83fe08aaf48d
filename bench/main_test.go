package bench

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/strata-orm/strata/bench/suite"
	"github.com/strata-orm/strata/bench/target"
)

// run holds the databases of this test process: each is created (and
// seeded) on first use and dropped when the process ends, and so are the
// libraries' connections to it.
var run = &databases{dbs: map[dbKey]*database{}}

type databases struct {
	mu  sync.Mutex
	dbs map[dbKey]*database
}

// dbKey names a database of the run: the seeded shop of a kind, or an
// empty one.
type dbKey struct {
	kind  target.Kind
	empty bool
}

type database struct {
	*target.DB
	sql   *sql.DB // the suite's own connection (trimming, reading back writes)
	impls map[string]*suite.Impl
	err   error // why the database could not be created
}

func TestMain(m *testing.M) {
	flag.Parse()
	if runningBenchmarks() {
		printConfig()
	}
	code := m.Run()
	if err := run.close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}

// printConfig writes the machine as benchmark configuration lines, which
// cmd/benchreport reads back with the results (as it does the db-<kind>
// lines each database adds when it is created).
func printConfig() {
	fmt.Printf("go-version: %s\n", runtime.Version())
	fmt.Printf("cores: %d\n", runtime.NumCPU())
}

// db returns kind k's seeded database, creating it on first use. Without
// its server's URL it skips tb (or fails it when STRATA_TEST_REQUIRE_ALL=1).
func (r *databases) db(tb testing.TB, k target.Kind) *database {
	tb.Helper()
	return r.get(tb, dbKey{kind: k})
}

// empty returns a database of kind k with no tables, for the migration
// benchmark, creating it on first use.
func (r *databases) empty(tb testing.TB, k target.Kind) *database {
	tb.Helper()
	return r.get(tb, dbKey{kind: k, empty: true})
}

func (r *databases) get(tb testing.TB, key dbKey) *database {
	tb.Helper()
	k := key.kind
	url := ""
	if env := k.Env(); env != "" {
		url = os.Getenv(env)
		if url == "" {
			if os.Getenv("STRATA_TEST_REQUIRE_ALL") == "1" {
				tb.Fatalf("%s: %s is not set and STRATA_TEST_REQUIRE_ALL=1: point it at a server", k.Title(), env)
			}
			tb.Skipf("%s skipped: set %s to a server URL to run it", k.Title(), env)
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	d, ok := r.dbs[key]
	if !ok {
		d = &database{impls: map[string]*suite.Impl{}}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		if key.empty {
			d.DB, d.err = target.CreateEmpty(ctx, k, url)
		} else {
			d.DB, d.err = target.Create(ctx, k, url)
		}
		if d.err == nil {
			d.sql, d.err = d.DB.Open()
			if d.err == nil && runningBenchmarks() {
				fmt.Printf("db-%s: %s\n", k, d.Version)
			}
		}
		r.dbs[key] = d
	}
	if d.err != nil {
		tb.Fatalf("%s: %v", k.Title(), d.err)
	}
	return d
}

func runningBenchmarks() bool {
	f := flag.Lookup("test.bench")
	return f != nil && f.Value.String() != ""
}

// impl returns lib's implementation on d, opening it on first use.
func (d *database) impl(tb testing.TB, lib suite.Library) *suite.Impl {
	tb.Helper()
	run.mu.Lock()
	defer run.mu.Unlock()
	if im, ok := d.impls[lib.Name]; ok {
		return im
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	im, err := lib.Open(ctx, d.DB)
	if err != nil {
		tb.Fatalf("%s on %s: %v", lib.Title, d.Kind.Title(), err)
	}
	d.impls[lib.Name] = im
	return im
}

func (r *databases) close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	var errs []error
	keys := make([]dbKey, 0, len(r.dbs))
	for k := range r.dbs {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return keys[i].kind < keys[j].kind || keys[i].kind == keys[j].kind && !keys[i].empty && keys[j].empty
	})
	for _, key := range keys {
		d, k := r.dbs[key], key.kind
		if d.DB == nil {
			continue
		}
		for name, im := range d.impls {
			if err := im.Close(); err != nil {
				errs = append(errs, fmt.Errorf("close %s on %s: %w", name, k, err))
			}
		}
		if d.sql != nil {
			d.sql.Close()
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		if err := d.Drop(ctx); err != nil {
			errs = append(errs, err)
		}
		cancel()
	}
	return errors.Join(errs...)
}
