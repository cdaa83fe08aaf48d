package mysqldialect_test

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect/mysqldialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/schema"
)

// nativeDDL holds the types issue 15 found Inspect failing on or reading
// lossily, with the spelling each column type should read back as (""
// for the server's own, which the test takes from COLUMN_TYPE).
const nativeDDL = "CREATE TABLE film (" +
	"id SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY," +
	"a INT UNSIGNED, b INT(10) UNSIGNED, c TINYINT(3) UNSIGNED, d SMALLINT UNSIGNED, e MEDIUMINT," +
	"f YEAR, g YEAR(4), h SET('a','B'), i BIT(1), j BINARY(16), k VARBINARY(10)," +
	"l TIMESTAMP NULL, m DATETIME, n DATETIME(3), o TIME(3), p MEDIUMBLOB, q LONGBLOB," +
	"r TINYTEXT, s MEDIUMTEXT, t LONGTEXT, u DECIMAL, v DOUBLE(8,2), w FLOAT UNSIGNED," +
	"x GEOMETRY, y POINT, z POLYGON," +
	"rating ENUM('G','PG-13','NC-17'), features SET('Trailers','Deleted Scenes')," +
	"odd ENUM('it''s','a\\\\b','Up')," +
	"title VARCHAR(50) CHARACTER SET latin1 COLLATE latin1_bin," +
	"name VARCHAR(40), qty INT, big BIGINT, at DATETIME(6), day DATE, flag TINYINT(1), u36 CHAR(36), body TEXT, price DECIMAL(8,2)," +
	"seen TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, late DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)," +
	"legacy VARCHAR(20) CHARACTER SET utf8mb3," +
	"FULLTEXT KEY ft_body (body, r)" +
	")"

// catalogLines describes table as information_schema does, one line per
// column (type, collation, default, EXTRA) and per index (its type).
func catalogLines(t *testing.T, tg *dialecttest.Target, table string) []string {
	t.Helper()
	return tg.Strings(t, `SELECT CONCAT_WS(' ', COLUMN_NAME, COLUMN_TYPE, COALESCE(COLLATION_NAME, '-'), COALESCE(COLUMN_DEFAULT, '-'), EXTRA)
FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?
UNION ALL SELECT DISTINCT CONCAT_WS(' ', INDEX_NAME, INDEX_TYPE, NON_UNIQUE) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?
ORDER BY 1`, table, table)
}

