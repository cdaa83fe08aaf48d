package models

import (
	"time"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/schema"
)

// User is a row of the users table.
type User struct {
	ID        int       `json:"id"`
	FirstName *string   `json:"firstName" validate:"len=0..255"`
	LastName  *string   `json:"lastName" validate:"len=0..255"`
	Email     string    `strata:",notnull,unique" json:"email" validate:"required,email"`
	Age       *int      `json:"age" validate:"min=0,max=150"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`

	// Orders is set when included (Include("Orders")): [] in JSON for a
	// user without orders, left out when not loaded (omitzero: only a nil
	// slice is zero).
	Orders []Order `json:"orders,omitzero"`
}

// TableName is the table User is stored in.
func (User) TableName() string { return "users" }

// Associate declares the user's associations: a user has many orders.
func (User) Associate(a *strata.Associations) {
	a.HasMany(Order{}, strata.OnDelete(schema.Cascade))
}
