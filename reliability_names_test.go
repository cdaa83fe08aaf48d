package strata_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
)

// hostileNames are names a handler may pass from user input (?order=…,
// ?fields=…) to Order, Select, Group, Include and the write field lists:
// SQL after a valid name, quoting, expressions, unknown names.
func hostileNames() []string {
	base := []string{
		`lastName COLLATE "C"`, `lastName NULLS LAST`, `lastName DESC NULLS FIRST`, `lastName ASC NULLS LAST`,
		"lastName DESC, id", "lastName, ; DROP TABLE canaries", "last name", " lastName", "lastName ",
		"(lastName)", "lower(lastName)", `"lastName"`, "`lastName`", "'lastName'", "[lastName]", "users.lastName",
		"lastName; DROP TABLE canaries; --", "lastName -- x", "lastName /* x */", "lastName DESC LIMIT 1",
		"1", "1 DESC", "RANDOM()", "(SELECT 1)", "CASE WHEN 1=1 THEN id END", "id + 0", "*", "", " ", ",", "lastName,",
		"nope", "Lastname_", "lastName\x00", "lastName\n", "lästName", "\xff", "lastName DESC DESC", "lastName NULLS",
		"lastName NULLS MIDDLE", "lastName COLLATE", "$1", "?", "lastName ?", "id::text", "lastName || 'x'",
		strings.Repeat("a", 5000),
	}
	return base
}

// typedNameError reports an error strata types for a bad name: an
// *UnknownColumnError (column names) or an *IncludeError (association
// names), naming what was asked for.
func typedNameError(err error, name string) bool {
	var ue *strata.UnknownColumnError
	var ie *strata.IncludeError
	switch {
	case errors.As(err, &ue):
		return ue.Column != "" || name == "" || strings.TrimSpace(name) == "" || strings.Contains(name, ",")
	case errors.As(err, &ie):
		return true
	}
	return false
}

