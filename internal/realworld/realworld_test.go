package realworld

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/schema"
)

// EnvDir names the directory with the vendors' scripts, laid out as their
// repositories lay them out: jOOQ/sakila's <dialect>-sakila-db/ and
// lerocha/chinook-database's ChinookDatabase/DataSources/.
const EnvDir = "STRATA_REALWORLD_DIR"

var scripts = map[string]map[string]string{
	"sakila": {
		"postgres": "postgres-sakila-db/postgres-sakila-schema.sql",
		"mysql":    "mysql-sakila-db/mysql-sakila-schema.sql",
		"sqlite":   "sqlite-sakila-db/sqlite-sakila-schema.sql",
	},
	"chinook": {
		"postgres": "ChinookDatabase/DataSources/Chinook_PostgreSql.sql",
		"mysql":    "ChinookDatabase/DataSources/Chinook_MySql.sql",
		"sqlite":   "ChinookDatabase/DataSources/Chinook_Sqlite.sql",
	},
}

// ownDatabase matches the lines of a script that make or pick a database
// of its own: the test loads it into the fresh one it made.
var ownDatabase = regexp.MustCompile(`(?im)^\s*(DROP\s+(SCHEMA|DATABASE)\b.*|CREATE\s+(SCHEMA|DATABASE)\b.*|USE\s+.*|\\c\s+.*)$`)

func TestRealWorld(t *testing.T) {
	eachScript(t, func(t *testing.T, s dbtest.Server, load func(*dialecttest.Target)) {
		measure(t, s, false, load)
	})
}

// eachScript runs f for Sakila and Chinook on each dialect, with the
// function that loads the vendor's script into a database; it skips
// without STRATA_REALWORLD_DIR.
func eachScript(t *testing.T, f func(t *testing.T, s dbtest.Server, load func(*dialecttest.Target))) {
	dir := os.Getenv(EnvDir)
	if dir == "" {
		t.Skipf("set %s to a directory with the Sakila and Chinook scripts to run it", EnvDir)
	}
	for _, name := range []string{"sakila", "chinook"} {
		t.Run(name, func(t *testing.T) {
			dbtest.EachServer(t, func(t *testing.T, s dbtest.Server) {
				script, err := os.ReadFile(filepath.Join(dir, scripts[name][s.Dialect.Name()]))
				if err != nil {
					t.Skip(err)
				}
				text := ownDatabase.ReplaceAllString(string(script), "")
				// Sakila's MySQL views name their tables as sakila.film.
				text = strings.ReplaceAll(text, "sakila.", "")
				f(t, s, func(tg *dialecttest.Target) { load(t, tg, text) })
			})
		})
	}
}

// measure makes a schema with load in a fresh database, inspects it,
// rebuilds what Inspect read in a second one, and compares the two
// catalogs. It logs what differs; strict, every difference fails the test.
func measure(t *testing.T, s dbtest.Server, strict bool, load func(*dialecttest.Target)) {
	ctx := context.Background()
	report := t.Logf
	if strict {
		report = t.Errorf
	}
	vendor := dialecttest.Fresh(t, s.Dialect, s.URL)
	load(vendor)
	db, err := s.Dialect.Inspect(ctx, vendor.DB)
	if err != nil {
		t.Fatalf("Inspect: %v", err)
	}
	want := catalog(t, vendor)
	if got := len(db.Tables); got != want.tables {
		t.Errorf("Inspect read %d tables, the catalog has %d", got, want.tables)
	}
	for _, w := range db.Warnings {
		t.Logf("warning: %s", w)
	}
	rebuilt := dialecttest.Fresh(t, s.Dialect, s.URL)
	before := &schema.Database{TableScopedIndexNames: db.TableScopedIndexNames}
	// An operation strata refuses or the database rejects is counted and
	// left out, so that the rest is still measured.
	ops, failed := ddl.CreateDatabaseFrom(db), 0
	for _, op := range ops {
		stmts, err := s.Dialect.Render(op, before)
		if err == nil {
			err = dialect.ExecAll(ctx, rebuilt.DB, s.Dialect, stmts)
		}
		if err == nil {
			err = ddl.Replay(before, op)
		}
		if err != nil {
			failed++
			report("not rebuilt: %s: %v", op, firstLine(err))
		}
	}
	t.Logf("%s: %d/%d operations rebuilt", s.Dialect.Name(), len(ops)-failed, len(ops))
	got := catalog(t, rebuilt)
	cols := 0
	for _, c := range db.Tables {
		cols += len(c.Columns)
	}
	t.Logf("%s: Inspect read %d/%d tables, %d columns, %d warnings", s.Dialect.Name(), len(db.Tables), want.tables, cols, len(db.Warnings))
	compareCatalogs(t, s.Dialect.Name(), want, got, strict)
	if len(db.Warnings) > 0 {
		report("%s: %d warnings", s.Dialect.Name(), len(db.Warnings))
	}
}

