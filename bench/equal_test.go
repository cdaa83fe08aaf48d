package bench

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/bench/shop"
	"github.com/strata-orm/strata/bench/suite"
	"github.com/strata-orm/strata/bench/target"
)

// TestEqual checks that every library returns, for every scenario on every
// database it supports, exactly what package shop says the seeded data is
// (reads), and writes exactly what it was given (writes, read back with
// plain SQL). Times compare with time.Time.Equal.
func TestEqual(t *testing.T) {
	for _, k := range target.Kinds() {
		t.Run(string(k), func(t *testing.T) {
			d := run.db(t, k)
			for _, lib := range Libraries() {
				if !lib.Supports(k) {
					continue
				}
				t.Run(lib.Name, func(t *testing.T) {
					im := d.impl(t, lib)
					for _, sc := range suite.Scenarios() {
						if has, lacks := im.Has(sc), lib.Lacks[sc] != ""; has == lacks {
							t.Fatalf("%s: implements %s: %v; lists it in Lacks: %v (exactly one must hold)", lib.Name, sc, has, lacks)
						}
					}
					checkReads(t, im)
					checkWrites(t, d, im, lib.Name)
				})
			}
		})
	}
}

func checkReads(t *testing.T, im *suite.Impl) {
	ctx := context.Background()
	checks := []struct {
		scenario string
		keys     []int64
		read     func(key int64) (got, want any, err error)
	}{
		{suite.FindByPK, []int64{1, 537, shop.Users}, func(k int64) (any, any, error) {
			got, err := im.FindByPK.Plain(ctx, k)
			return got, shop.WantFindByPK(k), err
		}},
		{suite.FindMany100, []int64{0, shop.Users - shop.ManyN}, func(k int64) (any, any, error) {
			got, err := im.FindMany100.Plain(ctx, k)
			return got, shop.WantFindMany(k), err
		}},
		{suite.EagerHasMany, []int64{0, shop.Users - shop.ManyN}, func(k int64) (any, any, error) {
			got, err := im.EagerHasMany.Plain(ctx, k)
			return got, shop.WantEagerHasMany(k), err
		}},
		{suite.EagerManyToMany, []int64{0, 4321, shop.Orders - shop.ManyN}, func(k int64) (any, any, error) {
			got, err := im.EagerManyToMany.Plain(ctx, k)
			return got, shop.WantEagerManyToMany(k), err
		}},
		{suite.EagerNested, []int64{0, shop.Users - shop.NestedN}, func(k int64) (any, any, error) {
			got, err := im.EagerNested.Plain(ctx, k)
			return got, shop.WantEagerNested(k), err
		}},
	}
	for _, c := range checks {
		if !im.Has(c.scenario) {
			continue // the library lists it in Lacks, which TestEqual holds it to
		}
		for _, k := range c.keys {
			t.Run(c.scenario+"/"+strconv.FormatInt(k, 10), func(t *testing.T) {
				got, want, err := c.read(k)
				check(t, got, want, err)
			})
		}
	}
}

func check[T any](t *testing.T, got, want T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("result differs from the seed (-got +want):\n%s", diff)
	}
}

// checkWrites inserts users of its own (so that the seeded rows stay as the
// read checks expect them), updates one, and reads each back.
func checkWrites(t *testing.T, d *database, im *suite.Impl, lib string) {
	ctx := context.Background()
	prefix := "test-" + lib + "-"
	t.Cleanup(func() {
		if err := d.Trim(ctx, d.sql); err != nil {
			t.Error(err)
		}
	})

	if !im.Has(suite.InsertOne) || !im.Has(suite.InsertBulk100) || !im.Has(suite.UpdateOne) {
		t.Fatalf("the write checks need InsertOne, InsertBulk100 and UpdateOne; a library that lacks one needs them reworked")
	}
	one := shop.NewUser(prefix, 1)
	t.Run(suite.InsertOne, func(t *testing.T) {
		want := one
		if err := im.InsertOne(ctx, &one); err != nil {
			t.Fatal(err)
		}
		if one.ID <= shop.Users {
			t.Fatalf("InsertOne set ID %d, want a new id past the seeded %d", one.ID, shop.Users)
		}
		want.ID = one.ID
		check(t, readUser(t, d, one.ID), want, nil)
	})

	t.Run(suite.InsertBulk100, func(t *testing.T) {
		us := shop.NewUsers(prefix, 100, suite.BulkSize)
		want := shop.NewUsers(prefix, 100, suite.BulkSize)
		if err := im.InsertBulk(ctx, us); err != nil {
			t.Fatal(err)
		}
		for i := range us {
			if us[i].ID <= shop.Users || (i > 0 && us[i].ID <= us[i-1].ID) {
				t.Fatalf("InsertBulk set ids %v…, want new increasing ids", us[i].ID)
			}
			want[i].ID = us[i].ID
			check(t, readUser(t, d, us[i].ID), want[i], nil)
		}
	})

	t.Run(suite.UpdateOne, func(t *testing.T) {
		if one.ID == 0 {
			t.Skip("no user inserted: see InsertOne")
		}
		before := time.Now().Add(-time.Millisecond)
		if err := im.UpdateOne(ctx, one.ID, "Updated", 77); err != nil {
			t.Fatal(err)
		}
		after := time.Now().Add(time.Millisecond)
		got := readUser(t, d, one.ID)
		if got.UpdatedAt.Before(before) || got.UpdatedAt.After(after) {
			t.Errorf("updatedAt = %v, want the time of the update (between %v and %v)", got.UpdatedAt, before, after)
		}
		want := one
		want.LastName, want.Age, want.UpdatedAt = "Updated", 77, got.UpdatedAt
		check(t, got, want, nil)
	})
}

// readUser reads user id back with plain database/sql, independently of
// the libraries under test.
func readUser(t *testing.T, d *database, id int64) shop.User {
	t.Helper()
	q := `SELECT "id", "firstName", "lastName", "email", "age", "createdAt", "updatedAt" FROM "users" WHERE "id" = ?`
	switch d.Kind {
	case target.Postgres:
		q = strings.Replace(q, "?", "$1", 1)
	case target.MySQL:
		q = strings.ReplaceAll(q, `"`, "`")
	}
	var u shop.User
	err := d.sql.QueryRowContext(context.Background(), q, id).Scan(&u.ID, &u.FirstName, &u.LastName, &u.Email, &u.Age, &u.CreatedAt, &u.UpdatedAt)
	if err == sql.ErrNoRows {
		t.Fatalf("user %d is not in the database", id)
	}
	if err != nil {
		t.Fatalf("read user %d back: %v", id, err)
	}
	return u
}
