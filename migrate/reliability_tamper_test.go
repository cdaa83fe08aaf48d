package migrate_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
)

const (
	tamperA = "20260101000000-ta"
	tamperB = "20260102000000-tb"
	tamperC = "20260103000000-tc"
	tamperZ = "20261231000000-tz"
)

// tamperFiles are A and B as .sql files.
func tamperFiles() map[string]string {
	return map[string]string{
		tamperA: "-- strata:up\nCREATE TABLE ta (id INTEGER PRIMARY KEY, note VARCHAR(20));\nINSERT INTO ta (id, note) VALUES (1, 'a');\n-- strata:down\nDROP TABLE ta;\n",
		tamperB: "-- strata:up\nCREATE TABLE tb (id INTEGER PRIMARY KEY);\n-- strata:down\nDROP TABLE tb;\n",
	}
}

// tamperCase changes the migration set after A and B (and, for some, more)
// were applied; refused says what the next run must refuse, naming which
// migration, or "" when it must go on.
type tamperCase struct {
	name    string
	applied []string                               // applied first, from A, B, C and Z
	edit    func(files map[string]string) []string // changes the files; returns the Go migrations kept
	refused migrate.ProblemKind                    // "" when the run goes on
	names   string                                 // the migration the refusal names
}

// TestReliabilityTamper is RELIABILITY scenarios 16 to 20: an applied
// migration edited by one character, deleted, the database ahead of the
// code (a later migration recorded that is not defined here), a migration
// appearing before an applied one, and a name defined twice. Every one is
// refused before any SQL: an error naming the migration, no migration
// started, and schema, state and data as they were, the pending migration
// not applied. Only line endings and a byte-order mark changed is no edit:
// the run goes on.
func TestReliabilityTamper(t *testing.T) {
	all := func(map[string]string) []string { return []string{tamperC} }
	cases := []tamperCase{
		{"edited", []string{tamperA, tamperB}, func(f map[string]string) []string {
			f[tamperA] = strings.Replace(f[tamperA], "VARCHAR(20)", "VARCHAR(21)", 1)
			return []string{tamperC}
		}, migrate.ProblemChecksum, tamperA},
		{"crlf-and-bom", []string{tamperA, tamperB}, func(f map[string]string) []string {
			f[tamperA] = "\ufeff" + strings.ReplaceAll(f[tamperA], "\n", "\r\n")
			return []string{tamperC}
		}, "", ""},
		{"deleted", []string{tamperA, tamperB}, func(f map[string]string) []string {
			delete(f, tamperB)
			return []string{tamperC}
		}, migrate.ProblemMissing, tamperB},
		{"database-ahead", []string{tamperA, tamperB, tamperZ}, all, migrate.ProblemMissing, tamperZ},
		{"out-of-order", []string{tamperA, tamperC}, all, migrate.ProblemOutOfOrder, tamperB},
	}
	dbtest.EachServer(t, func(t *testing.T, s dbtest.Server) {
		refused, accepted, refusals := 0, 0, 1
		for _, c := range cases {
			if c.refused != "" {
				refusals++
			}
			t.Run(c.name, func(t *testing.T) {
				if tamper(t, dialecttest.Fresh(t, s.Dialect, s.URL), c) {
					refused++
				} else {
					accepted++
				}
			})
		}
		t.Run("duplicate", func(t *testing.T) {
			duplicate(t, dialecttest.Fresh(t, s.Dialect, s.URL))
			refused++
		})
		t.Logf("figure: %d of %d tampered histories refused before any SQL (no migration started; schema, state and data unchanged); the CRLF/BOM-only change accepted (%d of 1)", refused, refusals, accepted)
	})
}

// goMigrations are C and Z, the Go migrations of the tamper cases.
func goMigrations(keep ...string) migrate.Registry {
	var reg migrate.Registry
	for _, n := range keep {
		reg = append(reg, simple(n, map[string]string{tamperC: "tc", tamperZ: "tz"}[n]))
	}
	return reg
}

