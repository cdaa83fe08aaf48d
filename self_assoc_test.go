package strata_test

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/schema"
)

// Employee associates with itself: a manager, reports, and friends
// through a join table that has no model.
type Employee struct {
	ID        int
	Name      string
	ManagerID *int
	Manager   *Employee
	Reports   []Employee
	Friends   []*Employee
}

func (Employee) Associate(a *strata.Associations) {
	a.BelongsTo(Employee{}, strata.As("Manager"))
	a.HasMany(Employee{}, strata.As("Reports"), strata.ForeignKey("managerId"))
	a.BelongsToMany(Employee{}, strata.As("Friends"), strata.Through("employee_friends"))
}

func names(es []Employee) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, e.Name)
	}
	return out
}

func TestSelfAssociations(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := must(strata.New(tg.DB, tg.Dialect, strata.WithModels(Employee{})))(t)
		ok(t, db.Sync(ctx))
		live := must(tg.Dialect.Inspect(ctx, tg.DB))(t)
		fk := live.Table("employees").ForeignKeys
		if len(fk) != 1 || fk[0].RefTable != "employees" || fk[0].OnDelete != schema.SetNull {
			t.Errorf("employees foreign keys: %+v", fk)
		}
		jt := live.Table("employee_friends")
		if jt == nil || len(jt.ForeignKeys) != 2 || !slices.Equal(jt.PrimaryKey, []string{"employeeId", "friendId"}) {
			t.Fatalf("join table: %+v", jt)
		}

		boss := Employee{Name: "boss"}
		ok(t, strata.Create(ctx, db, &boss))
		a, b := Employee{Name: "a", ManagerID: &boss.ID}, Employee{Name: "b", ManagerID: &boss.ID}
		ok(t, strata.Create(ctx, db, &a))
		ok(t, strata.Create(ctx, db, &b))
		c := Employee{Name: "c", ManagerID: &a.ID}
		ok(t, strata.Create(ctx, db, &c))
		friends := strata.BelongsToMany[Employee, Employee]("Friends")
		ok(t, friends.Add(ctx, db, &c, &b, &boss))

		top := must(strata.Find[Employee](db).Include("Reports.Reports").Where(strata.Eq("id", boss.ID)).One(ctx))(t)
		if diff := cmp.Diff(names(top.Reports), []string{"a", "b"}); diff != "" {
			t.Errorf("reports (-got +want):\n%s", diff)
		}
		if diff := cmp.Diff(names(top.Reports[0].Reports), []string{"c"}); diff != "" {
			t.Errorf("reports of a (-got +want):\n%s", diff)
		}
		for _, join := range [][]strata.IncludeOption{nil, {strata.Join()}} {
			cc := must(strata.Find[Employee](db).Include("Manager", join...).Include("Manager.Manager", join...).Where(strata.Eq("id", c.ID)).One(ctx))(t)
			if cc.Manager == nil || cc.Manager.Name != "a" || cc.Manager.Manager == nil || cc.Manager.Manager.Name != "boss" || cc.Manager.Manager.Manager != nil {
				t.Errorf("managers of c (join %v): %+v", join != nil, cc.Manager)
			}
		}
		managers := must(strata.Find[Employee](db).Include("Reports", strata.Required()).Order("id").All(ctx))(t)
		if diff := cmp.Diff(names(managers), []string{"boss", "a"}); diff != "" {
			t.Errorf("employees with reports (-got +want):\n%s", diff)
		}
		withFriends := must(strata.Find[Employee](db).Include("Friends").Order("id").All(ctx))(t)
		for _, e := range withFriends {
			var got []string
			for _, f := range e.Friends {
				got = append(got, f.Name)
			}
			var want []string
			if e.Name == "c" {
				want = []string{"boss", "b"}
			}
			if diff := cmp.Diff(got, want); diff != "" {
				t.Errorf("friends of %s (-got +want):\n%s", e.Name, diff)
			}
		}
		if !must(friends.Has(ctx, db, &c, &b))(t) || must(friends.Has(ctx, db, &b, &c))(t) {
			t.Errorf("friends.Has answers wrong")
		}

		// Deleting the boss sets the reports' managerId to NULL (ON
		// DELETE SET NULL) and deletes the boss's join rows (CASCADE).
		ok(t, strata.Destroy(ctx, db, &boss))
		for _, e := range must(strata.Find[Employee](db).Where(strata.In("id", []int{a.ID, b.ID})).All(ctx))(t) {
			if e.ManagerID != nil {
				t.Errorf("%s still has manager %d", e.Name, *e.ManagerID)
			}
		}
		if n := must(friends.Count(ctx, db, &c))(t); n != 1 {
			t.Errorf("c has %d friends after the boss left, want 1", n)
		}
	})
}

// Teams and players point at each other: a cycle of foreign keys.
type (
	Team struct {
		ID        int
		CaptainID *int
		Captain   *Player
	}
	Player struct {
		ID     int
		TeamID *int
		Team   *Team
	}
	Club struct {
		ID        int
		CaptainID *int
		Captain   *Member
	}
	Member struct {
		ID     int
		ClubID *int
		Club   *Club
	}
)

func (Team) Associate(a *strata.Associations)   { a.BelongsTo(Player{}, strata.As("Captain")) }
func (Player) Associate(a *strata.Associations) { a.BelongsTo(Team{}) }
func (Club) Associate(a *strata.Associations) {
	a.BelongsTo(Member{}, strata.As("Captain"), strata.Constraints(false))
}
func (Member) Associate(a *strata.Associations) { a.BelongsTo(Club{}) }

func TestSyncForeignKeyCycle(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := must(strata.New(tg.DB, tg.Dialect, strata.WithModels(Team{}, Player{})))(t)
		err := db.Sync(ctx)
		if err == nil || err.Error() != "strata: Sync: the foreign keys of teams, players form a cycle, so no table can be created first; declare one of the associations with strata.Constraints(false) and add its foreign key in a migration" {
			t.Errorf("cycle: %v", err)
		}
		// With Constraints(false) on one side, the clubs table is created
		// without its foreign key, after nothing; members point at it.
		db = must(strata.New(tg.DB, tg.Dialect, strata.WithModels(Member{}, Club{})))(t)
		ok(t, db.Sync(ctx))
		live := must(tg.Dialect.Inspect(ctx, tg.DB))(t)
		if fks := live.Table("clubs").ForeignKeys; len(fks) != 0 {
			t.Errorf("clubs has foreign keys %v", fks)
		}
		if fks := live.Table("members").ForeignKeys; len(fks) != 1 || fks[0].RefTable != "clubs" {
			t.Errorf("members foreign keys %v", fks)
		}
		ok(t, db.CheckSchema(ctx))
		club := Club{}
		ok(t, strata.Create(ctx, db, &club))
		m := Member{ClubID: &club.ID}
		ok(t, strata.Create(ctx, db, &m))
		ok(t, strata.BelongsTo[Club, Member]("Captain").Set(ctx, db, &club, &m))
		got := must(strata.Find[Club](db).Include("Captain.Club").One(ctx))(t)
		if got.Captain == nil || got.Captain.ID != m.ID || got.Captain.Club == nil || got.Captain.Club.ID != club.ID {
			t.Errorf("club's captain: %+v", got.Captain)
		}
	})
}
