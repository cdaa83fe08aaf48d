package main

import (
	"context"
	"testing"
)

// TestMeasureStartup builds the CLI and times it for real.
func TestMeasureStartup(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the strata command and a project")
	}
	st := measureStartup(context.Background())
	if st.err != nil {
		t.Fatal(st.err)
	}
	if st.help <= 0 || st.status <= 0 || st.migrate <= 0 {
		t.Fatalf("durations not measured: %+v", st)
	}
	t.Logf("strata --help %v, db:migrate:status %v, db:migrate %v", st.help, st.status, st.migrate)
}
