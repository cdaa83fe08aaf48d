package realworld

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/drift"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/sequelizejs"
)

// EnvSequelizeProjects lists real sequelize-cli projects, brought onto the
// machine as their repositories hold them, one per line or separated by
// ";": a name, the dialect the project's config uses, its migrations
// folder, then optionally ref=<database> (a database on the test server,
// or an SQLite file, that sequelize-cli migrated with the originals: the
// history strata applies is compared with it), pre=<file> (SQL the
// project's own setup runs on a new database first, such as CREATE
// EXTENSION), seeders=<dir> (its seeders, recorded against the schema the
// migrations build and run after them) and KEY=VALUE pairs for
// process.env:
//
//	outline postgres /src/outline/server/migrations ref=rw_outline DEPLOYMENT=hosted
//	gladys sqlite /src/gladys/server/migrations
const EnvSequelizeProjects = "STRATA_SEQUELIZE_PROJECTS"

// seqProject is one entry of EnvSequelizeProjects.
type seqProject struct {
	name, dialect, dir, ref, pre, seeders string
	env                                   map[string]string
}

func sequelizeProjects(t *testing.T) []seqProject {
	spec := os.Getenv(EnvSequelizeProjects)
	if spec == "" {
		t.Skipf("set %s to real sequelize-cli projects (name dialect migrations-dir [ref=db] [KEY=VALUE…], separated by ;) to run it", EnvSequelizeProjects)
	}
	var out []seqProject
	for _, entry := range strings.FieldsFunc(spec, func(r rune) bool { return r == ';' || r == '\n' }) {
		f := strings.Fields(entry)
		if len(f) == 0 {
			continue
		}
		if len(f) < 3 {
			t.Fatalf("%s: %q is not `name dialect dir [ref=db] [KEY=VALUE…]`", EnvSequelizeProjects, entry)
		}
		p := seqProject{name: f[0], dialect: f[1], dir: f[2], env: map[string]string{"NODE_ENV": "development"}}
		for _, kv := range f[3:] {
			k, v, ok := strings.Cut(kv, "=")
			if !ok {
				t.Fatalf("%s: %q in %q is not KEY=VALUE", EnvSequelizeProjects, kv, entry)
			}
			switch k {
			case "ref":
				p.ref = v
			case "pre":
				p.pre = v
			case "seeders":
				p.seeders = v
			default:
				p.env[k] = v
			}
		}
		out = append(out, p)
	}
	return out
}

// TestSequelizeProjects records each real project's migration history in
// strata's JavaScript engine and applies what it recorded, from an empty
// database, with strata's migrate engine as an imported history. It logs
// per project the files converted fully, partly (the up recorded, the down
// not), the skeletons and the files the engine could not run, with their
// reasons grouped and counted; then how far the history applies and the
// first error. It fails only on what the converter promises whatever the
// project: every file of the folder is recorded or explained (a problem
// with its line and reason), nothing is dropped silently.
func TestSequelizeProjects(t *testing.T) {
	for _, p := range sequelizeProjects(t) {
		t.Run(p.name, func(t *testing.T) {
			start := time.Now()
			recs, err := sequelizejs.RecordDir(p.dir, sequelizejs.RecordOptions{Dialect: p.dialect, Env: p.env})
			if err != nil {
				t.Fatalf("RecordDir %s: %v", p.dir, err)
			}
			t.Logf("recorded %d files in %s", len(recs), time.Since(start).Round(time.Millisecond))
			checkAccounted(t, p.dir, recs)
			logSummary(t, p.name, recs)
			applyRecorded(t, p, recs)
			logDowns(t, p, recs)
		})
	}
}

// migrationFiles lists the files of dir sequelize-cli would run.
func migrationFiles(t *testing.T, dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || strings.HasSuffix(n, ".d.ts") {
			continue
		}
		switch filepath.Ext(n) {
		case ".js", ".cjs", ".mjs", ".ts":
			out = append(out, n)
		}
	}
	return out
}

// checkAccounted fails unless every migration file of dir has a Recorded,
// and every problem says where and why.
func checkAccounted(t *testing.T, dir string, recs []*sequelizejs.Recorded) {
	t.Helper()
	got := map[string]bool{}
	for _, r := range recs {
		got[filepath.Base(r.File)] = true
		for _, p := range r.Problems {
			if p.Reason == "" || p.Construct == "" || p.Direction == "" {
				t.Errorf("%s: a problem without its construct, direction or reason: %+v", r.File, *p)
			}
		}
	}
	for _, f := range migrationFiles(t, dir) {
		if !got[f] {
			t.Errorf("%s: no recording of %s", dir, f)
		}
	}
}

