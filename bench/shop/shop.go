// Package shop is the benchmark's data: the seed's shop (users, orders,
// products and the product_orders join table with a quantity) as plain Go
// structs, the deterministic rows every database is seeded with, and the
// results every library must return for each read scenario.
//
// The plain structs are what every library's result is compared as. Libraries
// without types of their own (pgx, database/sql, sqlx) return them directly;
// the ORMs return their own models, which are converted for comparison only.
package shop

import "time"

// Sizes of the seeded data.
const (
	Users            = 1000 // seeded users, ids 1..Users
	OrdersPerUser    = 10   // orders per user; order ids 1..Users*OrdersPerUser
	Orders           = Users * OrdersPerUser
	Products         = 200 // seeded products, ids 1..Products
	ProductsPerOrder = 3   // product_orders rows per order
)

// Sizes of the read scenarios.
const (
	ManyN   = 100 // rows FindMany100, EagerHasMany and EagerManyToMany read
	NestedN = 50  // users EagerNested reads
)

// User is one row of users, with its orders when a scenario loads them.
type User struct {
	ID        int64     `db:"id"`
	FirstName string    `db:"firstName"`
	LastName  string    `db:"lastName"`
	Email     string    `db:"email"`
	Age       int       `db:"age"`
	CreatedAt time.Time `db:"createdAt"`
	UpdatedAt time.Time `db:"updatedAt"`
	Orders    []Order   `db:"-"`
}

// Order is one row of orders, with its items when a scenario loads them.
type Order struct {
	ID        int64     `db:"id"`
	Total     float64   `db:"total"`
	UserID    int64     `db:"userId"`
	CreatedAt time.Time `db:"createdAt"`
	UpdatedAt time.Time `db:"updatedAt"`
	Items     []Item    `db:"-"`
}

// Item is one product of an order with the quantity its product_orders row
// gives.
type Item struct {
	Quantity int
	Product  Product
}

// Product is one row of products.
type Product struct {
	ID        int64     `db:"id"`
	Name      string    `db:"name"`
	Price     float64   `db:"price"`
	CreatedAt time.Time `db:"createdAt"`
	UpdatedAt time.Time `db:"updatedAt"`
}

// ProductOrder is one row of the product_orders join table.
type ProductOrder struct {
	ID        int64
	ProductID int64
	OrderID   int64
	Quantity  int
	CreatedAt time.Time
	UpdatedAt time.Time
}
