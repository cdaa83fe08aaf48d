package models

import (
	"time"
)

// Product is a row of the products table.
type Product struct {
	ID        int       `json:"id"`
	Name      string    `strata:",notnull" json:"name"`
	Price     *string   `strata:",type=DECIMAL(10,2)" json:"price"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// TableName is the table Product is stored in.
func (Product) TableName() string { return "products" }
