package models

import (
	"time"
)

// UserProfile is a row of the user_profiles table.
type UserProfile struct {
	ID          int       `json:"id"`
	DisplayName *string   `strata:"display_name" json:"displayName"`
	CreatedAt   time.Time `strata:"created_at" json:"createdAt"`
	UpdatedAt   time.Time `strata:"updated_at" json:"updatedAt"`
}

// TableName is the table UserProfile is stored in.
func (UserProfile) TableName() string { return "user_profiles" }
