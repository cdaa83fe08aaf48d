package strata_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialect/sqlitedialect"
	"github.com/strata-orm/strata/dialecttest"
)

// seedUsers creates ten users: u0…u9, ages 10, 20, … 90 and the last
// with no age; odd ones have no first name.
func seedUsers(t *testing.T, db *strata.DB) []User {
	t.Helper()
	var users []User
	for i := range 10 {
		u := User{LastName: fmt.Sprintf("Last%d", i%3), Email: fmt.Sprintf("u%d@shop.test", i)}
		if i%2 == 0 {
			u.FirstName = ptr(fmt.Sprintf("First%d", i))
		}
		if i < 9 {
			u.Age = ptr((i + 1) * 10)
		}
		users = append(users, u)
	}
	if err := strata.BulkCreate(testCtx(t), db, users); err != nil {
		t.Fatal(err)
	}
	return users
}

func emails(us []User) []string {
	out := make([]string, len(us))
	for i, u := range us {
		out[i] = strings.TrimSuffix(u.Email, "@shop.test")
	}
	return out
}

func TestFinders(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := shop(t, tg)
		seeded := seedUsers(t, db)
		for i, u := range seeded {
			if u.ID == 0 || (i > 0 && u.ID <= seeded[i-1].ID) {
				t.Fatalf("BulkCreate ids not filled in order: %v", seeded)
			}
			got := must(strata.Find[User](db).ByPK(ctx, u.ID))(t)
			if got.Email != u.Email {
				t.Fatalf("row %d: id %d holds %s, want %s", i, u.ID, got.Email, u.Email)
			}
		}
		tests := []struct {
			name  string
			conds []strata.Cond
			want  []string
		}{
			{"eq", []strata.Cond{strata.Eq("email", "u3@shop.test")}, []string{"u3"}},
			{"eq by field name", []strata.Cond{strata.Eq("Email", "u3@shop.test")}, []string{"u3"}},
			{"eq nil", []strata.Cond{strata.Eq("age", nil)}, []string{"u9"}},
			{"ne", []strata.Cond{strata.Ne("lastName", "Last0")}, []string{"u1", "u2", "u4", "u5", "u7", "u8"}},
			{"ne nil", []strata.Cond{strata.Ne("firstName", nil), strata.Lt("age", 50)}, []string{"u0", "u2"}},
			{"gt", []strata.Cond{strata.Gt("age", 70)}, []string{"u7", "u8"}},
			{"gte", []strata.Cond{strata.Gte("age", 70)}, []string{"u6", "u7", "u8"}},
			{"lt", []strata.Cond{strata.Lt("age", 30)}, []string{"u0", "u1"}},
			{"lte", []strata.Cond{strata.Lte("age", 30)}, []string{"u0", "u1", "u2"}},
			{"in", []strata.Cond{strata.In("age", []int{20, 40, 1000})}, []string{"u1", "u3"}},
			{"in empty", []strata.Cond{strata.In("age", []int{})}, nil},
			{"not in", []strata.Cond{strata.NotIn("age", []int{10, 20, 30, 40, 50, 60, 70})}, []string{"u7", "u8"}},
			{"like", []strata.Cond{strata.Like("email", "u1%")}, []string{"u1"}},
			{"not like", []strata.Cond{strata.NotLike("email", "u%")}, nil},
			{"ilike", []strata.Cond{strata.ILike("firstName", "FIRST_")}, []string{"u0", "u2", "u4", "u6", "u8"}},
			{"not ilike", []strata.Cond{strata.NotILike("lastName", "LAST0")}, []string{"u1", "u2", "u4", "u5", "u7", "u8"}},
			{"between", []strata.Cond{strata.Between("age", 30, 50)}, []string{"u2", "u3", "u4"}},
			{"not between", []strata.Cond{strata.NotBetween("age", 20, 80)}, []string{"u0", "u8"}},
			{"is null", []strata.Cond{strata.IsNull("firstName")}, []string{"u1", "u3", "u5", "u7", "u9"}},
			{"not null", []strata.Cond{strata.NotNull("firstName"), strata.Gt("age", 50)}, []string{"u6", "u8"}},
			{"or", []strata.Cond{strata.Or(strata.Eq("age", 10), strata.Eq("age", 90))}, []string{"u0", "u8"}},
			{"and in or", []strata.Cond{strata.Or(strata.And(strata.Eq("lastName", "Last1"), strata.Gt("age", 50)), strata.Eq("age", 10))}, []string{"u0", "u7"}},
			{"not", []strata.Cond{strata.Not(strata.Lt("age", 80))}, []string{"u7", "u8"}},
			{"raw", []strata.Cond{strata.Raw("age * 2 = ?", 60)}, []string{"u2"}},
			{"raw list", []strata.Cond{strata.Raw("age IN (?) AND email <> '?'", []int{10, 20})}, []string{"u0", "u1"}},
			{"fields", []strata.Cond{strata.Fields{"lastName": "Last2", "age": []int{30, 60, 90}}}, []string{"u2", "u5", "u8"}},
			{"fields nil", []strata.Cond{strata.Fields{"age": nil}}, []string{"u9"}},
		}
		for _, tt := range tests {
			got, err := strata.Find[User](db).Where(tt.conds...).Order("id").All(ctx)
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
				continue
			}
			if diff := cmp.Diff(emails(got), tt.want, cmpEmpty); diff != "" {
				t.Errorf("%s (-got +want):\n%s", tt.name, diff)
			}
			n, err := strata.Find[User](db).Where(tt.conds...).Count(ctx)
			if err != nil || n != int64(len(tt.want)) {
				t.Errorf("%s: Count %d, %v; want %d", tt.name, n, err, len(tt.want))
			}
			ok, err := strata.Find[User](db).Where(tt.conds...).Exists(ctx)
			if err != nil || ok != (len(tt.want) > 0) {
				t.Errorf("%s: Exists %v, %v", tt.name, ok, err)
			}
		}

		t.Run("order limit offset", func(t *testing.T) {
			got := must(strata.Find[User](db).Order("age DESC").Limit(3).Offset(1).Where(strata.NotNull("age")).All(ctx))(t)
			if diff := cmp.Diff(emails(got), []string{"u7", "u6", "u5"}); diff != "" {
				t.Errorf("(-got +want):\n%s", diff)
			}
			got = must(strata.Find[User](db).Order("lastName DESC, id ASC").Offset(7).All(ctx))(t)
			if diff := cmp.Diff(emails(got), []string{"u3", "u6", "u9"}); diff != "" {
				t.Errorf("offset without limit (-got +want):\n%s", diff)
			}
		})
		t.Run("one and not found", func(t *testing.T) {
			u := must(strata.Find[User](db).Where(strata.Gt("age", 85)).One(ctx))(t)
			if u.Email != "u8@shop.test" || u.FirstName == nil || *u.FirstName != "First8" || *u.Age != 90 {
				t.Errorf("One: %+v", u)
			}
			_, err := strata.Find[User](db).Where(strata.Gt("age", 1000)).One(ctx)
			var ee *strata.EmptyResultError
			if !errors.As(err, &ee) || !errors.Is(err, strata.ErrNotFound) || ee.Model != "User" || ee.Table != "users" {
				t.Errorf("One with no match: %v", err)
			}
			_, err = strata.Find[User](db).ByPK(ctx, 1_000_000)
			if !errors.Is(err, strata.ErrNotFound) {
				t.Errorf("ByPK missing: %v", err)
			}
		})
		t.Run("select and omit", func(t *testing.T) {
			got := must(strata.Find[User](db).Select("email", "Age").Where(strata.Eq("age", 10)).All(ctx))(t)
			if len(got) != 1 || got[0].Email != "u0@shop.test" || *got[0].Age != 10 || got[0].FirstName != nil || got[0].ID != 0 {
				t.Errorf("Select: %+v", got)
			}
			got = must(strata.Find[User](db).Omit("firstName").Where(strata.Eq("age", 10)).All(ctx))(t)
			if len(got) != 1 || got[0].FirstName != nil || got[0].ID == 0 {
				t.Errorf("Omit: %+v", got)
			}
		})
		t.Run("group having distinct", func(t *testing.T) {
			n := must(strata.Find[User](db).Group("lastName").Count(ctx))(t)
			if n != 3 {
				t.Errorf("groups: %d", n)
			}
			n = must(strata.Find[User](db).Group("lastName").Having(strata.Raw("COUNT(*) > ?", 3)).Count(ctx))(t)
			if n != 1 {
				t.Errorf("groups having more than 3: %d", n)
			}
			names := must(strata.Find[User](db).Select("lastName").Distinct().Order("lastName").All(ctx))(t)
			if len(names) != 3 || names[2].LastName != "Last2" {
				t.Errorf("distinct: %+v", names)
			}
			n = must(strata.Find[User](db).Select("lastName").Distinct().Count(ctx))(t)
			if n != 3 {
				t.Errorf("distinct count: %d", n)
			}
		})
		t.Run("aggregates", func(t *testing.T) {
			q := func() *strata.Query[User] { return strata.Find[User](db).Where(strata.Lt("age", 45)) }
			if v := must(strata.Max[int](ctx, q(), "age"))(t); v != 40 {
				t.Errorf("Max %d", v)
			}
			if v := must(strata.Min[int64](ctx, q(), "Age"))(t); v != 10 {
				t.Errorf("Min %d", v)
			}
			if v := must(strata.Sum[float64](ctx, q(), "age"))(t); v != 100 {
				t.Errorf("Sum %v", v)
			}
			none := strata.Find[User](db).Where(strata.Gt("age", 1000))
			if v := must(strata.Max[*int](ctx, none, "age"))(t); v != nil {
				t.Errorf("Max of nothing %v", *v)
			}
			if _, err := strata.Sum[int](ctx, q(), "agee"); err == nil || !strings.Contains(err.Error(), `did you mean "age"`) {
				t.Errorf("Sum of unknown column: %v", err)
			}
		})
		t.Run("find and count all", func(t *testing.T) {
			rows, n, err := strata.Find[User](db).Where(strata.NotNull("age")).Order("age").Limit(2).Offset(2).FindAndCountAll(ctx)
			if err != nil || n != 9 || !slices.Equal(emails(rows), []string{"u2", "u3"}) {
				t.Errorf("FindAndCountAll: %v %d %v", emails(rows), n, err)
			}
		})
		t.Run("each", func(t *testing.T) {
			var seen []string
			for u, err := range strata.Find[User](db).Order("id").Each(ctx) {
				if err != nil {
					t.Fatal(err)
				}
				seen = append(seen, u.Email)
				if len(seen) == 3 {
					break
				}
			}
			if len(seen) != 3 || tg.DB.Stats().InUse != 0 {
				t.Errorf("Each with break: %v, in use %d", seen, tg.DB.Stats().InUse)
			}
		})
		t.Run("raw", func(t *testing.T) {
			got := must(strata.RawAll[User](ctx, db, "SELECT * FROM users WHERE age IN (?) ORDER BY age", []int{20, 30}))(t)
			if diff := cmp.Diff(emails(got), []string{"u1", "u2"}); diff != "" {
				t.Errorf("RawAll (-got +want):\n%s", diff)
			}
			ages := must(strata.RawAll[int](ctx, db, "SELECT age FROM users WHERE age > ? ORDER BY age", 70))(t)
			if !slices.Equal(ages, []int{80, 90}) {
				t.Errorf("RawAll[int]: %v", ages)
			}
			one := must(strata.RawOne[User](ctx, db, "SELECT id, email FROM users WHERE email = ?", "u4@shop.test"))(t)
			if one.Email != "u4@shop.test" || one.ID == 0 {
				t.Errorf("RawOne: %+v", one)
			}
			_, err := strata.RawOne[User](ctx, db, "SELECT id FROM users WHERE email = ?", "none")
			if !errors.Is(err, strata.ErrNotFound) {
				t.Errorf("RawOne no row: %v", err)
			}
			_, err = strata.RawAll[User](ctx, db, "SELECT id, 1 AS bogus FROM users")
			if err == nil || !strings.Contains(err.Error(), `result column "bogus" has no field in User`) {
				t.Errorf("unknown result column: %v", err)
			}
			// RELIABILITY 28: a bound negative after a minus is arithmetic,
			// never a comment.
			diff := must(strata.RawAll[int](ctx, db, "SELECT age-? FROM users WHERE age+?=0 OR email=?", -1, -10, "x\n OR 1=1 --"))(t)
			if len(diff) != 1 || diff[0] != 11 {
				t.Errorf("age-? with -1: %v", diff)
			}
		})
	})
}

