package models

import (
	"time"
)

// ProductOrder is a row of the product_orders join table: one product in
// one order, and how many of it.
type ProductOrder struct {
	ID        int       `json:"id"`
	ProductID int       `strata:",notnull" json:"productId"`
	OrderID   int       `strata:",notnull" json:"orderId"`
	Quantity  *int      `strata:",notnull,default=1" json:"quantity" validate:"min=1"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// TableName is the table ProductOrder is stored in.
func (ProductOrder) TableName() string { return "product_orders" }
