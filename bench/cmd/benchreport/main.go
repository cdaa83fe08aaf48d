// Command benchreport runs strata's benchmark suite and writes BENCHMARKS.md
// at the repository root. Run it in bench/:
//
//	cd bench && go run ./cmd/benchreport
//
// It runs `go test -run '^$' -bench BenchmarkShop -benchmem -count 6`
// (PostgreSQL and MariaDB from STRATA_TEST_POSTGRES and STRATA_TEST_MYSQL,
// SQLite in a temporary file), keeps the raw output in
// results/benchmarks.txt and benchstat's table of it in
// results/benchstat.txt, summarizes each benchmark as benchstat does
// (median and 95% confidence interval), and writes the report. With -from
// it formats an existing raw output instead of running anything.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/strata-orm/strata/bench"
	"github.com/strata-orm/strata/bench/target"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// options are benchreport's flags.
type options struct {
	count     int
	benchtime string
	bench     string
	out, raw  string
	stat      string
	from      string
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var o options
	fs := flag.NewFlagSet("benchreport", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&o.count, "count", 6, "runs of each benchmark (go test -count)")
	fs.StringVar(&o.benchtime, "benchtime", "1s", "time or iterations per run (go test -benchtime)")
	fs.StringVar(&o.bench, "bench", ".", "benchmarks to run (go test -bench): BenchmarkShop and BenchmarkMigrate200, or e.g. 'BenchmarkShop/db=sqlite/op=Find'")
	fs.StringVar(&o.out, "o", "../BENCHMARKS.md", "the report to write")
	fs.StringVar(&o.raw, "raw", "results/benchmarks.txt", "where to keep the raw go test output")
	fs.StringVar(&o.stat, "benchstat", "results/benchstat.txt", "where to keep benchstat's table of the raw output")
	fs.StringVar(&o.from, "from", "", "format this raw go test output instead of running the benchmarks")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "benchreport: unexpected arguments %q: it takes flags only (-h lists them)\n", fs.Args())
		return 2
	}
	if err := report1(ctx, o, stderr); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %s\n", o.out)
	return 0
}

func report1(ctx context.Context, o options, progress io.Writer) error {
	if err := checkModuleDir(); err != nil {
		return err
	}
	raw := o.from
	date := time.Now().UTC().Format("2006-01-02")
	if raw == "" {
		if err := runBenchmarks(ctx, o, progress); err != nil {
			return err
		}
		raw = o.raw
	} else if fi, err := os.Stat(raw); err == nil {
		date = fi.ModTime().UTC().Format("2006-01-02")
	}
	f, err := os.Open(raw)
	if err != nil {
		return fmt.Errorf("benchreport: %w", err)
	}
	defer f.Close()
	res, err := parseResults(f, raw)
	if err != nil {
		return err
	}
	if err := writeBenchstat(ctx, raw, o.stat); err != nil {
		return err
	}
	libs, drivers, err := versions(ctx)
	if err != nil {
		return err
	}
	r := &report{
		Res: res, Libs: libs, Drivers: drivers, Date: date,
		Settings:   res.Config["benchreport-flags"],
		Migrations: migrationSection(res), Startup: startupSection(measureStartup(ctx)),
	}
	if r.Settings == "" {
		r.Settings = fmt.Sprintf("-count %d", runsIn(res))
	}
	return os.WriteFile(o.out, r.markdown(), 0o644)
}

// checkModuleDir makes sure benchreport runs in bench/, where go test
// finds the suite and ../BENCHMARKS.md is the repository's.
func checkModuleDir() error {
	b, err := os.ReadFile("go.mod")
	if err != nil || !bytes.HasPrefix(b, []byte("module github.com/strata-orm/strata/bench\n")) {
		return errors.New("benchreport: run it in the bench module's directory: cd bench && go run ./cmd/benchreport")
	}
	return nil
}

