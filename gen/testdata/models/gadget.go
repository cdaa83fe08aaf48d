package models

import (
	"encoding/json"
	"time"
)

// Gadget is a row of the gadgets table.
type Gadget struct {
	ID        int             `json:"id"`
	Email     string          `strata:",notnull,unique" json:"email"`
	Role      *string         `strata:",type=ENUM('admin','guest user')" json:"role"`
	Price     *string         `strata:",default=0,type=DECIMAL(10,2)" json:"price"`
	UID       *string         `strata:",default=uuidv4,type=UUID" json:"uid"`
	SeenAt    *time.Time      `strata:",default=now" json:"seenAt"`
	Ok        *bool           `strata:",notnull,default=true" json:"ok"`
	Stock     *int            `strata:",notnull,default=10" json:"stock"`
	Bio       *string         `strata:",default='it''s, you',type=TEXT" json:"bio"`
	Born      *time.Time      `strata:",type=DATEONLY" json:"born"`
	Score     *float64        `json:"score"`
	Meta      json.RawMessage `json:"meta"`
	Raw       []byte          `json:"raw"`
	CreatedAt time.Time       `json:"createdAt"`
	UpdatedAt time.Time       `json:"updatedAt"`
}

// TableName is the table Gadget is stored in.
func (Gadget) TableName() string { return "gadgets" }
