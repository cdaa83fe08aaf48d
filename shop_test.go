package strata_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
)

// The shop the tests run on: the seed's users, orders, products and
// product_orders (with a quantity), associated as the seed's model files
// associate them, with every feature a model can have.
type User struct {
	ID        int
	FirstName *string
	LastName  string
	Email     string `strata:",notnull,unique" validate:"required,email"`
	Age       *int   `validate:"min=0,max=130"`
	CreatedAt time.Time
	UpdatedAt time.Time
	Version   int `strata:",version"`

	Orders    []Order
	BigOrders []Order // orders of 20 or more (a scoped association)
	Profile   *Profile
}

func (User) Associate(a *strata.Associations) {
	a.HasMany(Order{})
	a.HasMany(Order{}, strata.As("BigOrders"), strata.Scope(strata.Gte("total", 20)))
	a.HasOne(Profile{})
}

type Order struct {
	ID        int
	Total     string `strata:",type=DECIMAL(10,2)"`
	UserID    *int
	Note      *string
	PlacedAt  *time.Time
	CreatedAt time.Time
	UpdatedAt time.Time

	User     *User
	Products []Product
}

func (Order) Associate(a *strata.Associations) {
	a.BelongsTo(User{})
	a.BelongsToMany(Product{}, strata.Through(ProductOrder{}))
}

type Product struct {
	ID        int
	Name      string `strata:",notnull,unique" validate:"len=1..100"`
	Price     string `strata:",type=DECIMAL(10,2)"`
	Stock     *int   `strata:",default=7"` // nil: the database default
	CreatedAt time.Time
	UpdatedAt time.Time
	DeletedAt *time.Time

	Orders       []*Order
	ProductOrder *ProductOrder // the join row, when loaded through Order.Products
}

func (Product) Associate(a *strata.Associations) {
	a.BelongsToMany(Order{}, strata.Through(ProductOrder{}))
}

// ProductOrder is the join model of orders and products; it carries the
// quantity of the product in the order.
type ProductOrder struct {
	ID        int
	ProductID int `strata:",notnull"`
	OrderID   int `strata:",notnull"`
	Quantity  int `strata:",notnull,default=1"`
	CreatedAt time.Time
	UpdatedAt time.Time

	Product *Product
	Order   *Order
}

func (ProductOrder) TableName() string { return "product_orders" }

func (ProductOrder) Associate(a *strata.Associations) {
	a.BelongsTo(Product{})
	a.BelongsTo(Order{})
}

// Profile is a user's one profile (hasOne); it holds its user by value.
type Profile struct {
	ID     int
	UserID int `strata:",notnull,unique"`
	Bio    string
	User   User
}

func (Profile) Associate(a *strata.Associations) { a.BelongsTo(User{}) }

// Sample holds one value of each kind, for round trips.
type Sample struct {
	ID    int64
	I64   int64
	I32   int32
	F64   float64
	Dec   string `strata:",type=DECIMAL(20,6)"`
	Text  string `strata:",type=TEXT"`
	Str   string `strata:",size=100"`
	Blob  []byte
	At    time.Time
	AtPtr *time.Time
	Flag  bool
	PStr  *string
	PInt  *int64
	Tag   string `strata:",unique"`
}

// Canary must never change during the injection tests.
type Canary struct {
	ID    int
	Value string
}

var shopModels = []any{User{}, Order{}, Product{}, ProductOrder{}, Profile{}, Sample{}, Canary{}}

func testCtx(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// each runs fn on every dialect whose server is available, each with a
// fresh database.
func each(t *testing.T, fn func(t *testing.T, tg *dialecttest.Target)) {
	t.Helper()
	dbtest.Each(t, fn)
}

// queryCounter counts the statements strata runs.
type queryCounter struct{ n atomic.Int64 }

func (c *queryCounter) hook() strata.QueryHook {
	return strata.QueryHookFunc(func(context.Context, *strata.QueryEvent) { c.n.Add(1) })
}

// shop opens tg with the shop models and creates their tables.
func shop(t *testing.T, tg *dialecttest.Target, opts ...strata.Option) *strata.DB {
	t.Helper()
	db, err := strata.New(tg.DB, tg.Dialect, append([]strata.Option{strata.WithModels(shopModels...)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Sync(testCtx(t)); err != nil {
		t.Fatal(err)
	}
	return db
}

func ptr[T any](v T) *T { return &v }

// must(f())(t) is f's value, failing t on f's error.
func must[T any](v T, err error) func(testing.TB) T {
	return func(t testing.TB) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// fieldFailed reports whether err is a *ValidationError with a failure
// of rule for field.
func fieldFailed(err error, field, rule string) bool {
	var ve *strata.ValidationError
	if !errors.As(err, &ve) {
		return false
	}
	for _, fe := range ve.Field(field) {
		if fe.Rule == rule {
			return true
		}
	}
	return false
}
