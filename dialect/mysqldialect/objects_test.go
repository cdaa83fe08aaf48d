package mysqldialect_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect/mysqldialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/schema"
)

// objectsDDL makes, in database db, two tables, a function, a procedure,
// a view calling the function, a view on that view (named so that it
// sorts first), and triggers with BEGIN … END bodies holding semicolons,
// one writing to a table qualified with db's name.
func objectsDDL(db string) []string {
	q := "`" + db + "`."
	return []string{
		"CREATE TABLE film (id INT PRIMARY KEY, n INT, note VARCHAR(50))",
		"CREATE TABLE film_log (id INT AUTO_INCREMENT PRIMARY KEY, film_id INT, n INT)",
		"CREATE FUNCTION twice(x INT) RETURNS INT DETERMINISTIC BEGIN DECLARE y INT; SET y = x * 2; RETURN y; END",
		"CREATE PROCEDURE bump(IN k INT) BEGIN UPDATE film SET n = n + 1 WHERE id = k; SELECT 'a;b' AS s; END",
		"CREATE VIEW film_value AS SELECT " + q + "`film`.id, twice(n) AS d, 'x " + q + "y' AS s FROM " + q + "`film`",
		"CREATE VIEW film_top AS SELECT id, d FROM film_value WHERE d > 10",
		"CREATE TRIGGER film_bi BEFORE INSERT ON film FOR EACH ROW BEGIN SET NEW.n = twice(NEW.n); SET NEW.note = 'a;b'; END",
		"CREATE TRIGGER film_au AFTER UPDATE ON film FOR EACH ROW BEGIN INSERT INTO " + q + "`film_log` (film_id, n) VALUES (NEW.id, NEW.n); END",
		"CREATE TRIGGER film_log_bi BEFORE INSERT ON film_log FOR EACH ROW SET NEW.n = COALESCE(NEW.n, 0)",
	}
}

// objectCatalog describes the views, triggers and routines of tg's
// database from information_schema, with the qualifier `name`.` of its
// own name left out.
func objectCatalog(t *testing.T, tg *dialecttest.Target) []string {
	t.Helper()
	lines := tg.Strings(t, `SELECT CONCAT_WS(' | ', 'view', TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION, SECURITY_TYPE, ALGORITHM) FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE()
UNION ALL SELECT CONCAT_WS(' | ', 'trigger', TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER, ACTION_STATEMENT) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()
UNION ALL SELECT CONCAT_WS(' | ', 'routine', ROUTINE_NAME, ROUTINE_TYPE, DTD_IDENTIFIER, IS_DETERMINISTIC, SQL_DATA_ACCESS, ROUTINE_DEFINITION) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()
UNION ALL SELECT CONCAT_WS(' | ', 'parameter', SPECIFIC_NAME, ORDINAL_POSITION, PARAMETER_MODE, PARAMETER_NAME, DTD_IDENTIFIER) FROM information_schema.PARAMETERS WHERE SPECIFIC_SCHEMA = DATABASE()
ORDER BY 1`)
	for i, l := range lines {
		lines[i] = strings.ReplaceAll(l, "`"+tg.Name+"`.`", "`")
	}
	return lines
}