// kind is what a recording became: full (both directions), partial (the
// up recorded, the down not: it applies, Undo stops there), skeleton (the
// up does what a recording cannot: a person ports it) or failed (the file
// did not load or export an up, threw from its own code, or made a call
// that fails on the history replayed so far).
func kind(r *sequelizejs.Recorded) string {
	if r.Complete() {
		return "full"
	}
	for _, p := range r.Problems {
		// The first problem of the up decides: what follows it often
		// only follows from it (rows a SELECT did not return).
		if p.Direction != "down" {
			if failure(p) {
				return "failed"
			}
			return "skeleton"
		}
	}
	return "partial"
}

// failure reports whether p is the engine's or the replay's failure
// rather than a construct a recording cannot hold.
func failure(p *sequelizejs.Problem) bool {
	return p.Construct == "throw" || p.Construct == "error" || p.Construct == "module.exports" ||
		strings.HasPrefix(p.Reason, "the call failed") || strings.HasPrefix(p.Reason, "the file's ")
}

var (
	quoted = regexp.MustCompile("\"[^\"]*\"|'[^']*'|`[^`]*`")
	digits = regexp.MustCompile(`[0-9]+`)
)

// reasonKey is a problem's reason with the names in it elided, so the same
// reason in many files counts as one.
func reasonKey(p *sequelizejs.Problem) string {
	s := p.Reason
	if i := strings.IndexAny(s, ".:;"); i > 20 {
		s = s[:i]
	}
	s = quoted.ReplaceAllString(s, "…")
	s = digits.ReplaceAllString(s, "N")
	if len(s) > 140 {
		s = s[:140] + "…"
	}
	return s
}

// logSummary logs the counts of each kind and the reasons by frequency,
// each with a file that has it.
func logSummary(t *testing.T, name string, recs []*sequelizejs.Recorded) {
	counts := map[string]int{}
	type reason struct {
		n       int
		example string
	}
	reasons := map[string]*reason{}
	warnings := 0
	for _, r := range recs {
		counts[kind(r)]++
		warnings += len(r.Warnings)
		seen := map[string]bool{}
		for _, p := range r.Problems {
			k := p.Direction + ": " + reasonKey(p)
			if seen[k] {
				continue
			}
			seen[k] = true
			if reasons[k] == nil {
				reasons[k] = &reason{example: fmt.Sprintf("%s:%d %s", filepath.Base(p.File), p.Line, p.Construct)}
			}
			reasons[k].n++
		}
	}
	t.Logf("%s: %d files: %d full, %d partial (down not recorded), %d skeletons, %d failed; %d warnings",
		name, len(recs), counts["full"], counts["partial"], counts["skeleton"], counts["failed"], warnings)
	keys := make([]string, 0, len(reasons))
	for k := range reasons {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if reasons[a].n != reasons[b].n {
			return reasons[b].n - reasons[a].n
		}
		return strings.Compare(a, b)
	})
	for i, k := range keys {
		if i == 25 {
			t.Logf("  … %d more reasons", len(keys)-i)
			break
		}
		t.Logf("  %4d× %s  (e.g. %s)", reasons[k].n, k, reasons[k].example)
	}
}

// skeletonError is what a skeleton's up returns: the file still needs a
// person.
type skeletonError struct{ p *sequelizejs.Problem }

func (e *skeletonError) Error() string {
	return fmt.Sprintf("skeleton: %s:%d %s: %s", filepath.Base(e.p.File), e.p.Line, e.p.Construct, e.p.Reason)
}

// registry is the recorded history as Go migrations, imported: a full or
// partial recording runs its ops, a skeleton or failed file fails.
//
// With passOver, a skeleton's up runs the operations recorded before its
// problem and no more: what applying a data migration to an empty
// database does, mostly, so the rest of the history can be tried.
func registry(recs []*sequelizejs.Recorded, passOver bool) migrate.Registry {
	var reg migrate.Registry
	for _, r := range recs {
		m := migrate.Migration{Name: r.Name, Source: r.File, NoTx: r.NoTx, Imported: true}
		switch kind(r) {
		case "full", "partial":
			m.Up, m.Down = r.Up, r.Down
			if m.Up == nil {
				m.Up = []ddl.Op{}
			}
		default:
			if passOver {
				m.Up, m.Down = r.Up, r.Down
				if m.Up == nil {
					m.Up = []ddl.Op{}
				}
				break
			}
			p := firstUp(r)
			m.UpFunc = func(context.Context, migrate.Executor) error { return &skeletonError{p} }
			m.Version = "skeleton"
		}
		reg = append(reg, m)
	}
	return reg
}

