package seqmodels

import (
	"time"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/schema"
)

// User is the Sequelize model User (user.js, define) as a strata model.
//
// TODO(model:import): hooks beforeCreate (user.js:12):
//
//	beforeCreate(user) {
//	        user.email = user.email.toLowerCase();
//	      }
type User struct {
	ID        int       `json:"id"`
	FirstName string    `strata:",notnull,size=100" json:"firstName" validate:"len=1..100"`
	Email     string    `strata:",notnull,unique" json:"email" validate:"email"`
	Age       *int      `json:"age" validate:"min=0,max=150"`
	Role      *string   `strata:",notnull,default='member',type=ENUM('admin','member')" json:"role"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`

	Orders  []Order  `json:"orders,omitzero"`
	Profile *Profile `json:"profile,omitempty"`
}

// TableName is the table User is stored in.
func (User) TableName() string { return "users" }

// Associate declares the associations of User, as its associate did.
func (User) Associate(a *strata.Associations) {
	a.HasMany(Order{}, strata.ForeignKey("UserID"), strata.OnDelete(schema.Cascade))
	a.HasOne(Profile{}, strata.ForeignKey("UserID"))
}
