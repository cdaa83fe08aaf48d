package strata_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
)

func TestSyncAndQueryHooks(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		var logs bytes.Buffer
		logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
		var queries queryCounter
		var seen []string
		db := shop(t, tg, strata.WithQueryHook(queries.hook()), strata.WithQueryHook(strata.SlogHook(logger, true)),
			strata.WithQueryHook(strata.QueryHookFunc(func(_ context.Context, e *strata.QueryEvent) { seen = append(seen, e.SQL) })))

		// The tables exist with the models' columns.
		live := must(tg.Dialect.Inspect(ctx, tg.DB))(t)
		for _, name := range []string{"users", "orders", "products", "samples", "canaries"} {
			if live.Table(name) == nil {
				t.Fatalf("Sync did not create %s: %v", name, live.TableNames())
			}
		}
		users := live.Table("users")
		if c := users.Column("email"); c == nil || !c.NotNull {
			t.Errorf("users.email: %+v", c)
		}
		if len(users.Uniques) != 1 || users.Uniques[0].Name != "users_email_key" {
			t.Errorf("users uniques: %+v", users.Uniques)
		}

		// Sync again keeps rows; Force recreates the tables empty.
		if err := strata.Create(ctx, db, &Canary{Value: "kept"}); err != nil {
			t.Fatal(err)
		}
		if err := db.Sync(ctx); err != nil {
			t.Fatal(err)
		}
		if n := must(strata.Find[Canary](db).Count(ctx))(t); n != 1 {
			t.Errorf("Sync lost rows: %d", n)
		}
		if err := db.Sync(ctx, strata.Force()); err != nil {
			t.Fatal(err)
		}
		if n := must(strata.Find[Canary](db).Count(ctx))(t); n != 0 {
			t.Errorf("Sync with Force kept %d rows", n)
		}

		// Every statement is observed, with its error.
		queries.n.Store(0)
		seen = nil
		if err := strata.Create(ctx, db, &Canary{Value: "x"}); err != nil {
			t.Fatal(err)
		}
		_, _ = strata.RawAll[int](ctx, db, "SELECT nope FROM canaries")
		if n := queries.n.Load(); n != 2 {
			t.Errorf("%d statements observed, want 2: %q", n, seen)
		}
		if !strings.Contains(seen[0], "INSERT INTO") {
			t.Errorf("first statement %q", seen[0])
		}
		out := logs.String()
		if !strings.Contains(out, "level=DEBUG msg=\"strata query\"") || !strings.Contains(out, "level=ERROR msg=\"strata query failed\"") || !strings.Contains(out, "args=[x]") {
			t.Errorf("slog output:\n%s", out)
		}

		// Sync needs registered models.
		bare := must(strata.New(tg.DB, tg.Dialect))(t)
		if err := bare.Sync(ctx); err == nil {
			t.Errorf("Sync without models accepted")
		}
		// A bad model fails at start-up.
		type Bad struct{ Name string }
		if _, err := strata.New(tg.DB, tg.Dialect, strata.WithModels(Bad{})); err == nil || !strings.Contains(err.Error(), "no primary key") {
			t.Errorf("bad model: %v", err)
		}
		sep := "?"
		if strings.Contains(tg.URL, "?") {
			sep = "&"
		}
		if _, err := strata.Open(tg.Dialect, tg.URL+sep+"multiStatements=true"); err == nil || !strings.Contains(err.Error(), "multiStatements") {
			t.Errorf("multiStatements accepted")
		}
	})
}

// Sync's statements reach the query hooks around their execution, as every
// other statement does: each CREATE TABLE with its duration, and the one
// that fails with its error.
func TestSyncStatementsThroughQueryHooks(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		// A view named canaries: Sync does not see it (Inspect lists base
		// tables), so its CREATE TABLE canaries, the last, fails.
		if _, err := tg.DB.ExecContext(ctx, "CREATE VIEW canaries AS SELECT 1 AS x"); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _, _ = tg.DB.ExecContext(context.Background(), "DROP VIEW canaries") })
		var events []strata.QueryEvent
		db := must(strata.New(tg.DB, tg.Dialect, strata.WithModels(shopModels...),
			strata.WithQueryHook(strata.QueryHookFunc(func(_ context.Context, e *strata.QueryEvent) { events = append(events, *e) }))))(t)
		err := db.Sync(ctx)
		if err == nil {
			t.Fatal("Sync created canaries over a view")
		}
		created := map[string]strata.QueryEvent{}
		for _, e := range events {
			if rest, ok := strings.CutPrefix(e.SQL, "CREATE TABLE "); ok {
				name, _, _ := strings.Cut(rest, " ")
				created[strings.Trim(name, "\"`")] = e
			}
		}
		for _, table := range []string{"users", "orders", "products", "product_orders", "profiles", "samples"} {
			e, ok := created[table]
			switch {
			case !ok:
				t.Errorf("no query event for CREATE TABLE %s; events: %d", table, len(events))
			case e.Duration <= 0 || e.Start.IsZero() || e.Err != nil:
				t.Errorf("CREATE TABLE %s: start %v, duration %v, error %v; want a start, a duration and no error", table, e.Start, e.Duration, e.Err)
			}
		}
		e, ok := created["canaries"]
		switch {
		case !ok:
			t.Errorf("no query event for the failing CREATE TABLE canaries")
		case e.Err == nil || e.Duration <= 0:
			t.Errorf("CREATE TABLE canaries: duration %v, error %v; want its duration and error", e.Duration, e.Err)
		case !strings.Contains(err.Error(), e.Err.Error()):
			t.Errorf("the hook saw %q, Sync returned %q", e.Err, err)
		}
	})
}