// firstUp is the first problem of r's up.
func firstUp(r *sequelizejs.Recorded) *sequelizejs.Problem {
	for _, p := range r.Problems {
		if p.Direction != "down" {
			return p
		}
	}
	return r.Problems[0]
}

// applyRecorded applies the recorded history to an empty database of the
// project's dialect, logging how far it gets and the first error; with a
// reference database it compares the catalogs.
func applyRecorded(t *testing.T, p seqProject, recs []*sequelizejs.Recorded) {
	var srv *dbtest.Server
	for _, s := range dbtest.Servers() {
		if s.Dialect.Name() == string(mustDialect(t, p.dialect)) {
			srv = &s
		}
	}
	run := func(passOver bool) (*dialecttest.Target, error) {
		tg := dialecttest.Fresh(t, srv.Dialect, srv.URL)
		if p.pre != "" {
			sql, err := os.ReadFile(p.pre)
			if err != nil {
				t.Fatal(err)
			}
			tg.Exec(t, string(sql))
		}
		how := ""
		if passOver {
			how = " with the skeletons passed over"
		}
		m, err := migrate.New(tg.DB, tg.Dialect, migrate.WithGo(registry(recs, passOver)))
		if err != nil {
			t.Logf("%s: the recorded history does not load: %v", p.name, err)
			return tg, err
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		defer cancel()
		res, err := m.Up(ctx)
		warnings := 0
		for _, r := range res {
			warnings += len(r.Warnings)
		}
		if err == nil {
			t.Logf("%s: applies from empty%s: %d/%d migrations, %d warnings", p.name, how, len(res), len(recs), warnings)
			return tg, nil
		}
		var sk *skeletonError
		what := "fails"
		if errors.As(err, &sk) {
			what = "stops at a skeleton"
		}
		t.Logf("%s: %s%s after %d/%d migrations: %s", p.name, what, how, len(res), len(recs), firstLine(err))
		return tg, err
	}
	tg, err := run(false)
	var sk *skeletonError
	if errors.As(err, &sk) {
		tg, err = run(true)
	}
	switch {
	case p.ref != "" && err == nil:
		compareReference(t, p, tg)
	case p.ref != "":
		t.Logf("%s: not compared with sequelize-cli's database %s: strata's run did not get to the end", p.name, p.ref)
	}
	if p.seeders != "" && err == nil {
		applySeeders(t, p, tg, recs)
	}
}

func mustDialect(t *testing.T, s string) sequelizejs.Dialect {
	d, err := sequelizejs.ParseDialect(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// compareReference compares the catalog strata's run built with the one
// sequelize-cli built from the originals (p.ref), leaving out the
// migration state tables; the differences are logged, not failed.
func compareReference(t *testing.T, p seqProject, got *dialecttest.Target) {
	admin, ok := got.Dialect.(dialect.Admin)
	if !ok {
		t.Fatalf("dialect %s has no Admin", got.Dialect.Name())
	}
	var srvURL string
	for _, s := range dbtest.Servers() {
		if s.Dialect.Name() == got.Dialect.Name() {
			srvURL = s.URL
		}
	}
	u, err := admin.DatabaseURL(srvURL, p.ref)
	if err != nil {
		t.Fatal(err)
	}
	db, err := got.Dialect.Open(u)
	if err != nil {
		t.Fatalf("open the reference database %s: %v", p.ref, err)
	}
	defer db.Close()
	ref := &dialecttest.Target{Dialect: got.Dialect, DB: db, URL: u, Name: p.ref}
	want, have := without(catalog(t, ref), "SequelizeMeta"), without(catalog(t, got), "SequelizeMeta")
	for _, part := range []string{"columns", "indexes", "foreign keys"} {
		same, diff := compare(want.lines[part], have.lines[part])
		t.Logf("%s: %s identical to sequelize-cli's: %d/%d", p.name, part, same, len(want.lines[part]))
		for _, d := range diff {
			t.Logf("  %s", d) // - sequelize-cli's, + strata's
		}
	}
	t.Logf("%s: tables %d/%d, views %d/%d, triggers %d/%d, functions %d/%d", p.name,
		have.tables, want.tables, have.views, want.views, have.triggers, want.triggers, have.routines, want.routines)
}

// logDowns logs the recorded downs that do not undo their up, replayed
// offline (drift.CheckDowns; sequelize-cli never checks this).
func logDowns(t *testing.T, p seqProject, recs []*sequelizejs.Recorded) {
	var d dialect.Dialect
	for _, s := range dbtest.Servers() {
		if s.Dialect.Name() == string(mustDialect(t, p.dialect)) {
			d = s.Dialect
		}
	}
	probs, err := drift.CheckDowns(d, migrate.WithGo(registry(recs, true)))
	if err != nil {
		t.Logf("%s: downs not checked: %s", p.name, firstLine(err))
		return
	}
	t.Logf("%s: %d recorded downs do not undo their up", p.name, len(probs))
	for i, pr := range probs {
		if i == 10 {
			t.Logf("  … and %d more", len(probs)-i)
			break
		}
		t.Logf("  %s", pr.String())
	}
}

// TestKind is the classification TestSequelizeProjects counts by: the
// first problem of the up decides, a down's problem alone leaves the file
// applying.
func TestKind(t *testing.T) {
	up := func(construct, reason string) *sequelizejs.Problem {
		return &sequelizejs.Problem{Direction: "up", Construct: construct, Reason: reason}
	}
	down := func(construct, reason string) *sequelizejs.Problem {
		return &sequelizejs.Problem{Direction: "down", Construct: construct, Reason: reason}
	}
	read := up(`sequelize.query("SELECT * FROM teams")`, "it reads data (SELECT) and the migration may use what it returns")
	for _, c := range []struct {
		problems []*sequelizejs.Problem
		want     string
	}{
		{nil, "full"},
		{[]*sequelizejs.Problem{down("throw", "the file threw: cannot undo")}, "partial"},
		{[]*sequelizejs.Problem{read}, "skeleton"},
		{[]*sequelizejs.Problem{up(`require("fs")`, "it reads or writes files"), down(`require("fs")`, "it reads or writes files")}, "skeleton"},
		// What follows a data read (rows it did not return) does not make
		// the file a failure.
		{[]*sequelizejs.Problem{read, up("throw", "the file threw: Object has no member 'each'")}, "skeleton"},
		{[]*sequelizejs.Problem{up("throw", "the file threw: Object has no member 'tap'")}, "failed"},
		{[]*sequelizejs.Problem{up("module.exports", "the file exports no up function")}, "failed"},
		{[]*sequelizejs.Problem{down("x", "y"), up("describeTable", "the call failed as Sequelize's would")}, "failed"},
	} {
		r := &sequelizejs.Recorded{Name: "x", Problems: c.problems}
		if got := kind(r); got != c.want {
			t.Errorf("kind with %d problems (first %+v) = %s, want %s", len(c.problems), c.problems, got, c.want)
		}
	}
	if got := reasonKey(up("x", `no such file "a/b.js" line 12`)); got != "no such file … line N" {
		t.Errorf("reasonKey = %q", got)
	}
}

// applySeeders records the project's seeders against the schema its
// recorded migrations build and runs them on tg, which holds that schema,
// as sequelize-cli's db:seed:all does (their own state table).
func applySeeders(t *testing.T, p seqProject, tg *dialecttest.Target, recs []*sequelizejs.Recorded) {
	rep, err := migrate.Replay(tg.Dialect, nil, migrate.WithGo(registry(recs, true)))
	if err != nil {
		t.Logf("%s: seeders not recorded: the history does not replay: %s", p.name, firstLine(err))
		return
	}
	seeds, err := sequelizejs.RecordDir(p.seeders, sequelizejs.RecordOptions{Dialect: p.dialect, Env: p.env, Schema: rep.Schema})
	if err != nil {
		t.Fatalf("RecordDir %s: %v", p.seeders, err)
	}
	checkAccounted(t, p.seeders, seeds)
	logSummary(t, p.name+" seeders", seeds)
	m, err := migrate.New(tg.DB, tg.Dialect, migrate.WithGo(registry(seeds, false)), migrate.WithTable("SequelizeData"), migrate.WithIgnoreChecksums())
	if err != nil {
		t.Logf("%s: the recorded seeders do not load: %v", p.name, err)
		return
	}
	res, err := m.Up(context.Background())
	if err != nil {
		t.Logf("%s: seeders stop after %d/%d: %s", p.name, len(res), len(seeds), firstLine(err))
		return
	}
	t.Logf("%s: seeders apply after the migrations: %d/%d", p.name, len(res), len(seeds))
}
