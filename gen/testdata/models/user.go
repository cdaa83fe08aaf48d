package models

import (
	"time"
)

// User is a row of the users table.
type User struct {
	ID        int       `json:"id"`
	FirstName *string   `json:"firstName"`
	LastName  *string   `json:"lastName"`
	Email     *string   `json:"email"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// TableName is the table User is stored in.
func (User) TableName() string { return "users" }