func columnTypes(t *testing.T, tg *dialecttest.Target, table string) map[string]string {
	t.Helper()
	rows, err := tg.DB.QueryContext(t.Context(), `SELECT COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?`, table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var n, ct string
		if err := rows.Scan(&n, &ct); err != nil {
			t.Fatal(err)
		}
		out[n] = ct
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestNativeTypes creates a table with raw DDL holding the types no
// portable kind spells as MySQL does, inspects it (each is
// schema.Native("mysql", COLUMN_TYPE), enum and set values keep their
// case), renders the inspected table into a second fresh database and
// checks that COLUMN_TYPE is the same text for every column in both.
func TestNativeTypes(t *testing.T) {
	d := mysqldialect.New()
	url := os.Getenv(dialecttest.EnvMySQL)
	src := dialecttest.Fresh(t, d, url)
	src.Exec(t, nativeDDL)
	live, err := d.Inspect(t.Context(), src.DB)
	if err != nil {
		t.Fatal(err)
	}
	if !live.TableScopedIndexNames {
		t.Error("Inspect did not set TableScopedIndexNames")
	}
	if len(live.Warnings) != 0 {
		t.Errorf("warnings: %v", live.Warnings)
	}
	film := live.Table("film")
	if film == nil {
		t.Fatalf("film is missing: %v", live.TableNames())
	}
	types := columnTypes(t, src, "film")
	portable := map[string]schema.Type{
		"rating": schema.Enum("G", "PG-13", "NC-17"),
		"odd":    schema.Enum("it's", `a\b`, "Up"),
		"title":  schema.String(50),
		"legacy": schema.String(20), // its character set is its Collation
		"name":   schema.String(40),
		"qty":    schema.Integer(),
		"big":    schema.BigInt(),
		"at":     schema.Date(),
		"day":    schema.DateOnly(),
		"flag":   schema.Boolean(),
		"u36":    schema.Char(36),
		"body":   schema.Text(),
		"price":  schema.Decimal(8, 2),
		"u":      schema.Decimal(10, 0), // bare DECIMAL is decimal(10,0), which strata renders the same
	}
	for _, c := range film.Columns {
		want, ok := portable[c.Name]
		if !ok {
			want = schema.Native("mysql", types[c.Name])
		}
		if !c.Type.Equal(want) {
			t.Errorf("column %s (%s) reads as %s, want %s", c.Name, types[c.Name], c.Type, want)
		}
	}
	if c := film.Column("features"); c == nil || c.Type.Native != "set('Trailers','Deleted Scenes')" {
		t.Errorf("features reads as %+v, want set('Trailers','Deleted Scenes')", c)
	}
	if c := film.Column("id"); c == nil || !c.AutoIncrement {
		t.Errorf("id reads as %+v, want AUTO_INCREMENT", c)
	}

	dst := dialecttest.Fresh(t, d, url)
	dst.Apply(t, &schema.Database{TableScopedIndexNames: true}, ddl.CreateTableFrom(*film)...)
	again := columnTypes(t, dst, "film")
	if len(again) != len(types) {
		t.Errorf("rendered table has %d columns, want %d", len(again), len(types))
	}
	for n, ct := range types {
		if again[n] != ct {
			t.Errorf("column %s: COLUMN_TYPE %q after rendering, %q before", n, again[n], ct)
		}
	}
	// Collations, ON UPDATE and the FULLTEXT index come back too.
	if diff := cmp.Diff(catalogLines(t, dst, "film"), catalogLines(t, src, "film")); diff != "" {
		t.Errorf("catalog after rendering (-rendered +original):\n%s", diff)
	}
	if c := film.Column("seen"); c == nil || c.OnUpdate == nil || c.OnUpdate.Kind != schema.DefaultNow {
		t.Errorf("seen reads as %+v, want ON UPDATE now", c)
	}
	if c := film.Column("legacy"); c == nil || !strings.HasPrefix(c.Collation, "utf8mb3_") {
		t.Errorf("legacy reads as %+v, want a utf8mb3 collation", c)
	}
	if x := film.Index("ft_body"); x == nil || x.Method != "FULLTEXT" {
		t.Errorf("ft_body reads as %+v, want a FULLTEXT index", x)
	}
}

// TestTableScopedIndexNames inspects two tables each with an index named
// idx_fk_film_id and renders them into a fresh database.
func TestTableScopedIndexNames(t *testing.T) {
	d := mysqldialect.New()
	url := os.Getenv(dialecttest.EnvMySQL)
	src := dialecttest.Fresh(t, d, url)
	src.Exec(t, "CREATE TABLE inventory (id INT PRIMARY KEY, film_id SMALLINT UNSIGNED, KEY idx_fk_film_id (film_id))")
	src.Exec(t, "CREATE TABLE film_actor (id INT PRIMARY KEY, film_id SMALLINT UNSIGNED, KEY idx_fk_film_id (film_id))")
	live, err := d.Inspect(t.Context(), src.DB)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"inventory", "film_actor"} {
		if tb := live.Table(name); tb == nil || tb.Index("idx_fk_film_id") == nil {
			t.Errorf("%s has no idx_fk_film_id: %+v", name, tb)
		}
	}
	dst := dialecttest.Fresh(t, d, url)
	dst.Apply(t, &schema.Database{TableScopedIndexNames: true}, ddl.CreateDatabaseFrom(live)...)
	dst.Compare(t, live, "after rendering the inspected tables")
}

// TestNativeOtherDialect refuses a type native to another database.
func TestNativeOtherDialect(t *testing.T) {
	d := mysqldialect.New()
	_, err := d.ColumnType(schema.Native("postgres", "tsvector"))
	if err == nil || !strings.Contains(err.Error(), "tsvector") || !strings.Contains(err.Error(), "postgres") || !strings.Contains(err.Error(), `schema.Native("mysql"`) {
		t.Errorf("ColumnType(postgres tsvector) = %v, want an error naming the type, its dialect and the fix", err)
	}
	_, err = d.Render(ddl.CreateTable("t", ddl.Column("v", schema.Native("postgres", "tsvector"))), &schema.Database{})
	if err == nil || !strings.Contains(err.Error(), "tsvector") {
		t.Errorf("Render(postgres tsvector) = %v, want an error", err)
	}
}