// runBenchmarks runs go test and keeps its output in o.raw, echoing each
// line to progress.
func runBenchmarks(ctx context.Context, o options, progress io.Writer) error {
	for _, k := range target.Kinds() {
		if env := k.Env(); env != "" && os.Getenv(env) == "" {
			return fmt.Errorf("benchreport: %s is not set: point it at the %s server the report measures (see bench/README.md)", env, k.Title())
		}
	}
	if err := os.MkdirAll(filepath.Dir(o.raw), 0o755); err != nil {
		return fmt.Errorf("benchreport: %w", err)
	}
	f, err := os.Create(o.raw)
	if err != nil {
		return fmt.Errorf("benchreport: %w", err)
	}
	defer f.Close()
	flags := []string{"-bench", o.bench, "-benchmem", "-count", fmt.Sprint(o.count), "-benchtime", o.benchtime}
	args := append(append([]string{"test", "-run", "^$"}, flags...), "-timeout", "4h", ".")
	fmt.Fprintf(progress, "go %s\n", strings.Join(args, " "))
	// A configuration line, so that the report of this output (now or
	// with -from) can say how it was run.
	if _, err := fmt.Fprintf(f, "benchreport-flags: %s\n", strings.Join(flags, " ")); err != nil {
		return fmt.Errorf("benchreport: %w", err)
	}
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Env = append(os.Environ(), "STRATA_TEST_REQUIRE_ALL=1")
	cmd.Stderr = progress
	out, err := cmd.StdoutPipe()
	if err != nil {
		return fmt.Errorf("benchreport: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("benchreport: go test: %w", err)
	}
	w := bufio.NewWriter(f)
	sc := bufio.NewScanner(out)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		fmt.Fprintln(w, sc.Text())
		fmt.Fprintln(progress, sc.Text())
	}
	if err := cmd.Wait(); err != nil {
		w.Flush()
		return fmt.Errorf("benchreport: go test failed (%v); its output is in %s", err, o.raw)
	}
	return w.Flush()
}

// writeBenchstat keeps benchstat's own table of the raw output: rows by
// database and scenario, a column per library.
func writeBenchstat(ctx context.Context, raw, out string) error {
	cmd := exec.CommandContext(ctx, "go", "tool", "benchstat", "-row", "/db,/op", "-col", "/lib", raw)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	table, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("benchreport: go tool benchstat: %v: %s", err, stderr.Bytes())
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return fmt.Errorf("benchreport: %w", err)
	}
	return os.WriteFile(out, table, 0o644)
}

// versions reads the libraries' and drivers' module versions from the
// bench module's build list.
func versions(ctx context.Context) ([]lib, []module, error) {
	driverPaths := []string{
		"github.com/jackc/pgx/v5", "github.com/go-sql-driver/mysql", "modernc.org/sqlite",
		"gorm.io/driver/postgres", "gorm.io/driver/mysql", "gorm.io/driver/sqlite",
	}
	libraries := bench.Libraries()
	paths := append([]string(nil), driverPaths...)
	for _, l := range libraries {
		if l.Module != "std" {
			paths = append(paths, l.Module)
		}
	}
	cmd := exec.CommandContext(ctx, "go", append([]string{"list", "-m", "-json"}, paths...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, nil, fmt.Errorf("benchreport: go list -m: %v: %s", err, stderr.Bytes())
	}
	got := map[string]string{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var m struct {
			Path, Version string
			Replace       *struct{ Path, Version string }
		}
		if err := dec.Decode(&m); err == io.EOF {
			break
		} else if err != nil {
			return nil, nil, fmt.Errorf("benchreport: go list -m: %w", err)
		}
		v := m.Version
		if m.Replace != nil && m.Replace.Version == "" {
			v = "this repository (" + m.Replace.Path + ")"
		}
		got[m.Path] = v
	}
	goVersion, err := exec.CommandContext(ctx, "go", "env", "GOVERSION").Output()
	if err != nil {
		return nil, nil, fmt.Errorf("benchreport: go env GOVERSION: %w", err)
	}
	var ls []lib
	for _, l := range libraries {
		v := got[l.Module]
		if l.Module == "std" {
			v = strings.TrimSpace(string(goVersion))
		}
		ls = append(ls, lib{Name: l.Name, Title: l.Title, Module: l.Module, Version: v, Lacks: l.Lacks})
	}
	var ds []module
	for _, p := range driverPaths {
		ds = append(ds, module{Path: p, Version: got[p]})
	}
	return ls, ds, nil
}

// runsIn is the most runs any benchmark of res has.
func runsIn(res *results) int {
	n := 0
	for _, c := range res.Cells {
		n = max(n, c.Time.N)
	}
	return n
}
