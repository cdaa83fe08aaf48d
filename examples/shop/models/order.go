package models

import (
	"time"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/schema"
)

// Order is a row of the orders table.
type Order struct {
	ID        int       `json:"id"`
	Total     *string   `strata:",type=DECIMAL(10,2)" json:"total"`
	UserID    *int      `json:"userId"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`

	User     *User     `json:"user,omitempty"`
	Products []Product `json:"products,omitzero"` // [] when included and empty, left out when not loaded
}

// TableName is the table Order is stored in.
func (Order) TableName() string { return "orders" }

// Associate declares the order's associations: it belongs to a user and has
// many products through the product_orders join table.
func (Order) Associate(a *strata.Associations) {
	a.BelongsTo(User{}, strata.OnDelete(schema.Cascade))
	a.BelongsToMany(Product{}, strata.Through(ProductOrder{}))
}

// OrderProducts is the seed's order.addProduct and friends, checked by the
// compiler.
var OrderProducts = strata.BelongsToMany[Order, Product]("Products")
