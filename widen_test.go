package strata_test

import (
	"errors"
	"testing"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
)

// Event reads a table whose columns are wider than the model says: the
// model's N and ID are Go ints (INTEGER), the live columns BIGINT, as a
// hand-written migration, PostgreSQL's bigserial or a table strata did
// not create have them; Status is an ENUM the model knows fewer values of.
type Event struct {
	ID     int
	N      int
	Status *string `strata:",type=ENUM('open','closed')"`
}

// TestConditionsNeverWiden: a value beyond the model's type but within
// the live column's is compared by the database, never settled as "no
// row" or "every row" from the model's type alone, and a Destroy with
// such a condition deletes exactly the rows it names, on every database.
// A value the model's ENUM does not list is refused where leaving it out
// would select more rows.
func TestConditionsNeverWiden(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := must(strata.New(tg.DB, tg.Dialect, strata.WithModels(Event{})))(t)
		pk, status := "INTEGER PRIMARY KEY", "TEXT"
		switch tg.Dialect.Name() {
		case "postgres":
			pk, status = "BIGSERIAL PRIMARY KEY", "TEXT"
		case "mysql":
			pk, status = "BIGINT AUTO_INCREMENT PRIMARY KEY", "ENUM('open','closed','archived')"
		}
		_, err := tg.DB.ExecContext(ctx, "CREATE TABLE events (id "+pk+", n BIGINT NOT NULL, status "+status+")")
		ok(t, err)
		_, err = tg.DB.ExecContext(ctx, "INSERT INTO events (id, n, status) VALUES (5000000000, 5000000000, 'archived'), (7, 7, 'open')")
		ok(t, err)
		count := func(c strata.Cond) int64 {
			t.Helper()
			return must(strata.Find[Event](db).Where(c).Count(ctx))(t)
		}
		const big = int64(5000000000)
		for name, tt := range map[string]struct {
			c    strata.Cond
			want int64
		}{
			"n < 3e9":            {strata.Lt("n", int64(3000000000)), 1},
			"n > 3e9":            {strata.Gt("n", int64(3000000000)), 1},
			"n = 5e9":            {strata.Eq("n", big), 1},
			"n = 5e9 (Go int)":   {strata.Eq("n", int(big)), 1},
			"n <> 5e9":           {strata.Ne("n", big), 1},
			"n IN (5e9)":         {strata.In("n", []int64{big}), 1},
			"n NOT IN (5e9)":     {strata.NotIn("n", []int64{big}), 1},
			"NOT n = 5e9":        {strata.Not(strata.Eq("n", big)), 1},
			"n BETWEEN 3e9..6e9": {strata.Between("n", int64(3000000000), int64(6000000000)), 1},
			"n = 1e20":           {strata.Eq("n", "100000000000000000000"), 0},
			"n < 1e20":           {strata.Lt("n", "100000000000000000000"), 2},
			"status = archived":  {strata.Eq("status", "archived"), 0}, // not a value the model's ENUM has: no row
		} {
			if got := count(tt.c); got != tt.want {
				t.Errorf("Count(%s) = %d, want %d", name, got, tt.want)
			}
		}
		found, err := strata.Find[Event](db).ByPK(ctx, int(big))
		if err != nil || found.N != int(big) {
			t.Errorf("ByPK(5000000000) on a BIGINT key read into an int: %+v, %v", found, err)
		}
		for name, c := range map[string]strata.Cond{
			"status <> archived":       strata.Ne("status", "archived"),
			"status NOT IN (archived)": strata.NotIn("status", []string{"open", "archived"}),
			"NOT status = archived":    strata.Not(strata.Eq("status", "archived")),
			"NOT status IN (archived)": strata.Not(strata.In("status", []string{"archived"})),
		} {
			if _, err := strata.Find[Event](db).Where(c).Count(ctx); !errors.Is(err, strata.ErrValue) {
				t.Errorf("Count(%s): %v, want an error naming the value (excluding it would mean every row)", name, err)
			}
		}
		if n, err := strata.Find[Event](db).Where(strata.Lt("n", int64(3000000000))).Destroy(ctx); err != nil || n != 1 {
			t.Errorf("Destroy(n < 3e9) deleted %d rows (%v), want 1", n, err)
		}
		if n := must(strata.Find[Event](db).Count(ctx))(t); n != 1 {
			t.Errorf("rows left after the Destroy: %d, want 1", n)
		}
		if _, err := strata.Find[Event](db).Where(strata.Ne("status", "archived")).Destroy(ctx); err == nil {
			t.Errorf("Destroy where status <> an unlisted value ran")
		}
		if n := must(strata.Find[Event](db).Count(ctx))(t); n != 1 {
			t.Errorf("rows left after the refused Destroy: %d, want 1", n)
		}
	})
}
