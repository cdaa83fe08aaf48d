package models

import (
	"time"

	"github.com/strata-orm/strata"
)

// Product is a row of the products table.
type Product struct {
	ID        int       `json:"id"`
	Name      string    `strata:",notnull" json:"name" validate:"required,len=1..255"`
	Price     *string   `strata:",type=DECIMAL(10,2)" json:"price"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`

	// ProductOrder is the join row (with its quantity) when the product is
	// loaded through an order.
	ProductOrder *ProductOrder `json:"productOrder,omitempty"`

	Orders []Order `json:"orders,omitzero"` // [] when included and empty, left out when not loaded
}

// TableName is the table Product is stored in.
func (Product) TableName() string { return "products" }

// Associate declares the product's associations: it is in many orders.
func (Product) Associate(a *strata.Associations) {
	a.BelongsToMany(Order{}, strata.Through(ProductOrder{}))
}
