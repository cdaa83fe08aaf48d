package dialect_test

import (
	"errors"
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/schema"
)

// TestRequireEmptyLive: the guards of ddl.RequireEmpty pass on empty
// tables and, once a table holds rows, stop the statements after them
// with a *dialect.NotEmptyError whose message is the same on every
// database, the statements after the guard not run.
func TestRequireEmptyLive(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		cur := &schema.Database{}
		tg.Apply(t, cur,
			ddl.CreateTable("teams", ddl.Column("id", schema.Integer()).PrimaryKey(), ddl.Column("name", schema.String(20))),
			ddl.CreateTable("users", ddl.Column("id", schema.Integer()).PrimaryKey()),
		)
		check := ddl.RequireEmpty("users", "teams").At("20200101000000-backfill.js", 6)
		tg.Apply(t, cur, check)
		tg.Apply(t, cur, ddl.BulkInsert("teams", ddl.Row{"id": 1, "name": "a"}, ddl.Row{"id": 2, "name": "b"}))
		stmts, err := tg.Dialect.Render(check, cur)
		if err != nil {
			t.Fatal(err)
		}
		after, err := tg.Dialect.Render(ddl.BulkDelete("teams", nil), cur)
		if err != nil {
			t.Fatal(err)
		}
		err = dialect.ExecAll(t.Context(), tg.DB, tg.Dialect, append(stmts, after...))
		var ne *dialect.NotEmptyError
		if !errors.As(err, &ne) {
			t.Fatalf("error = %v, want a *dialect.NotEmptyError", err)
		}
		const want = `migration 20200101000000-backfill.js was recorded assuming table "teams" empty (the file reads its rows at line 6 to change them); ` +
			`"teams" holds 2 rows, so nothing was changed: port the migration by hand (its source is 20200101000000-backfill.js, line 6), ` +
			`or run it only on a database where "teams" is empty`
		if ne.Error() != want {
			t.Errorf("message\n%s\nwant\n%s", ne.Error(), want)
		}
		var n int
		if err := tg.DB.QueryRowContext(t.Context(), "SELECT COUNT(*) FROM "+tg.Dialect.Quote("teams")).Scan(&n); err != nil || n != 2 {
			t.Errorf("teams holds %d rows (%v) after the refusal, want 2: the statement after the guard ran", n, err)
		}
	})
}