var cmpEmpty = cmp.Comparer(func(a, b []string) bool { return slices.Equal(a, b) })

// A value that does not fit its field is a *ScanError naming the model,
// column and field, never a silent truncation.
func TestScanError(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := shop(t, tg)
		type Narrow struct {
			ID  int
			I32 int8 `strata:"i32"`
		}
		if err := strata.Create(ctx, db, &Sample{Tag: "big", I32: 1000, Dec: "0", At: time.Now()}); err != nil {
			t.Fatal(err)
		}
		_, err := strata.RawAll[Narrow](ctx, db, "SELECT id, i32 FROM samples")
		var se *strata.ScanError
		if !errors.As(err, &se) || !strings.Contains(err.Error(), `column "i32" into field I32 (int8): 1000 overflows int8`) {
			t.Errorf("%T %v", err, err)
		}
	})
}

func TestNotAStruct(t *testing.T) {
	db := must(strata.New(must(sqlitedialect.New().Open("sqlite:"+t.TempDir()+"/x.db"))(t), sqlitedialect.New()))(t)
	_, err := strata.Find[*User](db).All(testCtx(t))
	if err == nil || !strings.Contains(err.Error(), "use Find[User], not Find[*User]") {
		t.Errorf("Find[*User]: %v", err)
	}
	if err := strata.Create(testCtx(t), db, ptr(ptr(User{}))); err == nil {
		t.Errorf("Create of **User accepted")
	}
}
