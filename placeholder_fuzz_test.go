package strata_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/internal/query"
)

// FuzzPlaceholdersServer is the differential fuzz of issue 13's defect
// 3: strata's rewrite of the input, when it accepts it, is text whose
// parameters the server counts as strata does, whenever the server
// accepts the text at all. SQLite (embedded) always runs; PostgreSQL and
// MariaDB run when STRATA_TEST_POSTGRES / STRATA_TEST_MYSQL are set
// (they only prepare the text, never run it).
func FuzzPlaceholdersServer(f *testing.F) {
	for _, s := range []string{
		"SELECT ?/*!50000 , ? */", "SELECT ?/*M! , ? */", "SELECT ? --\x7f?\n, ?", "SELECT 1 WHERE 2=?AND ?=2",
		"SELECT a?", "SELECT $a$ ? $a$, ?", "SELECT E'\\'?', ?", "SELECT '\\'?', ?", "SELECT [?], ?", "SELECT ? /* ?",
		"SELECT '{}'::jsonb ??| array[?]", "SELECT CASE WHEN?THEN?ELSE?END", "SELECT ?/*!999999 ? /* ? */ ? */",
	} {
		f.Add(s)
	}
	type target struct {
		d    dialect.Dialect
		tg   *dialecttest.Target
		feat dialect.QueryFeatures
		conn *sql.Conn
	}
	var targets []target
	ctx := context.Background()
	for _, s := range dbtest.Servers() {
		if s.Dialect.Name() != "sqlite" && s.URL == "" {
			continue
		}
		tg := dialecttest.Fresh(f, s.Dialect, s.URL)
		feat, err := s.Dialect.(dialect.QueryDialect).QueryFeatures(ctx, tg.DB)
		if err != nil {
			f.Fatal(err)
		}
		conn, err := tg.DB.Conn(ctx)
		if err != nil {
			f.Fatal(err)
		}
		f.Cleanup(func() { conn.Close() })
		targets = append(targets, target{s.Dialect, tg, feat, conn})
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, tg := range targets {
			out, n, err := query.Rebind(tg.d, &tg.feat, text, 0)
			if err != nil {
				continue // refused before any SQL
			}
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			got, err := serverCount(ctx, t, tg.tg, tg.conn, out, n)
			cancel()
			if err != nil {
				continue // the server does not parse it either
			}
			if got != n {
				t.Fatalf("%s: %q rewritten as %q: strata binds %d, the server reads %d", tg.d.Name(), text, out, n, got)
			}
		}
	})
}
