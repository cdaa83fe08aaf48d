package migrate_test

import (
	"testing"

	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
)

// TestSQLExecutableComments: a .sql migration that starts as a mysqldump
// file does runs its /*! … */ statements on MySQL and MariaDB (the row
// inserted by one is there) and drops them as comments elsewhere.
func TestSQLExecutableComments(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		text := "-- strata:up\n/*!40101 SET NAMES utf8mb4 */;\n/*!50503 SET NAMES utf8mb4 */;\n" +
			"CREATE TABLE dumped (a INTEGER);\n/*!40101 INSERT INTO dumped VALUES (7) */;\n" +
			"-- strata:down\nDROP TABLE dumped;\n"
		m := newMigrator(t, tg, migrate.WithFS(sqlFS(map[string]string{"20260101000000-dump": text}), "migrations"))
		if _, err := m.Up(ctx); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := tg.DB.QueryRowContext(ctx, "SELECT COUNT(*) FROM dumped").Scan(&n); err != nil {
			t.Fatal(err)
		}
		want := 0
		if tg.Dialect.Name() == "mysql" {
			want = 1
		}
		if n != want {
			t.Errorf("%d rows, want %d", n, want)
		}
	})
}
