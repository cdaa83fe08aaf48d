package main

import (
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	in := strings.Join([]string{
		`{"Action":"run","Package":"p/dialect/pgdialect","Test":"TestConformance"}`,
		`{"Action":"pass","Package":"p/dialect/pgdialect","Test":"TestConformance/Shop"}`,
		`{"Action":"pass","Package":"p/dialect/pgdialect","Test":"TestConformance"}`,
		`{"Action":"pass","Package":"p/migrate","Test":"TestUp/sqlite"}`,
		`{"Action":"output","Package":"p/migrate","Test":"TestUp/mysql","Output":"boom\n"}`,
		`{"Action":"fail","Package":"p/migrate","Test":"TestUp/mysql"}`,
		`{"Action":"output","Package":"p/migrate","Test":"TestUp/postgres","Output":"postgres tests skipped: set STRATA_TEST_POSTGRES\n"}`,
		`{"Action":"skip","Package":"p/migrate","Test":"TestUp/postgres"}`,
		`{"Action":"fail","Package":"p/migrate","Test":"TestUp"}`,
		`{"Action":"pass","Package":"p/ddl","Test":"TestReplay"}`,
		`{"Action":"fail","Package":"p/migrate"}`,
	}, "\n")
	var out strings.Builder
	if code := run(strings.NewReader(in), &out, true); code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	got := out.String()
	for _, want := range []string{
		"--- FAIL: p/migrate TestUp/mysql\nboom",
		"postgres           1     0     1",
		"FAIL: 1 tests failed, 1 packages failed",
		"mysql              0     1     0",
		"sqlite             1     0     0",
		"(no database)      1     0     0",
		"skipped for want of a database server",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "--- FAIL: p/migrate TestUp\n") {
		t.Errorf("parent test reported as a failure of its own:\n%s", got)
	}
}
