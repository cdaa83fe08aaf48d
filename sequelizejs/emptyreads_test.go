package sequelizejs

import (
	"strings"
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/internal/golden"
	"github.com/strata-orm/strata/schema"
)

// TestRecordEmptyReads records testdata/emptyreads on each dialect: a
// backfill over tables the history made and left empty is recorded, its
// up starting with ddl.RequireEmpty of them (under their names when the
// migration starts; none for a table it makes itself) and a Warning for
// each read; a read of a table the history seeded (bulkInsert, raw
// INSERT) or one strata cannot attribute stays a Problem.
func TestRecordEmptyReads(t *testing.T) {
	for _, d := range []string{"postgres", "mysql", "sqlite"} {
		t.Run(d, func(t *testing.T) {
			recs, err := RecordDir("testdata/emptyreads", RecordOptions{Dialect: d, Env: map[string]string{}, Now: fixedNow})
			if err != nil {
				t.Fatal(err)
			}
			by := map[string]*Recorded{}
			for _, r := range recs {
				by[r.Name[len("20200101000000-"):]] = r
			}
			requires := func(r *Recorded) *ddl.RequireEmptyOp {
				if len(r.Up) == 0 {
					return nil
				}
				op, _ := r.Up[0].(*ddl.RequireEmptyOp)
				return op
			}
			set := by["set-admins"]
			if !set.Complete() {
				t.Fatalf("set-admins: %v", set.Problems[0])
			}
			if op := requires(set); op == nil || strings.Join(op.Tables, ",") != "teams" || op.File != "20200102000000-set-admins.js" || op.Line != 7 {
				t.Errorf("set-admins up = %v, want requireEmpty teams at line 7 first", set.Up)
			}
			if len(set.Up) != 2 || len(set.Warnings) != 1 || !strings.Contains(set.Warnings[0].Message, `reads "teams", which the history so far leaves empty`) {
				t.Errorf("set-admins: up %v, warnings %v", set.Up, set.Warnings)
			}
			ren := by["rename-and-read"]
			if !ren.Complete() {
				t.Fatalf("rename-and-read: %v", ren.Problems[0])
			}
			if op := requires(ren); op == nil || strings.Join(op.Tables, ",") != "users,teams" {
				t.Errorf("rename-and-read up = %#v, want requireEmpty users, teams first (notes is the migration's own)", ren.Up)
			}
			for name, want := range map[string][]string{
				"read-seeded": {`the history put rows into "roles" before it`},
				"raw-insert":  {`the history put rows into "teams" before it`},
				"unattributable": {
					"it calls COUNT(…)", `it reads "ghosts", which is not a table of the replayed schema`,
					"it reads information_schema.…",
					"it uses UNION", "its SELECT has no FROM", "a FROM or JOIN does not name a table there",
				},
			} {
				r := by[name]
				if len(r.Problems) != len(want) {
					t.Errorf("%s: %d problems, want %d: %v", name, len(r.Problems), len(want), r.Problems)
					continue
				}
				for i, w := range want {
					if !strings.Contains(r.Problems[i].Reason, w) || !strings.Contains(r.Problems[i].Reason, "port it by hand") {
						t.Errorf("%s: problem %d = %q, want it to say %q", name, i, r.Problems[i].Reason, w)
					}
				}
				if requires(r) != nil {
					t.Errorf("%s: up starts with %v, though nothing was answered empty", name, r.Up[0])
				}
			}
			golden.Check(t, "testdata/emptyreads."+d+".golden", []byte(dump(recs)))
		})
	}
}

// TestReadTables: which SELECTs strata reads as reading only named
// tables, and the tables.
func TestReadTables(t *testing.T) {
	tests := []struct {
		d    Dialect
		sql  string
		want string // tables, or "!" and part of the refusal
	}{
		{Postgres, `SELECT * FROM teams`, "teams"},
		{Postgres, `select id from "Teams" where x = 'FROM y' -- FROM z`, "Teams*"},
		{Postgres, `SELECT a.id FROM "a" AS a JOIN b ON b.id = a.bid, c cc WHERE a.id IN (SELECT id FROM d) ORDER BY 1;`, "a*,b,c,d"},
		{Postgres, `SELECT id FROM t WHERE x = $1 AND y = ANY($2)`, "t"},
		{Postgres, `SELECT id FROM t WHERE body = $$ FROM u $$`, "t"},
		{MySQL, "SELECT `id` FROM `users` WHERE name = \"FROM x\" # FROM y", "users*"},
		{MySQL, "SELECT id FROM users /*! FROM x */", "!executable comment"},
		{SQLite, `SELECT id FROM [users] LEFT OUTER JOIN teams ON 1 = 1`, "users*,teams"},
		{Postgres, `SELECT id FROM t; SELECT 1`, "!more than one statement"},
		{Postgres, `SELECT max(id) FROM t`, "!calls max"},
		{Postgres, `SELECT id FROM public.t`, "!qualified"},
		{Postgres, `SELECT id FROM generate_series(1, 3) id`, "!qualified name or a function"},
		{Postgres, `SELECT id INTO t2 FROM t`, "!INTO"},
		{Postgres, `SELECT id FROM t GROUP BY id HAVING true`, "!HAVING"},
		{Postgres, `SELECT (SELECT id FROM t)`, "!no FROM"},
		{Postgres, `WITH x AS (SELECT 1) SELECT * FROM x`, "!not a plain SELECT"},
		{Postgres, `SELECT id FROM (t)`, "!does not name a table"},
		{Postgres, `SELECT id FROM 'oops`, "!"},
	}
	for _, tt := range tests {
		refs, err := readTables(tt.d, tt.sql)
		var got string
		if err != nil {
			got = "!" + err.Error()
		} else {
			var names []string
			for _, r := range refs {
				n := r.name
				if r.quoted {
					n += "*"
				}
				names = append(names, n)
			}
			got = strings.Join(names, ",")
		}
		if strings.HasPrefix(tt.want, "!") {
			if !strings.HasPrefix(got, "!") || !strings.Contains(got, tt.want[1:]) {
				t.Errorf("%s: %s %q, want a refusal saying %q", tt.d, tt.sql, got, tt.want[1:])
			}
		} else if got != tt.want {
			t.Errorf("%s: %s reads %q, want %q", tt.d, tt.sql, got, tt.want)
		}
	}
}

// TestRecordFileHistory: recording file by file, the same History
// carries the rows the files before put in, so the read of a seeded
// table stays a Problem; without it, RecordFile knows of no rows and the
// read is answered under a check.
func TestRecordFileHistory(t *testing.T) {
	files := []string{"testdata/emptyreads/20200101000000-create.js", "testdata/emptyreads/20200104000000-read-seeded.js"}
	for _, shared := range []bool{true, false} {
		opts := RecordOptions{Dialect: "sqlite", Env: map[string]string{}, Now: fixedNow}
		if shared {
			opts.History = &History{}
		}
		var before *schema.Database
		var last *Recorded
		for _, f := range files {
			rec, after, err := RecordFile(f, before, opts)
			if err != nil {
				t.Fatal(err)
			}
			before, last = after, rec
		}
		if shared && (len(last.Problems) != 1 || !strings.Contains(last.Problems[0].Reason, `the history put rows into "roles"`)) {
			t.Errorf("with a History: problems %v, want the read of roles", last.Problems)
		}
		if !shared {
			if op, ok := last.Up[0].(*ddl.RequireEmptyOp); !ok || !last.Complete() || op.Tables[0] != "roles" {
				t.Errorf("without a History: up %v, problems %v; want it recorded under a check of roles", last.Up, last.Problems)
			}
		}
	}
}