// compareCatalogs reports every line of the catalog want that got lacks
// or has otherwise; strict, as test failures.
func compareCatalogs(t *testing.T, name string, want, got cat, strict bool) {
	report := t.Logf
	if strict {
		report = t.Errorf
	}
	for _, part := range []string{"columns", "indexes", "foreign keys", "partitions"} {
		same, diff := compare(want.lines[part], got.lines[part])
		t.Logf("%s: %s identical %d/%d", name, part, same, len(want.lines[part]))
		for i, d := range diff {
			if i == 12 && !strict {
				t.Logf("  … and %d more", len(diff)-i)
				break
			}
			report("  %s", d)
		}
	}
	for _, n := range []struct {
		what      string
		got, want int
	}{{"views", got.views, want.views}, {"triggers", got.triggers, want.triggers}, {"functions", got.routines, want.routines}} {
		if n.got != n.want {
			report("%s: %s rebuilt %d, want %d", name, n.what, n.got, n.want)
		}
	}
	t.Logf("%s: views %d/%d, triggers %d/%d, functions/procedures %d/%d rebuilt",
		name, got.views, want.views, got.triggers, want.triggers, got.routines, want.routines)
}

// load runs script with the database's own client, as its vendor means
// it to be run.
func load(t *testing.T, tg *dialecttest.Target, script string) {
	var cmd *exec.Cmd
	switch tg.Dialect.Name() {
	case "postgres":
		cmd = exec.Command("psql", "-q", "-v", "ON_ERROR_STOP=1", tg.URL)
	case "mysql":
		u, err := url.Parse(tg.URL)
		if err != nil {
			t.Fatal(err)
		}
		host, port := u.Hostname(), u.Port()
		cmd = exec.Command("mysql", "-h", host, "-P", port, "-u", u.User.Username(), strings.TrimPrefix(u.Path, "/"))
	case "sqlite":
		cmd = exec.Command("sqlite3", tg.Name)
	}
	cmd.Stdin = strings.NewReader(script)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("loading the vendor script with %s: %v\n%s", cmd.Path, err, out)
	}
}

type cat struct {
	tables, views, triggers, routines int
	lines                             map[string][]string
}

// catalog reads the database's own description of its tables, one line
// per column, index and foreign key, from pg_catalog,
// information_schema or sqlite_schema: not from strata's Inspect.
func catalog(t *testing.T, tg *dialecttest.Target) cat {
	c := cat{lines: map[string][]string{}}
	queries := catalogQueries[tg.Dialect.Name()]
	for _, n := range []struct {
		q   string
		dst *int
	}{{queries["tables"], &c.tables}, {queries["views"], &c.views}, {queries["triggers"], &c.triggers}, {queries["routines"], &c.routines}} {
		if err := tg.DB.QueryRow(n.q).Scan(n.dst); err != nil {
			t.Fatalf("%s: %v", n.q, err)
		}
	}
	for _, part := range []string{"columns", "indexes", "foreign keys", "partitions"} {
		c.lines[part] = tg.Strings(t, queries[part])
	}
	return c
}

// compare counts the lines of want that got has too, and lists the rest
// side by side.
func compare(want, got []string) (int, []string) {
	have := map[string]int{}
	for _, g := range got {
		have[g]++
	}
	same := 0
	var diff []string
	for _, w := range want {
		if have[w] > 0 {
			have[w]--
			same++
			continue
		}
		diff = append(diff, "- "+w)
	}
	for g, n := range have {
		for range n {
			diff = append(diff, "+ "+g)
		}
	}
	// Each line next to its counterpart: the vendor's, then strata's.
	slices.SortStableFunc(diff, func(a, b string) int { return strings.Compare(a[2:], b[2:]) })
	return same, diff
}

