package models

import (
	"encoding/json"
	"time"

	"github.com/strata-orm/strata"
)

// Widget is a row of the widgets table.
type Widget struct {
	ID        int                  `json:"id"`
	Tags      strata.Array[string] `strata:",type=ARRAY(STRING(255))" json:"tags"`
	Status    *string              `strata:",type=ENUM('active','inactive')" json:"status"`
	Flag      *bool                `json:"flag"`
	Body      *string              `strata:",type=TEXT" json:"body"`
	Born      *time.Time           `strata:",type=DATEONLY" json:"born"`
	Meta      json.RawMessage      `json:"meta"`
	UID       *string              `strata:",default=uuidv4,type=UUID" json:"uid"`
	Big       *int64               `json:"big"`
	F         *float32             `json:"f"`
	D         *float64             `json:"d"`
	R         *float32             `json:"r"`
	Ts        *time.Time           `json:"ts"`
	Price     *string              `strata:",notnull,default=0,type=DECIMAL(10,2)" json:"price"`
	UserID    *int                 `json:"userId"`
	Email     string               `strata:",notnull,unique,type=STRING(100)" json:"email"`
	CreatedAt time.Time            `json:"createdAt"`
	UpdatedAt time.Time            `json:"updatedAt"`
}

// TableName is the table Widget is stored in.
func (Widget) TableName() string { return "widgets" }