// TestReliabilityHostileNames (issue 13, defect 5): every name from user
// input that is not a plain column (or association) of the model — SQL
// after a name, NULLS LAST where the database has none, quotes,
// expressions, unknown names — is an *UnknownColumnError or *IncludeError
// naming it and the fix, through every entry point that takes a name,
// before any SQL, on every database. Valid terms of Order (ASC, DESC,
// NULLS FIRST/LAST) read the same rows everywhere.
func TestReliabilityHostileNames(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		var queries queryCounter
		db := shop(t, tg, strata.WithQueryHook(queries.hook()))
		u := User{LastName: "b", Email: "b@shop.test"}
		ok(t, strata.Create(ctx, db, &u))
		ok(t, strata.Create(ctx, db, &User{LastName: "a", Email: "a@shop.test", FirstName: ptr("x")}))
		o := Order{Total: "1", UserID: &u.ID}
		ok(t, strata.Create(ctx, db, &o))
		p := Product{Name: "p", Price: "1"}
		ok(t, strata.Create(ctx, db, &p))
		ok(t, strata.BelongsToMany[Order, Product]("Products").Add(ctx, db, &o, &p))
		entries := map[string]func(name string) error{
			"Order": func(n string) error { _, err := strata.Find[User](db).Order(n).All(ctx); return err },
			"Order (variadic)": func(n string) error {
				_, err := strata.Find[User](db).Order("id", n).All(ctx)
				return err
			},
			"Select": func(n string) error { _, err := strata.Find[User](db).Select(n).All(ctx); return err },
			"Omit":   func(n string) error { _, err := strata.Find[User](db).Omit(n).All(ctx); return err },
			"Group":  func(n string) error { _, err := strata.Find[User](db).Group(n).Count(ctx); return err },
			"Sum":    func(n string) error { _, err := strata.Sum[int64](ctx, strata.Find[User](db), n); return err },
			"Max":    func(n string) error { _, err := strata.Max[int64](ctx, strata.Find[User](db), n); return err },
			"Where":  func(n string) error { _, err := strata.Find[User](db).Where(strata.Eq(n, 1)).Count(ctx); return err },
			"IsNull": func(n string) error { _, err := strata.Find[User](db).Where(strata.IsNull(n)).Count(ctx); return err },
			"Fields": func(n string) error {
				_, err := strata.Find[User](db).Where(strata.Fields{n: 1}).Count(ctx)
				return err
			},
			"Include": func(n string) error { _, err := strata.Find[User](db).Include(n).All(ctx); return err },
			"Include path": func(n string) error {
				_, err := strata.Find[User](db).Include("Orders." + n).All(ctx)
				return err
			},
			"Include Attributes": func(n string) error {
				_, err := strata.Find[User](db).Include("Orders", strata.Attributes(n)).All(ctx)
				return err
			},
			"Include Order": func(n string) error {
				_, err := strata.Find[User](db).Include("Orders", strata.Order(n)).All(ctx)
				return err
			},
			"Include ThroughOrder": func(n string) error {
				_, err := strata.Find[Order](db).Include("Products", strata.ThroughOrder(n)).All(ctx)
				return err
			},
			"Include Join Order": func(n string) error {
				_, err := strata.Find[Order](db).Include("User", strata.Join()).Order(n).All(ctx)
				return err
			},
			"Update fields": func(n string) error { return strata.Update(ctx, db, &u, n) },
			"Query.Update": func(n string) error {
				_, err := strata.Find[User](db).Where(strata.Eq("id", u.ID)).Update(ctx, strata.Fields{n: "x"})
				return err
			},
			"Increment": func(n string) error { return strata.Increment(ctx, db, &u, strata.Fields{n: 1}) },
			"Upsert OnConflict": func(n string) error {
				return strata.Upsert(ctx, db, &User{LastName: "c", Email: "c@shop.test"}, strata.OnConflict(n))
			},
			"Upsert UpdateOnly": func(n string) error {
				return strata.Upsert(ctx, db, &User{LastName: "c", Email: "b@shop.test"}, strata.OnConflict("email"), strata.UpdateOnly(n))
			},
			"Create WithAssociations": func(n string) error {
				return strata.Create(ctx, db, &User{LastName: "d", Email: "d@shop.test"}, strata.WithAssociations(n))
			},
			"HasMany": func(n string) error {
				_, err := strata.HasMany[User, Order](n).Count(ctx, db, &u)
				return err
			},
			"BelongsToMany": func(n string) error {
				_, err := strata.BelongsToMany[Order, Product](n).Get(ctx, db, &o)
				return err
			},
			"BelongsTo": func(n string) error {
				_, err := strata.BelongsTo[Order, User](n).Get(ctx, db, &o)
				return err
			},
		}
		valid := map[string]bool{ // names an entry point accepts: the test only asks they work
			"lastName DESC, id": true, "lastName ASC NULLS LAST": true, "lastName NULLS LAST": true, "lastName DESC NULLS FIRST": true,
			" lastName": true, "lastName ": true,
		}
		checks := 0
		for entry, run := range entries {
			for _, n := range hostileNames() {
				checks++
				before := queries.n.Load()
				err := run(n)
				isOrder := strings.Contains(entry, "Order") && !strings.Contains(entry, "ThroughOrder")
				if err == nil && isOrder && (valid[n] || n == "lastName\n") {
					continue // a valid order term (words split at white space)
				}
				if err == nil && n == "*" && (strings.HasPrefix(entry, "Include") && !strings.Contains(entry, "Order") && !strings.Contains(entry, "Attributes") || strings.HasPrefix(entry, "Create")) {
					continue // every association
				}
				if err == nil && !isOrder && (n == " lastName" || n == "lastName ") {
					t.Errorf("%s(%q): accepted a name with spaces", entry, n)
					continue
				}
				if !typedNameError(err, n) {
					t.Errorf("%s(%q): %T %v, want an *UnknownColumnError or *IncludeError", entry, n, err, err)
					continue
				}
				if ran := queries.n.Load() - before; ran != 0 {
					t.Errorf("%s(%q): %d statements ran before the error", entry, n, ran)
				}
			}
		}
		// No name at all, as a handler splitting an empty ?fields= may pass.
		for name, err := range map[string]error{
			"Select()": func() error { _, err := strata.Find[User](db).Select().All(ctx); return err }(),
			"Order()":  func() error { _, err := strata.Find[User](db).Order("").All(ctx); return err }(),
		} {
			checks++
			if !typedNameError(err, "") {
				t.Errorf("%s: %T %v, want an *UnknownColumnError", name, err, err)
			}
		}
		// Valid order terms mean the same everywhere, NULLS included.
		for term, want := range map[string]string{
			"firstName NULLS LAST, lastName": "a b", "firstName NULLS FIRST, lastName": "b a",
			"firstName DESC NULLS LAST, lastName": "a b", "firstName DESC NULLS FIRST": "b a",
		} {
			checks++
			rows := must(strata.Find[User](db).Where(strata.In("lastName", []string{"a", "b"})).Order(term).All(ctx))(t)
			var got []string
			for _, r := range rows {
				got = append(got, r.LastName)
			}
			if strings.Join(got, " ") != want {
				t.Errorf("Order(%q): %v, want %s", term, got, want)
			}
		}
		// And in an include, with and without LimitPer (ROW_NUMBER's order).
		ok(t, strata.Create(ctx, db, &Order{Total: "2", UserID: &u.ID, Note: ptr("n")}))
		for _, nulls := range []string{"FIRST", "LAST"} {
			for _, per := range []bool{false, true} {
				checks++
				opts := []strata.IncludeOption{strata.Order("note NULLS " + nulls)}
				if per {
					opts = append(opts, strata.LimitPer(1))
				}
				got := must(strata.Find[User](db).Where(strata.Eq("id", u.ID)).Include("Orders", opts...).One(ctx))(t)
				if first := got.Orders[0].Note; (first == nil) != (nulls == "FIRST") {
					t.Errorf("Include Orders ordered by note NULLS %s (LimitPer %v): first note %v", nulls, per, first)
				}
			}
		}
		t.Logf("figure: %s", fmt.Sprintf("%d names through %d entry points, every bad one a typed error before SQL", checks, len(entries)))
	})
}