var catalogQueries = map[string]map[string]string{
	"postgres": {
		"tables":   `SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind IN ('r','p') AND NOT c.relispartition`,
		"views":    `SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind IN ('v','m')`,
		"triggers": `SELECT count(*) FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND NOT g.tgisinternal`,
		"routines": `SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema()`,
		"columns": `SELECT format('%s.%s %s %s default=%s identity=%s generated=%s collation=%s', c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
  CASE WHEN a.attnotnull THEN 'NOT NULL' ELSE 'NULL' END, COALESCE(pg_get_expr(d.adbin, d.adrelid), ''), a.attidentity, a.attgenerated, COALESCE(co.collname, ''))
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> (SELECT oid FROM pg_collation WHERE collname = 'default')
WHERE n.nspname = current_schema() AND c.relkind IN ('r','p') AND a.attnum > 0 AND NOT a.attisdropped`,
		"indexes": `SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema()`,
		"partitions": `SELECT format('%s %s %s %s', c.relname, COALESCE(pg_get_partkeydef(c.oid), ''), COALESCE(pg_get_expr(c.relpartbound, c.oid), ''),
  (SELECT string_agg(p.relname, ',' ORDER BY i.inhseqno) FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent WHERE i.inhrelid = c.oid))
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind IN ('r','p')
  AND (c.relkind = 'p' OR c.relispartition OR EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid))`,
		"foreign keys": `SELECT format('%s %s %s', c.relname, con.conname, pg_get_constraintdef(con.oid)) FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND con.contype IN ('f','c','p','u')`,
	},
	"mysql": {
		"tables":   `SELECT count(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'`,
		"views":    `SELECT count(*) FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE()`,
		"triggers": `SELECT count(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()`,
		"routines": `SELECT count(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()`,
		"columns": `SELECT CONCAT_WS(' ', c.TABLE_NAME, c.COLUMN_NAME, c.COLUMN_TYPE, c.IS_NULLABLE, CONCAT('default=', COALESCE(c.COLUMN_DEFAULT, 'none')), c.EXTRA, c.CHARACTER_SET_NAME, c.COLLATION_NAME, CONCAT('comment=', c.COLUMN_COMMENT))
FROM information_schema.COLUMNS c JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
WHERE c.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE'`,
		"indexes": `SELECT CONCAT_WS(' ', TABLE_NAME, INDEX_NAME, IF(NON_UNIQUE = 0, 'UNIQUE', ''), INDEX_TYPE, GROUP_CONCAT(CONCAT(COLUMN_NAME, COALESCE(CONCAT('(', SUB_PART, ')'), ''), IF(COLLATION = 'D', ' DESC', '')) ORDER BY SEQ_IN_INDEX))
FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() GROUP BY TABLE_NAME, INDEX_NAME, NON_UNIQUE, INDEX_TYPE`,
		"foreign keys": `SELECT CONCAT_WS(' ', r.TABLE_NAME, r.CONSTRAINT_NAME, r.REFERENCED_TABLE_NAME, r.DELETE_RULE, r.UPDATE_RULE,
  (SELECT GROUP_CONCAT(CONCAT(k.COLUMN_NAME, '->', k.REFERENCED_COLUMN_NAME) ORDER BY k.ORDINAL_POSITION) FROM information_schema.KEY_COLUMN_USAGE k
   WHERE k.CONSTRAINT_SCHEMA = r.CONSTRAINT_SCHEMA AND k.CONSTRAINT_NAME = r.CONSTRAINT_NAME AND k.TABLE_NAME = r.TABLE_NAME))
FROM information_schema.REFERENTIAL_CONSTRAINTS r WHERE r.CONSTRAINT_SCHEMA = DATABASE()`,
		"partitions": `SELECT CONCAT_WS(' ', TABLE_NAME, PARTITION_NAME, PARTITION_METHOD, PARTITION_EXPRESSION, PARTITION_DESCRIPTION)
FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE() AND PARTITION_NAME IS NOT NULL`,
	},
	"sqlite": {
		"tables":   `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
		"views":    `SELECT count(*) FROM sqlite_schema WHERE type = 'view'`,
		"triggers": `SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'`,
		"routines": `SELECT 0`,
		"columns": `SELECT m.name || '.' || p.name || ' ' || p.type || ' notnull=' || p."notnull" || ' default=' || COALESCE(p.dflt_value, 'none') || ' pk=' || p.pk || ' hidden=' || p.hidden
FROM sqlite_schema m, pragma_table_xinfo(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`,
		"indexes": `SELECT m.name || ' ' || l.name || ' unique=' || l."unique" || ' origin=' || l.origin || ' partial=' || l.partial || ' ' ||
  (SELECT group_concat(COALESCE(i.name, 'expr') || ' ' || i.coll || CASE i."desc" WHEN 1 THEN ' DESC' ELSE '' END, ',') FROM pragma_index_xinfo(l.name) i WHERE i."key" = 1)
FROM sqlite_schema m, pragma_index_list(m.name) l WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`,
		"foreign keys": `SELECT m.name || ' ' || f."table" || ' ' || f."from" || '->' || COALESCE(f."to", '') || ' ' || f.on_update || ' ' || f.on_delete
FROM sqlite_schema m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`,
		"partitions": `SELECT '' WHERE 0`, // SQLite has none
	},
}

// firstLine is the first line of err's text.
func firstLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}
