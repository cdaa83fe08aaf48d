package strata_test

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"testing"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
)

// TestReliabilityNegativeLimits (issue 13, defect 6): a negative Limit or
// Offset, or a LimitPer below 1, parsed from a query string, is a
// *strata.LimitError (matching ErrValue) naming the option and the fix,
// returned by every finisher before any SQL, on every database; it never
// reads the whole table. Limit(0) reads no row, NoLimit every row.
func TestReliabilityNegativeLimits(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		var queries queryCounter
		db := shop(t, tg, strata.WithQueryHook(queries.hook()))
		for i := range 5 {
			u := User{LastName: "u", Email: fmt.Sprintf("u%d@shop.test", i)}
			ok(t, strata.Create(ctx, db, &u))
			ok(t, strata.Create(ctx, db, &Order{Total: "1", UserID: &u.ID}))
		}
		type finisher struct {
			name string
			run  func(q *strata.Query[User]) error
		}
		finishers := []finisher{
			{"All", func(q *strata.Query[User]) error { _, err := q.All(ctx); return err }},
			{"One", func(q *strata.Query[User]) error { _, err := q.One(ctx); return err }},
			{"Count", func(q *strata.Query[User]) error { _, err := q.Count(ctx); return err }},
			{"Exists", func(q *strata.Query[User]) error { _, err := q.Exists(ctx); return err }},
			{"FindAndCountAll", func(q *strata.Query[User]) error { _, _, err := q.FindAndCountAll(ctx); return err }},
			{"Each", func(q *strata.Query[User]) error {
				for _, err := range q.Each(ctx) {
					if err != nil {
						return err
					}
				}
				return nil
			}},
			{"Sum", func(q *strata.Query[User]) error { _, err := strata.Sum[int64](ctx, q, "id"); return err }},
			{"Update", func(q *strata.Query[User]) error {
				_, err := q.Where(strata.NotNull("id")).Update(ctx, strata.Fields{"lastName": "x"})
				return err
			}},
			{"Destroy", func(q *strata.Query[User]) error { _, err := q.Where(strata.NotNull("id")).Destroy(ctx); return err }},
			{"HasMany.Get", func(q *strata.Query[User]) error {
				_, err := strata.HasMany[User, Order]("Orders").Get(ctx, db, &User{ID: 1}, strata.LimitPer(parse(t, "-1")))
				return err
			}},
		}
		type bad struct {
			name   string
			option string
			apply  func(q *strata.Query[User]) *strata.Query[User]
		}
		var bads []bad
		for _, s := range []string{"-1", "-5", strconv.Itoa(math.MinInt)} {
			n := parse(t, s)
			bads = append(bads,
				bad{"Limit(" + s + ")", "Limit", func(q *strata.Query[User]) *strata.Query[User] { return q.Limit(n) }},
				bad{"Offset(" + s + ")", "Offset", func(q *strata.Query[User]) *strata.Query[User] { return q.Limit(2).Offset(n) }},
				bad{"Limit(2).Limit(" + s + ")", "Limit", func(q *strata.Query[User]) *strata.Query[User] { return q.Limit(2).Limit(n) }},
				bad{"Include LimitPer(" + s + ")", "LimitPer", func(q *strata.Query[User]) *strata.Query[User] {
					return q.Include("Orders", strata.LimitPer(n))
				}},
			)
		}
		bads = append(bads, bad{"Include LimitPer(0)", "LimitPer", func(q *strata.Query[User]) *strata.Query[User] {
			return q.Include("Orders", strata.LimitPer(0))
		}})
		checks := 0
		for _, b := range bads {
			for _, f := range finishers {
				if f.name == "HasMany.Get" && b.option != "LimitPer" {
					continue
				}
				checks++
				before := queries.n.Load()
				err := f.run(b.apply(strata.Find[User](db)))
				var le *strata.LimitError
				switch {
				case !errors.As(err, &le) || !errors.Is(err, strata.ErrValue):
					t.Errorf("%s %s: %T %v, want a *strata.LimitError", b.name, f.name, err, err)
				case le.Option != b.option && !(b.option == "LimitPer" && le.Option == `include "Orders": LimitPer`):
					t.Errorf("%s %s: the error names %q", b.name, f.name, le.Option)
				}
				if n := queries.n.Load() - before; n != 0 {
					t.Errorf("%s %s: %d statements ran", b.name, f.name, n)
				}
			}
		}
		if left := must(strata.Find[User](db).Count(ctx))(t); left != 5 {
			t.Errorf("%d of 5 users left", left)
		}
		// What a count means: 0 rows, n rows, no limit.
		for _, tt := range []struct {
			name string
			q    *strata.Query[User]
			want int
		}{
			{"Limit(0)", strata.Find[User](db).Limit(0), 0},
			{"Limit(2)", strata.Find[User](db).Limit(2), 2},
			{"Limit(2).Offset(4)", strata.Find[User](db).Order("id").Limit(2).Offset(4), 1},
			{"Offset(0)", strata.Find[User](db).Offset(0), 5},
			{"no Limit", strata.Find[User](db), 5},
			{"Limit(2).NoLimit()", strata.Find[User](db).Limit(2).NoLimit(), 5},
			{"Limit(2), clone NoLimit()", strata.Find[User](db).Limit(2).Clone().NoLimit(), 5},
		} {
			checks++
			if got := len(must(tt.q.All(ctx))(t)); got != tt.want {
				t.Errorf("%s: %d rows, want %d", tt.name, got, tt.want)
			}
		}
		t.Logf("figure: %d checks, 0 negative counts read rows, 0 statements for a refused count", checks)
	})
}

// parse reads a count as a handler reads ?limit=…
func parse(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
