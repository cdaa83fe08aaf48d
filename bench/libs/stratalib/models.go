package stratalib

import (
	"context"
	"time"

	"github.com/strata-orm/strata"

	"github.com/strata-orm/strata/bench/shop"
)

// The shop as strata models with associations: the tables of the plain
// structs, and the fields that hold associated rows.
type (
	User struct {
		ID        int64
		FirstName string
		LastName  string
		Email     string
		Age       int
		CreatedAt time.Time
		UpdatedAt time.Time
		Orders    []Order
	}
	Order struct {
		ID        int64
		Total     float64
		UserID    int64
		CreatedAt time.Time
		UpdatedAt time.Time
		Products  []Product
	}
	Product struct {
		ID           int64
		Name         string
		Price        float64
		CreatedAt    time.Time
		UpdatedAt    time.Time
		ProductOrder *ProductOrder // the join row, with the quantity
	}
	ProductOrder struct {
		ID        int64
		ProductID int64
		OrderID   int64
		Quantity  int
	}
)

// Associate declares that a user has many orders (orders.userId).
func (User) Associate(a *strata.Associations) { a.HasMany(Order{}) }

// Associate declares that an order has many products through
// product_orders (orderId, productId).
func (Order) Associate(a *strata.Associations) {
	a.BelongsToMany(Product{}, strata.Through(ProductOrder{}))
}

// TableName is the seed's join table.
func (ProductOrder) TableName() string { return "product_orders" }

func (l *lib) eagerHasMany(ctx context.Context, after int64) ([]User, error) {
	return strata.Find[User](l.eager).Where(strata.Gt("id", after)).Order("id").Limit(shop.ManyN).
		Include("Orders").All(ctx)
}

func (l *lib) eagerManyToMany(ctx context.Context, after int64) ([]Order, error) {
	return strata.Find[Order](l.eager).Where(strata.Gt("id", after)).Order("id").Limit(shop.ManyN).
		Include("Products", strata.ThroughOrder("id")).All(ctx)
}

func (l *lib) eagerNested(ctx context.Context, after int64) ([]User, error) {
	return strata.Find[User](l.eager).Where(strata.Gt("id", after)).Order("id").Limit(shop.NestedN).
		Include("Orders").Include("Orders.Products", strata.ThroughOrder("id")).All(ctx)
}

// Conversions to the plain structs, for the equality test only.

func plainUsers(us []User) []shop.User {
	ps := make([]shop.User, len(us))
	for i, u := range us {
		ps[i] = shop.User{ID: u.ID, FirstName: u.FirstName, LastName: u.LastName, Email: u.Email, Age: u.Age, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt}
		if len(u.Orders) > 0 {
			ps[i].Orders = plainOrders(u.Orders)
		}
	}
	return ps
}

func plainOrders(os []Order) []shop.Order {
	ps := make([]shop.Order, len(os))
	for i, o := range os {
		ps[i] = shop.Order{ID: o.ID, Total: o.Total, UserID: o.UserID, CreatedAt: o.CreatedAt, UpdatedAt: o.UpdatedAt}
		for _, p := range o.Products {
			ps[i].Items = append(ps[i].Items, shop.Item{Quantity: p.ProductOrder.Quantity, Product: shop.Product{
				ID: p.ID, Name: p.Name, Price: p.Price, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}})
		}
	}
	return ps
}
