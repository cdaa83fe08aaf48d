package main

import (
	"strings"
	"testing"
)

const mod = "example.com/m"

// canned is go test -json output for the scenarios of cannedRegistry.
var canned = strings.Join([]string{
	// TestA: held on sqlite with a figure, failed on postgres, skipped on mysql.
	`{"Action":"run","Package":"example.com/m/migrate","Test":"TestA"}`,
	`{"Action":"run","Package":"example.com/m/migrate","Test":"TestA/sqlite"}`,
	`{"Action":"output","Package":"example.com/m/migrate","Test":"TestA/sqlite","Output":"    a_test.go:9: figure: 8 of 8 migrators exited 0\n"}`,
	`{"Action":"pass","Package":"example.com/m/migrate","Test":"TestA/sqlite"}`,
	`{"Action":"run","Package":"example.com/m/migrate","Test":"TestA/postgres"}`,
	`{"Action":"run","Package":"example.com/m/migrate","Test":"TestA/postgres/case"}`,
	`{"Action":"output","Package":"example.com/m/migrate","Test":"TestA/postgres/case","Output":"    a_test.go:12: boom\n"}`,
	`{"Action":"fail","Package":"example.com/m/migrate","Test":"TestA/postgres/case"}`,
	`{"Action":"fail","Package":"example.com/m/migrate","Test":"TestA/postgres"}`,
	`{"Action":"run","Package":"example.com/m/migrate","Test":"TestA/mysql"}`,
	`{"Action":"output","Package":"example.com/m/migrate","Test":"TestA/mysql","Output":"    dbtest.go:1: mysql tests skipped: set STRATA_TEST_MYSQL\n"}`,
	`{"Action":"skip","Package":"example.com/m/migrate","Test":"TestA/mysql"}`,
	`{"Action":"fail","Package":"example.com/m/migrate","Test":"TestA"}`,
	// TestB: sqlite only, no figure: two subtests passed, one (not the
	// dialect) skipped.
	`{"Action":"run","Package":"example.com/m","Test":"TestB"}`,
	`{"Action":"run","Package":"example.com/m","Test":"TestB/sqlite"}`,
	`{"Action":"run","Package":"example.com/m","Test":"TestB/sqlite/x"}`,
	`{"Action":"pass","Package":"example.com/m","Test":"TestB/sqlite/x"}`,
	`{"Action":"run","Package":"example.com/m","Test":"TestB/sqlite/y"}`,
	`{"Action":"pass","Package":"example.com/m","Test":"TestB/sqlite/y"}`,
	`{"Action":"run","Package":"example.com/m","Test":"TestB/sqlite/z"}`,
	`{"Action":"output","Package":"example.com/m","Test":"TestB/sqlite/z","Output":"    b_test.go:3: not on sqlite\n"}`,
	`{"Action":"skip","Package":"example.com/m","Test":"TestB/sqlite/z"}`,
	`{"Action":"pass","Package":"example.com/m","Test":"TestB/sqlite"}`,
	`{"Action":"pass","Package":"example.com/m","Test":"TestB"}`,
	// TestC: one dialect, no subtests; TestD: offline; TestE never ends.
	`{"Action":"run","Package":"example.com/m/internal/cli","Test":"TestC"}`,
	`{"Action":"pass","Package":"example.com/m/internal/cli","Test":"TestC"}`,
	`{"Action":"run","Package":"example.com/m/query","Test":"TestD"}`,
	`{"Action":"pass","Package":"example.com/m/query","Test":"TestD"}`,
	`{"Action":"run","Package":"example.com/m/query","Test":"TestE"}`,
	`{"Action":"output","Package":"example.com/m/query","Test":"TestE","Output":"panic: oops\n"}`,
	`{"Action":"fail","Package":"example.com/m/query"}`,
	// TestF fails before its subtests; TestS is in SQLite's package.
	`{"Action":"run","Package":"example.com/m/migrate","Test":"TestF"}`,
	`{"Action":"output","Package":"example.com/m/migrate","Test":"TestF","Output":"    f_test.go:3: setup failed\n"}`,
	`{"Action":"fail","Package":"example.com/m/migrate","Test":"TestF"}`,
	`{"Action":"run","Package":"example.com/m/dialect/sqlitedialect","Test":"TestS"}`,
	`{"Action":"pass","Package":"example.com/m/dialect/sqlitedialect","Test":"TestS"}`,
	`not json: a build error`,
}, "\n")

