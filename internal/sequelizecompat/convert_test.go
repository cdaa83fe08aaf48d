package sequelizecompat_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/internal/sequelizecompat"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/sequelizejs"
)

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// record records a fixture history's migrations for dialect d as strata
// does, with the environment sequelize-cli ran them in.
func record(t *testing.T, history, d string) []*sequelizejs.Recorded {
	t.Helper()
	recs, err := sequelizejs.RecordDir(filepath.Join("testdata", history, "migrations"), sequelizejs.RecordOptions{Dialect: d, Env: env})
	if err != nil {
		t.Fatalf("record %s for %s: %v", history, d, err)
	}
	return recs
}

// errSkeleton is what a skeleton migration fails with until it is ported.
var errSkeleton = errors.New("not ported")

// registry is the converted history: each recorded file a Migration with
// its operations, imported; a file that could not be recorded becomes a
// skeleton that fails, naming the file, line and reason, as
// migration:import writes it.
func registry(recs []*sequelizejs.Recorded) (migrate.Registry, []*sequelizejs.Recorded) {
	var reg migrate.Registry
	var skeletons []*sequelizejs.Recorded
	for _, r := range recs {
		m := migrate.Migration{Name: r.Name, Up: r.Up, Down: r.Down, NoTx: r.NoTx, Imported: true, Source: r.File}
		if !r.Complete() {
			skeletons = append(skeletons, r)
			p := r.Problems[0]
			fail := func(context.Context, migrate.Executor) error {
				return fmt.Errorf("%s:%d: %s: %s: %w", p.File, p.Line, p.Construct, p.Reason, errSkeleton)
			}
			m = migrate.Migration{Name: r.Name, UpFunc: fail, DownFunc: fail, Version: "skeleton", Imported: true, Source: r.File}
		}
		reg = append(reg, m)
	}
	return reg, skeletons
}

// strip drops the extension sequelize-cli keeps in SequelizeMeta (.js,
// .cjs, .ts, .cts): strata records the converted migrations without it. A
// name with dots keeps them (20191101120000-documents.template-flag).
func strip(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = cliExt.ReplaceAllString(n, "")
	}
	return out
}

var cliExt = regexp.MustCompile(`\.(cjs|js|cts|ts)$`)

// TestConvertedHistories records each fixture history on each of its
// dialects, applies it with strata's migrate engine from an empty
// database and compares the database with the one sequelize-cli 6.6.5
// made (testdata/<history>/recorded/<dialect>/migrate.json): catalog
// identical, the same migrations applied. Where the originals undo to
// empty, the converted history must too.
func TestConvertedHistories(t *testing.T) {
	for history, dialects := range histories {
		if history == "skeleton" {
			continue // TestSkeletons
		}
		t.Run(history, func(t *testing.T) {
			eachDialect(t, dialects, func(t *testing.T, s dbtest.Server) {
				ctx := testCtx(t)
				name := s.Dialect.Name()
				reg, skeletons := registry(record(t, history, name))
				key := "convert/" + history + "/" + name
				var lines []string
				for _, sk := range skeletons {
					lines = append(lines, fmt.Sprintf("%s is a skeleton: %s:%d: %s", sk.Name, sk.File, sk.Problems[0].Line, sk.Problems[0].Reason))
				}
				tg := dialecttest.Fresh(t, s.Dialect, s.URL)
				m, err := migrate.New(tg.DB, tg.Dialect, migrate.WithGo(reg))
				if err != nil {
					t.Fatal(err)
				}
				if _, err := m.Up(ctx); err != nil {
					lines = append(lines, "the converted history does not apply from an empty database: "+err.Error())
					if !errors.Is(err, errSkeleton) {
						gaps(t, key, lines, true)
						return
					}
					// Stopped at a skeleton: what the files before it made
					// is compared all the same.
				}
				want := load(t, history, name, "migrate")
				got, err := sequelizecompat.Dump(ctx, tg.DB, tg.Dialect)
				if err != nil {
					t.Fatal(err)
				}
				lines = append(lines, catalogDiff(want.Catalog, got.Catalog)...)
				if g, w := strip(got.SequelizeMeta), strip(want.SequelizeMeta); !slices.Equal(g, w) {
					lines = append(lines, fmt.Sprintf("strata applied %d migrations, sequelize-cli %d: %v\nsequelize-cli applied %v", len(g), len(w), g, w))
				}
				gaps(t, key, lines, true)
				if _, stops := undoFails[history][name]; stops {
					t.Logf("sequelize-cli's undo:all fails on %s; not compared", name)
					return
				}
				if _, err := m.UndoAll(ctx); err != nil {
					t.Fatalf("undo all: %v", err)
				}
				got, err = sequelizecompat.Dump(ctx, tg.DB, tg.Dialect)
				if err != nil {
					t.Fatal(err)
				}
				for _, d := range catalogDiff(load(t, history, name, "undo").Catalog, got.Catalog) {
					t.Errorf("after undo all: %s", d)
				}
			})
		})
	}
}

// TestSkeletons: the skeleton history's files that query data and loop
// over the rows, or require the app's models, are not recorded but become
// skeletons, each with its reason and line; applying the converted history
// stops at the first of them, naming it, and leaves it pending.
func TestSkeletons(t *testing.T) {
	want := map[string]string{
		"20220102000000-backfill-page-slugs": "SELECT",
		"20220103000000-create-admin-user":   "models",
	}
	eachDialect(t, histories["skeleton"], func(t *testing.T, s dbtest.Server) {
		ctx := testCtx(t)
		reg, skeletons := registry(record(t, "skeleton", s.Dialect.Name()))
		var names []string
		for _, sk := range skeletons {
			names = append(names, sk.Name)
			p := sk.Problems[0]
			t.Logf("skeleton %s: %s:%d: %s: %s", sk.Name, p.File, p.Line, p.Construct, p.Reason)
			if p.Line <= 0 || p.Reason == "" {
				t.Errorf("%s: the skeleton's problem has no line or reason: %+v", sk.Name, p)
			}
			// The models file is named by the file the problem is in
			// (models/index.js) or by the construct.
			if w, ok := want[sk.Name]; ok && !strings.Contains(p.File+" "+p.Construct+" "+p.Reason, w) {
				t.Errorf("%s: the problem %s / %q / %q does not mention %q", sk.Name, p.File, p.Construct, p.Reason, w)
			}
		}
		if len(names) != len(want) || want[names[0]] == "" || want[names[len(names)-1]] == "" {
			t.Fatalf("skeletons %v, want the files %v", names, want)
		}
		tg := dialecttest.Fresh(t, s.Dialect, s.URL)
		m, err := migrate.New(tg.DB, tg.Dialect, migrate.WithGo(reg))
		if err != nil {
			t.Fatal(err)
		}
		_, err = m.Up(ctx)
		if !errors.Is(err, errSkeleton) || !strings.Contains(err.Error(), "20220102000000-backfill-page-slugs") {
			t.Fatalf("Up = %v; want the first skeleton's failure, naming it", err)
		}
		st, err := m.Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if p := st.Pending(); len(p) != 3 || p[0] != "20220102000000-backfill-page-slugs" {
			t.Errorf("pending after the skeleton failed: %v", p)
		}
	})
}
