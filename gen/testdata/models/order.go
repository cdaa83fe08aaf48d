package models

import (
	"time"
)

// Order is a row of the orders table.
type Order struct {
	ID        int       `json:"id"`
	Total     *int      `json:"total"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// TableName is the table Order is stored in.
func (Order) TableName() string { return "orders" }
