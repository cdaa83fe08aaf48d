package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/perf/benchfmt"
)

var update = flag.Bool("update", false, "rewrite testdata/report.golden.md")

// TestReport renders testdata/raw.txt (two databases, two scenarios,
// strata beside the baselines, six runs) and compares it with the golden
// report.
func TestReport(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "raw.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := parseResults(f, "raw.txt")
	if err != nil {
		t.Fatal(err)
	}
	r := &report{
		Res: res,
		Libs: []lib{
			{Name: "pgx", Title: "raw pgx", Module: "github.com/jackc/pgx/v5", Version: "v5.12.0"},
			{Name: "sql", Title: "database/sql", Module: "std", Version: "go1.26.8"},
			{Name: "strata", Title: "strata", Module: "github.com/strata-orm/strata", Version: "this repository (../)",
				Lacks: map[string]string{"EagerHasMany": "strata has no Include (eager loading) yet"}},
		},
		Drivers:    []module{{"modernc.org/sqlite", "v1.62.0"}},
		Date:       "2026-11-26",
		Settings:   res.Config["benchreport-flags"],
		Migrations: migrationSection(res),
		Startup:    startupSection(startup{runs: 21, help: 3 * time.Millisecond, status: 9 * time.Millisecond, migrate: 10 * time.Millisecond}),
	}
	got := r.markdown()
	golden := filepath.Join("testdata", "report.golden.md")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(got), string(want)); diff != "" {
		t.Errorf("report differs from %s (-got +want; go test -update rewrites it):\n%s", golden, diff)
	}
}

func TestParseResults(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "raw.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := parseResults(f, "raw.txt")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(res.DBs, []string{"postgres", "sqlite"}); diff != "" {
		t.Errorf("DBs (-got +want):\n%s", diff)
	}
	c := res.Cells[key{"postgres", "FindMany100", "pgx"}]
	want := cell{
		Time:   stat{Center: 401e-6, Lo: 396e-6, Hi: 408e-6, N: 6},
		Allocs: stat{Center: 511, Lo: 511, Hi: 511, N: 6},
		Bytes:  stat{Center: 44345, Lo: 44345, Hi: 44345, N: 6},
	}
	if diff := cmp.Diff(c, want, cmp.Comparer(func(a, b float64) bool { return a == b || (a-b)/b < 1e-9 && (b-a)/b < 1e-9 })); diff != "" {
		t.Errorf("postgres FindMany100 pgx (-got +want):\n%s", diff)
	}
	if got, want := res.Migrations["postgres"].Up.Center, 0.6755; got != want {
		t.Errorf("BenchmarkMigrate200 on postgres: up median %v, want %v", got, want)
	}
	if got := res.Config["db-sqlite"]; got != "3.54.1" {
		t.Errorf("db-sqlite config = %q, want 3.54.1", got)
	}
}

func TestParseResultsErrors(t *testing.T) {
	for _, tc := range []struct{ name, in string }{
		{"empty", ""},
		{"other benchmarks only", "BenchmarkOther-2 10 100 ns/op\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := parseResults(strings.NewReader(tc.in), "in.txt"); err == nil {
				t.Errorf("parseResults(%q) succeeded, want an error saying there are no BenchmarkShop results", tc.in)
			}
		})
	}
}

func TestParseName(t *testing.T) {
	for _, tc := range []struct {
		name string
		want key
		ok   bool
	}{
		{"BenchmarkShop/db=postgres/op=FindByPK/lib=pgx-2", key{"postgres", "FindByPK", "pgx"}, true},
		{"BenchmarkShop/db=mysql/op=EagerNested/lib=strata", key{"mysql", "EagerNested", "strata"}, true},
		{"BenchmarkShop/db=postgres/op=FindByPK-2", key{}, false},
		{"BenchmarkOther/db=postgres/op=FindByPK/lib=pgx-2", key{}, false},
		{"BenchmarkShop/postgres/FindByPK/pgx-2", key{}, false},
	} {
		got, ok := parseName(benchfmt.Name(tc.name))
		if got != tc.want || ok != tc.ok {
			t.Errorf("parseName(%q) = %v, %v; want %v, %v", tc.name, got, ok, tc.want, tc.ok)
		}
	}
}

func TestFormat(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{fmtTime(0), "—"},
		{fmtTime(812e-9), "812 ns"},
		{fmtTime(52.87e-6), "52.9 µs"},
		{fmtTime(1.886e-3), "1.89 ms"},
		{fmtTime(12.07e-3), "12.1 ms"},
		{fmtTime(2.5), "2.50 s"},
		{count(0), "0"},
		{count(999), "999"},
		{count(1707.4), "1,707"},
		{count(1234567), "1,234,567"},
		{fmtBytes(592), "592 B"},
		{fmtBytes(44345), "43.3 KiB"},
		{fmtBytes(1133599), "1.08 MiB"},
		{fmtCI(stat{Center: 100, Lo: 97, Hi: 104, N: 6}), "±4%"},
		{fmtCI(stat{Center: 100, Lo: 100, Hi: 100, N: 1}), "±∞"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