var cannedFuzz = strings.Join([]string{
	`{"Action":"run","Package":"example.com/m/query","Test":"FuzzT"}`,
	`{"Action":"output","Package":"example.com/m/query","Test":"FuzzT","Output":"fuzz: elapsed: 3s, execs: 1000 (333/sec), new interesting: 0\n"}`,
	`{"Action":"output","Package":"example.com/m/query","Test":"FuzzT","Output":"fuzz: elapsed: 10s, execs: 5123 (512/sec), new interesting: 2\n"}`,
	`{"Action":"pass","Package":"example.com/m/query","Test":"FuzzT"}`,
	// FuzzB: the time went to the baseline.
	`{"Action":"run","Package":"example.com/m/query","Test":"FuzzB"}`,
	`{"Action":"output","Package":"example.com/m/query","Test":"FuzzB","Output":"fuzz: elapsed: 9s, gathering baseline coverage: 145/157 completed\n"}`,
	`{"Action":"pass","Package":"example.com/m/query","Test":"FuzzB"}`,
	// FuzzR: only the coordinator's deadline race (go.dev/issue/75804).
	`{"Action":"run","Package":"example.com/m/query","Test":"FuzzR"}`,
	`{"Action":"output","Package":"example.com/m/query","Test":"FuzzR","Output":"fuzz: elapsed: 11s, execs: 5823 (574/sec), new interesting: 14 (total: 80)\n"}`,
	`{"Action":"output","Package":"example.com/m/query","Test":"FuzzR","Output":"--- FAIL: FuzzR (11.34s)\n"}`,
	`{"Action":"output","Package":"example.com/m/query","Test":"FuzzR","Output":"    context deadline exceeded\n"}`,
	`{"Action":"fail","Package":"example.com/m/query","Test":"FuzzR"}`,
	// FuzzX: a failing input.
	`{"Action":"run","Package":"example.com/m/query","Test":"FuzzX"}`,
	`{"Action":"output","Package":"example.com/m/query","Test":"FuzzX","Output":"--- FAIL: FuzzX (1.00s)\n"}`,
	`{"Action":"output","Package":"example.com/m/query","Test":"FuzzX","Output":"    context deadline exceeded\n"}`,
	`{"Action":"output","Package":"example.com/m/query","Test":"FuzzX","Output":"    Failing input written to testdata/fuzz/FuzzX/abc\n"}`,
	`{"Action":"fail","Package":"example.com/m/query","Test":"FuzzX"}`,
}, "\n")

var cannedRegistry = []Scenario{
	{ID: "A", Title: "mixed", Plan: "#1", Tests: []string{"migrate/TestA"}},
	{ID: "B", Title: "sqlite held", Plan: "#2", Dialects: []string{"sqlite"}, Tests: []string{"TestB"}},
	{ID: "C", Title: "whole test for one dialect", Plan: "#3", Tests: []string{"internal/cli/TestC@sqlite", "dialect/sqlitedialect/TestS"}},
	{ID: "D", Title: "offline and fuzz", Plan: "#4", Offline: []string{"query/TestD"}, Fuzz: []string{"query/FuzzT", "query/FuzzGone"}},
	{ID: "R", Title: "fuzz races", Plan: "#9", Fuzz: []string{"query/FuzzR", "query/FuzzX", "query/FuzzB"}},
	{ID: "E", Title: "never ends", Plan: "#5", Offline: []string{"query/TestE"}},
	{ID: "F", Title: "missing", Plan: "#6", Tests: []string{"migrate/TestNope"}, Dialects: []string{"mysql"}},
	{ID: "G", Title: "missing dialect", Plan: "#7", Tests: []string{"TestB"}, Dialects: []string{"postgres"}},
	{ID: "H", Title: "fails before subtests", Plan: "#8", Tests: []string{"migrate/TestF"}, Dialects: []string{"sqlite"}},
}

func evaluateCanned(t *testing.T, requireAll bool) *report {
	t.Helper()
	tests, fuzz := newResults(), newResults()
	if err := tests.read(strings.NewReader(canned)); err != nil {
		t.Fatal(err)
	}
	if err := fuzz.read(strings.NewReader(cannedFuzz)); err != nil {
		t.Fatal(err)
	}
	return evaluate(mod, cannedRegistry, tests, fuzz, requireAll)
}

func cell(t *testing.T, rep *report, id, title, col string) *Cell {
	t.Helper()
	for _, r := range rep.rows {
		if r.id == id && (title == "" || r.title == title) {
			if c := r.cells[col]; c != nil {
				return c
			}
			t.Fatalf("row %s has no %s cell: %v", id, col, r.cells)
		}
	}
	t.Fatalf("no row %s %s", id, title)
	return nil
}