// tamper runs one case on a fresh database; it reports whether the run
// was refused.
func tamper(t *testing.T, tg *dialecttest.Target, c tamperCase) bool {
	ctx := testCtx(t)
	// First the applied ones are all the project defines.
	files, early := tamperFiles(), map[string]string{}
	var earlyGo []string
	for _, n := range c.applied {
		if text, ok := files[n]; ok {
			early[n] = text
		} else {
			earlyGo = append(earlyGo, n)
		}
	}
	if _, err := newMigrator(t, tg, migrate.WithFS(sqlFS(early), "migrations"), migrate.WithGo(goMigrations(earlyGo...))).Up(ctx); err != nil {
		t.Fatalf("apply %v: %v", c.applied, err)
	}
	keep := c.edit(files)
	rec := &recorder{}
	m := newMigrator(t, tg, migrate.WithFS(sqlFS(files), "migrations"), migrate.WithGo(goMigrations(keep...)), migrate.WithObserver(rec.observe))
	schemaBefore, stateBefore, rowsBefore := tg.Inspect(t), stateRows(t, tg), tableRows(t, tg, "ta")
	st, err := m.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	res, err := m.Up(ctx)
	if c.refused == "" {
		if err != nil || st.Err() != nil {
			t.Fatalf("refused: %v (status: %v)", err, st.Err())
		}
		var want []string
		for _, n := range []string{tamperB, tamperC} {
			if !strings.Contains(strings.Join(c.applied, " "), n) {
				want = append(want, n)
			}
		}
		if got := names(res); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Fatalf("applied %v, want %v", got, want)
		}
		return false
	}
	if !errors.Is(err, migrate.ErrHistory) {
		t.Fatalf("Up: %v (%T), want a history error", err, err)
	}
	wantErr(t, err, "nothing was run", c.names)
	found := false
	for _, p := range st.Problems {
		if p.Kind == c.refused && p.Name == c.names {
			found = true
		}
	}
	if !found {
		t.Errorf("status problems %+v lack %s for %s", st.Problems, c.refused, c.names)
	}
	if n := rec.count(migrate.MigrationStart) + rec.count(migrate.Statement); n != 0 {
		t.Fatalf("%d migrations or statements ran: %q", n, rec.lines())
	}
	if diff := cmpSchemas(tg.Inspect(t), schemaBefore); diff != "" {
		t.Fatalf("schema changed (-after +before):\n%s", diff)
	}
	if diff := cmpRows(stateRows(t, tg), stateBefore); diff != "" {
		t.Fatalf("state changed (-after +before):\n%s", diff)
	}
	if got := tableRows(t, tg, "ta"); got != rowsBefore {
		t.Fatalf("rows of ta: %q, were %q", got, rowsBefore)
	}
	if c.refused == migrate.ProblemOutOfOrder {
		// The documented opt-in applies it; the order of application is recorded.
		res, err := newMigrator(t, tg, migrate.WithFS(sqlFS(files), "migrations"), migrate.WithGo(goMigrations(keep...)), migrate.WithAllowOutOfOrder()).Up(ctx)
		if err != nil {
			t.Fatal(err)
		}
		wantNames(t, "applied out of order", names(res), []string{tamperB})
		seq := map[string]int64{}
		for _, r := range stateRows(t, tg) {
			seq[r.Name] = r.Seq
		}
		if !(seq[tamperA] < seq[tamperC] && seq[tamperC] < seq[tamperB]) {
			t.Errorf("recorded order: %v, want A, C, B", seq)
		}
	}
	return true
}

// duplicate: a name defined both as a .sql file and in Go is refused when
// the migrator is built, naming both, before anything touches the database.
func duplicate(t *testing.T, tg *dialecttest.Target) {
	ctx := testCtx(t)
	if _, err := newMigrator(t, tg, migrate.WithFS(sqlFS(tamperFiles()), "migrations"), migrate.WithGo(goMigrations(tamperC))).Up(ctx, migrate.Only(tamperA)); err != nil {
		t.Fatal(err)
	}
	schemaBefore, stateBefore := tg.Inspect(t), stateRows(t, tg)
	twice := migrate.Registry{simple(tamperB, "tb2"), simple(tamperC, "tc")}
	_, err := migrate.New(tg.DB, tg.Dialect, migrate.WithFS(sqlFS(tamperFiles()), "migrations"), migrate.WithGo(twice))
	wantErr(t, err, fmt.Sprintf("migration %s is defined twice", tamperB), "migrations/"+tamperB+".sql")
	if diff := cmpSchemas(tg.Inspect(t), schemaBefore); diff != "" {
		t.Fatalf("schema changed (-after +before):\n%s", diff)
	}
	if diff := cmpRows(stateRows(t, tg), stateBefore); diff != "" {
		t.Fatalf("state changed (-after +before):\n%s", diff)
	}
}
