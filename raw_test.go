package strata_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
)

// EmailCount is a named result row without a primary key.
type EmailCount struct {
	Email string
	N     int
}

// TestRawIntoStructsWithoutKey is issue 12's defect 9: rows are read into
// any struct, with or without a key field, anonymous or named; a key is
// needed only to write a row by itself.
func TestRawIntoStructsWithoutKey(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := shop(t, tg)
		users := []User{{Email: "a@x.test"}, {Email: "b@x.test"}}
		ok(t, strata.BulkCreate(ctx, db, users))
		orders := []Order{{Total: "1", UserID: &users[0].ID}, {Total: "2", UserID: &users[0].ID}, {Total: "3", UserID: &users[1].ID}}
		ok(t, strata.BulkCreate(ctx, db, orders))
		const q = `SELECT u.email, COUNT(*) AS n FROM users u JOIN orders o ON o."userId" = u.id GROUP BY u.email ORDER BY u.email`
		text := q
		if tg.Dialect.Name() == "mysql" {
			text = strings.ReplaceAll(q, `"userId"`, "`userId`")
		}

		anon := must(strata.RawAll[struct {
			Email string
			N     int
		}](ctx, db, text))(t)
		if len(anon) != 2 || anon[0].Email != "a@x.test" || anon[0].N != 2 || anon[1].N != 1 {
			t.Errorf("RawAll into an anonymous struct: %+v", anon)
		}
		named := must(strata.RawAll[EmailCount](ctx, db, text))(t)
		if diff := cmp.Diff(named, []EmailCount{{"a@x.test", 2}, {"b@x.test", 1}}); diff != "" {
			t.Errorf("RawAll into a named struct without a key (-got +want):\n%s", diff)
		}
		one := must(strata.RawOne[EmailCount](ctx, db, text))(t)
		if one.Email != "a@x.test" {
			t.Errorf("RawOne: %+v", one)
		}
		if _, err := strata.RawOne[struct{ N int }](ctx, db, "SELECT 1 AS n FROM users WHERE 1 = 0"); !errors.Is(err, strata.ErrNotFound) {
			t.Errorf("RawOne of no rows: %v", err)
		}

		// Find reads a table into a model without a key; writing one row by
		// itself needs a key and says so before any SQL.
		got := must(strata.Find[UserEmail](db).Where(strata.Eq("email", "b@x.test")).All(ctx))(t)
		if len(got) != 1 || got[0].Email != "b@x.test" {
			t.Errorf("Find of a model without a key: %+v", got)
		}
		if n := must(strata.Find[UserEmail](db).Count(ctx))(t); n != 2 {
			t.Errorf("Count of a model without a key: %d", n)
		}
		row := got[0]
		for name, err := range map[string]error{
			"Create":  strata.Create(ctx, db, &row),
			"Update":  strata.Update(ctx, db, &row),
			"Save":    strata.Save(ctx, db, &row),
			"Destroy": strata.Destroy(ctx, db, &row),
		} {
			if err == nil || !strings.Contains(err.Error(), "model UserEmail: no primary key: add an ID field") {
				t.Errorf("%s of a model without a key: %v", name, err)
			}
		}
		if _, err := strata.Find[UserEmail](db).ByPK(ctx, 1); err == nil || !strings.Contains(err.Error(), "no primary key") {
			t.Errorf("ByPK of a model without a key: %v", err)
		}
		if n := must(strata.Find[User](db).Count(ctx))(t); n != 2 {
			t.Errorf("users after the refused writes: %d", n)
		}
	})
}

// UserEmail reads the users table without its key.
type UserEmail struct {
	Email string
}

func (UserEmail) TableName() string { return "users" }