func TestCells(t *testing.T) {
	rep := evaluateCanned(t, false)
	for _, c := range []struct {
		id, title, col string
		want           Status
		figure         string
	}{
		{"A", "", "sqlite", Held, "8 of 8 migrators exited 0"},
		{"A", "", "postgres", Failed, ""},
		{"A", "", "mysql", Skipped, ""},
		{"B", "", "sqlite", Held, "TestB: 2 passed"},
		{"C", "", "sqlite", Held, ""},
		{"D", "", "any", Held, "TestD: 1 passed"},
		{"D", "fuzz query/FuzzT", "any", Held, "FuzzT: 5123 execs in 10s, no failing input"},
		{"D", "fuzz query/FuzzGone", "any", Missing, ""},
		{"E", "", "any", Failed, ""},
		{"R", "fuzz query/FuzzR", "any", Held, "FuzzR: 5823 execs in 11s, no failing input (the fuzzer's stop at -fuzztime raced its deadline, go.dev/issue/75804; no failing input)"},
		{"R", "fuzz query/FuzzX", "any", Failed, ""},
		{"R", "fuzz query/FuzzB", "any", Held, "FuzzB: ran 145 of 157 corpus inputs in 9s (the time went to the baseline), no failing input"},
		{"F", "", "mysql", Missing, ""},
		{"G", "", "postgres", Missing, ""},
		{"H", "", "sqlite", Failed, ""},
	} {
		got := cell(t, rep, c.id, c.title, c.col)
		if got.Status != c.want {
			t.Errorf("%s %s %s: %s, want %s (%v)", c.id, c.title, c.col, got.Status, c.want, got.Failing)
		}
		if c.figure != "" && (len(got.Figures) != 1 || got.Figures[0] != c.figure) {
			t.Errorf("%s %s %s: figures %q, want %q", c.id, c.title, c.col, got.Figures, c.figure)
		}
	}
	for _, r := range rep.rows {
		if r.id == "C" && (r.cells["postgres"] != nil || r.cells["mysql"] != nil) {
			t.Errorf("a test of SQLite's counted for a server: %v", r.cells)
		}
	}
	if got := cell(t, rep, "A", "", "postgres").Failing; len(got) != 1 || !strings.Contains(got[0], "TestA/postgres/case failed") || !strings.Contains(got[0], "boom") {
		t.Errorf("postgres failure of A: %q", got)
	}
	if got := cell(t, rep, "E", "", "any").Failing; len(got) != 1 || !strings.Contains(got[0], "never finished") || !strings.Contains(got[0], "panic: oops") {
		t.Errorf("failure of E: %q", got)
	}
	if got := cell(t, rep, "H", "", "sqlite").Failing; len(got) != 1 || !strings.Contains(got[0], "setup failed") {
		t.Errorf("failure of H: %q", got)
	}
	if got := cell(t, rep, "C", "", "sqlite").Figures; strings.Join(got, ",") != "TestC: 1 passed,TestS: 1 passed" {
		t.Errorf("figures of C: %q", got)
	}
	// Cells other than fuzz: A 3, then one each for B, C, D, E, F, G, H.
	if rep.run != 10 || rep.held != 4 || rep.failed != 3 || rep.missing != 2 || rep.skipped != 1 || rep.fuzzRun != 5 || rep.fuzzHeld != 3 {
		t.Errorf("totals: %+v", *rep)
	}
	if rep.ok() {
		t.Error("a failed run is ok")
	}
}

func TestSkipFailsOnlyWhenRequired(t *testing.T) {
	reg := []Scenario{{ID: "A", Title: "mixed", Plan: "#1", Tests: []string{"migrate/TestA"}, Dialects: []string{"sqlite", "mysql"}}}
	tests := newResults()
	if err := tests.read(strings.NewReader(canned)); err != nil {
		t.Fatal(err)
	}
	if rep := evaluate(mod, reg, tests, newResults(), false); !rep.ok() {
		t.Errorf("a skip fails without STRATA_TEST_REQUIRE_ALL: %+v", *rep)
	}
	if rep := evaluate(mod, reg, tests, newResults(), true); rep.ok() {
		t.Errorf("a skip holds with STRATA_TEST_REQUIRE_ALL=1: %+v", *rep)
	}
}

func TestPrint(t *testing.T) {
	var b strings.Builder
	evaluateCanned(t, true).print(&b)
	out := b.String()
	for _, want := range []string{
		"ID    scenario",
		"A     mixed",
		"held      FAILED    skipped",
		"  A     sqlite    8 of 8 migrators exited 0",
		"  D     any       FuzzT: 5123 execs in 10s, no failing input",
		"Not held:",
		"A postgres FAILED: migrate/TestA: TestA/postgres/case failed:",
		"F mysql missing: migrate/TestNope: did not run (no such test in example.com/m/migrate)",
		"Totals: 10 scenario × dialect cases run, 4 held, 3 failed, 2 missing, 1 skipped; 5 fuzz targets, 3 held",
		"\nFAIL\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestPlanGroupsByPackage(t *testing.T) {
	got := plan(cannedRegistry)
	want := []pkgRun{
		{".", []string{"TestB"}},
		{"./dialect/sqlitedialect", []string{"TestS"}},
		{"./internal/cli", []string{"TestC"}},
		{"./migrate", []string{"TestA", "TestF", "TestNope"}},
		{"./query", []string{"TestD", "TestE"}},
	}
	if len(got) != len(want) {
		t.Fatalf("plan: %v", got)
	}
	for i := range want {
		if got[i].dir != want[i].dir || strings.Join(got[i].tests, ",") != strings.Join(want[i].tests, ",") {
			t.Errorf("plan[%d] = %v, want %v", i, got[i], want[i])
		}
	}
}