// TestObjects makes routines, views and triggers by raw SQL, inspects
// them, builds the inspected database in a second fresh database, and
// compares what information_schema says of both; then drops each object
// and makes it again by the drop's Reverse.
func TestObjects(t *testing.T) {
	d := mysqldialect.New()
	url := os.Getenv(dialecttest.EnvMySQL)
	src := dialecttest.Fresh(t, d, url)
	for _, s := range objectsDDL(src.Name) {
		src.Exec(t, s)
	}
	live, err := d.Inspect(t.Context(), src.DB)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range live.Objects {
		got = append(got, string(b.Kind)+" "+b.Name+" "+b.Table)
		if b.Dialect != "mysql" {
			t.Errorf("%s %s: dialect %q", b.Kind, b.Name, b.Dialect)
		}
		if strings.Contains(strings.ToUpper(b.Definition), "DEFINER=") {
			t.Errorf("%s %s keeps its definer: %s", b.Kind, b.Name, b.Definition)
		}
		if strings.Contains(b.Definition, "`"+src.Name+"`.`") {
			t.Errorf("%s %s keeps the qualifier %s: %s", b.Kind, b.Name, src.Name, b.Definition)
		}
	}
	want := []string{"function bump ", "function twice ", "view film_value ", "view film_top ",
		"trigger film_au film", "trigger film_bi film", "trigger film_log_bi film_log"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("objects (-want +got):\n%s", diff)
	}
	if v := live.Object(schema.ObjectView, "", "film_value"); v == nil || !strings.Contains(v.Definition, "'x `"+src.Name+"`.y'") {
		t.Errorf("film_value lost the qualifier inside its string literal: %+v", v)
	}
	if p := live.Object(schema.ObjectFunction, "", "bump"); p == nil || !strings.HasPrefix(p.Definition, "CREATE PROCEDURE `bump`") {
		t.Errorf("bump reads as %+v, want CREATE PROCEDURE `bump`…", p)
	}

	dst := dialecttest.Fresh(t, d, url)
	cur := &schema.Database{TableScopedIndexNames: true}
	dst.Apply(t, cur, ddl.CreateDatabaseFrom(live)...)
	srcCat := objectCatalog(t, src)
	if diff := cmp.Diff(srcCat, objectCatalog(t, dst)); diff != "" {
		t.Errorf("objects after rebuilding (-original +rebuilt):\n%s", diff)
	}
	if len(srcCat) < 7 {
		t.Errorf("catalog has %d lines, want one per object and parameter: %v", len(srcCat), srcCat)
	}

	// The rebuilt triggers and procedure work on the rebuilt tables.
	dst.Exec(t, "INSERT INTO film (id, n) VALUES (1, 3)")
	dst.Exec(t, "CALL bump(1)")
	var n, logged, srcLogged int
	if err := dst.DB.QueryRowContext(t.Context(), "SELECT (SELECT n FROM film WHERE id = 1), (SELECT COUNT(*) FROM film_log WHERE film_id = 1 AND n = 7)").Scan(&n, &logged); err != nil {
		t.Fatal(err)
	}
	if err := src.DB.QueryRowContext(t.Context(), "SELECT COUNT(*) FROM film_log").Scan(&srcLogged); err != nil {
		t.Fatal(err)
	}
	if n != 7 || logged != 1 || srcLogged != 0 {
		t.Errorf("after INSERT and CALL bump: n = %d, rebuilt log rows %d, original log rows %d; want 7, 1, 0", n, logged, srcLogged)
	}

	// Each object drops, and its drop's Reverse makes it again.
	for _, b := range slices.Backward(slices.Clone(cur.Objects)) {
		drop := &ddl.DropObjectOp{Kind: b.Kind, Name: b.Name, Table: b.Table}
		back, err := drop.Reverse(cur)
		if err != nil {
			t.Fatalf("%s: reverse: %v", drop, err)
		}
		if err := dst.TryApply(t, cur, drop); err != nil {
			t.Fatalf("%s: %v", drop, err)
		}
		dst.Apply(t, cur, back...)
	}
	if diff := cmp.Diff(srcCat, objectCatalog(t, dst)); diff != "" {
		t.Errorf("objects after dropping and making each again (-original +rebuilt):\n%s", diff)
	}
}

// TestObjectsSkipped leaves out the objects of a skipped table: its
// triggers, and a view reading it.
func TestObjectsSkipped(t *testing.T) {
	d := mysqldialect.New()
	src := dialecttest.Fresh(t, d, os.Getenv(dialecttest.EnvMySQL))
	for _, s := range objectsDDL(src.Name) {
		src.Exec(t, s)
	}
	src.Exec(t, "CREATE VIEW log_view AS SELECT film_id FROM film_log")
	live, err := d.Inspect(t.Context(), src.DB, "film_log", "film_top")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range live.Objects {
		got = append(got, string(b.Kind)+" "+b.Name)
	}
	want := []string{"function bump", "function twice", "view film_value", "trigger film_au", "trigger film_bi"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("objects with film_log and film_top skipped (-want +got):\n%s", diff)
	}
}
