package schemadiff

import (
	"testing"
	"time"

	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/schema"
)

// The shop as models declare it, each field as the seed's migrations make
// its column.
type mUser struct {
	ID        int
	FirstName *string
	LastName  *string
	Email     string `strata:",notnull,unique"`
	Age       *int
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (mUser) TableName() string { return "users" }

type mOrder struct {
	ID        int
	Total     *string `strata:",type=DECIMAL(10,2)"`
	UserID    *int
	CreatedAt time.Time
	UpdatedAt time.Time

	User *mUser
}

func (mOrder) TableName() string { return "orders" }

func (mOrder) Associate(a *model.Associations) {
	a.BelongsTo(mUser{}, model.As("User"), model.ForeignKey("UserID"), model.OnDelete(schema.Cascade), model.OnUpdate(schema.NoAction))
}

type mProduct struct {
	ID        int
	Name      string  `strata:",notnull"`
	Price     *string `strata:",type=DECIMAL(10,2)"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (mProduct) TableName() string { return "products" }

// modelSchema is what the registered models want, as CheckSchema builds it.
func modelSchema(t *testing.T, models ...any) *schema.Database {
	t.Helper()
	reg := model.NewRegistry()
	if err := reg.Register(models...); err != nil {
		t.Fatal(err)
	}
	if err := reg.Resolve(); err != nil {
		t.Fatal(err)
	}
	db := &schema.Database{}
	for _, m := range reg.Models() {
		tb, err := m.Schema()
		if err != nil {
			t.Fatal(err)
		}
		db.Tables = append(db.Tables, tb)
	}
	return db
}

// TestModelsAgainstHistory diffs the shop's replayed history with the
// models that describe it: nothing to do, though the two are built
// differently (a model's foreign key comes from its association). With a
// model's field added and the product_orders model missing, the diff is
// that column, and the table is left.
func TestModelsAgainstHistory(t *testing.T) {
	from := shop(t)
	to := modelSchema(t, mUser{}, mOrder{}, mProduct{})
	if fks := to.Table("orders").ForeignKeys; len(fks) != 1 || fks[0].RefTable != "users" {
		t.Fatalf("the models' orders has foreign keys %+v, want the one to users", fks)
	}
	r := roundTrip(t, from, to, Options{})
	if !r.Empty() || len(r.Unmatched) != 1 || r.Unmatched[0] != "product_orders" {
		t.Fatalf("changes %s, unmatched %q; want none and product_orders", kindsText(r), r.Unmatched)
	}
	to.Table("users").Columns = append(to.Table("users").Columns, schema.Column{Name: "nick", Type: schema.String(0)})
	r = roundTrip(t, from, to, Options{})
	if got := kindsText(r); got != "[add column users.nick]" {
		t.Errorf("changes = %s", got)
	}
}
