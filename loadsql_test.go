package strata

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/strata-orm/strata/internal/golden"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialect/mysqldialect"
	"github.com/strata-orm/strata/dialect/pgdialect"
	"github.com/strata-orm/strata/dialect/sqlitedialect"
)

// The shop, as the golden SQL sees it.
type (
	gUser struct {
		ID        int
		Email     string
		ManagerID *int
		Orders    []gOrder
		Manager   *gUser
	}
	gOrder struct {
		ID        int
		GUserID   *int
		Total     string
		DeletedAt *time.Time
		GUser     *gUser
		GProducts []gProduct
	}
	gProduct struct {
		ID        int
		Name      string
		GLink     *gLink
		DeletedAt *time.Time
	}
	gLink struct {
		ID         int
		GOrderID   int
		GProductID int
		Quantity   int
	}
)

func (gUser) TableName() string    { return "users" }
func (gOrder) TableName() string   { return "orders" }
func (gProduct) TableName() string { return "products" }
func (gLink) TableName() string    { return "product_orders" }

func (gUser) Associate(a *Associations) {
	a.HasMany(gOrder{}, As("Orders"))
	a.BelongsTo(gUser{}, As("Manager"))
}
func (gOrder) Associate(a *Associations) {
	a.BelongsTo(gUser{})
	a.BelongsToMany(gProduct{}, Through(gLink{}))
}

// The SQL of includes, per dialect, pinned by golden files
// (go test -run TestIncludeGoldenSQL -update rewrites them).
func TestIncludeGoldenSQL(t *testing.T) {
	sqlDB, err := sqlitedialect.New().Open("sqlite::memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer sqlDB.Close()
	for _, d := range []dialect.Dialect{pgdialect.New(), mysqldialect.New(), sqlitedialect.New()} {
		f := dialect.StandardQueryFeatures()
		db, err := New(sqlDB, d, WithModels(gUser{}, gOrder{}, gProduct{}, gLink{}), WithFeatures(f))
		if err != nil {
			t.Fatal(err)
		}
		var out strings.Builder
		level := func(name string, q *Query[gUser], path string) {
			if q.err != nil {
				t.Fatalf("%s: %v", name, q.err)
			}
			n := q.incs[0]
			for _, p := range strings.Split(path, ".")[1:] {
				for _, c := range n.children {
					if c.a.Name == p {
						n = c
					}
				}
			}
			b := db.builder(&f)
			if err := buildLevel(b, new(levelScratch), n, n.readFields(), n.throughFields(), []any{1, 2}); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			fmt.Fprintf(&out, "-- %s\n%s\n\n", name, b.SQL())
		}
		level("hasMany", Find[gUser](db).Include("Orders"), "Orders")
		level("hasMany with where, order, attributes", Find[gUser](db).Include("Orders", Where(Gt("total", "5")), Order("total DESC"), Attributes("total")), "Orders")
		level("hasMany with limit per parent", Find[gUser](db).Include("Orders", Order("total DESC"), LimitPer(3)), "Orders")
		level("hasMany with a required nested include", Find[gUser](db).Include("Orders", Include("GProducts", Required(), Where(Eq("name", "apple")))), "Orders")
		level("belongsTo", Find[gUser](db).Include("Orders.GUser"), "Orders.GUser")
		level("belongsToMany with the join row", Find[gUser](db).Include("Orders.GProducts", ThroughWhere(Gte("quantity", 2))), "Orders.GProducts")
		level("belongsToMany with limit per parent", Find[gUser](db).Include("Orders.GProducts", LimitPer(1), Paranoid(false), ThroughOrder("quantity DESC")), "Orders.GProducts")

		b := db.builder(&f)
		q := Find[gUser](db).Include("Orders", Required()).Include("Manager", Join()).Include("Manager.Manager", Join()).Where(Eq("email", "a")).Order("id").Limit(10).Offset(20)
		text, err := q.buildJoined(b, joinNodes(q.incs, nil, nil), &f)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&out, "-- root with a required include and joined self-associations\n%s\n\n", text)

		b = db.builder(&f)
		s := Find[gUser](db).Include("Orders", Include("GProducts", Required()), Required()).Where(Eq("email", "a")).selectStmt()
		if err := s.Build(b, db.reg.Models()[0]); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&out, "-- root with nested required includes\n%s\n", b.SQL())

		path := filepath.Join("testdata", "golden", "include_"+d.Name()+".sql")
		golden.Check(t, path, []byte(out.String()))
	}
}

// With = ANY (PostgreSQL), integer keys are one array parameter, so one
// statement text serves any number of parents; other keys stay an IN list.
func TestLevelAnyArray(t *testing.T) {
	sqlDB, err := sqlitedialect.New().Open("sqlite::memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer sqlDB.Close()
	f := dialect.StandardQueryFeatures()
	f.AnyArray = true
	db, err := New(sqlDB, pgdialect.New(), WithModels(gUser{}, gOrder{}, gProduct{}, gLink{}), WithFeatures(f))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		keys      []any
		wantWhere string
		wantArgs  []any
	}{
		{[]any{int64(1), int64(2), int64(3)}, `WHERE "orders"."gUserId" = ANY($1)`, []any{[]int64{1, 2, 3}}},
		{[]any{int64(7)}, `WHERE "orders"."gUserId" = ANY($1)`, []any{[]int64{7}}},
		{[]any{"a", "b"}, `WHERE "orders"."gUserId" IN ($1, $2)`, []any{"a", "b"}},
		{[]any{int64(1), "b"}, `WHERE "orders"."gUserId" IN ($1, $2)`, []any{int64(1), "b"}},
	}
	q := Find[gUser](db).Include("Orders")
	n := q.incs[0]
	for _, tt := range tests {
		b := db.builder(&f)
		if err := buildLevel(b, new(levelScratch), n, n.readFields(), n.throughFields(), tt.keys); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.SQL(), tt.wantWhere) {
			t.Errorf("keys %v: %s\nwant %s", tt.keys, b.SQL(), tt.wantWhere)
		}
		if diff := cmp.Diff(b.Args, tt.wantArgs); diff != "" {
			t.Errorf("keys %v: args (-got +want):\n%s", tt.keys, diff)
		}
	}
}
