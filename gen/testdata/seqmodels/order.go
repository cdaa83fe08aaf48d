package seqmodels

import (
	"time"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/schema"
)

// Order is the Sequelize model Order (order.js, init) as a strata model.
//
// TODO(model:import): instanceMethod summary (order.js:11):
//
//	summary() {
//	      return `${this.id}: ${this.total}`;
//	    }
type Order struct {
	ID        int        `json:"id"`
	Total     string     `strata:",notnull,type=DECIMAL(10,2)" json:"total"`
	Status    *string    `strata:",notnull,default='new',size=20" json:"status"`
	UserID    int        `strata:",notnull" json:"userId"`
	CreatedAt time.Time  `json:"createdAt"`
	UpdatedAt time.Time  `json:"updatedAt"`
	DeletedAt *time.Time `json:"deletedAt"`

	User     *User       `json:"user,omitempty"`
	Items    []OrderItem `json:"items,omitzero"`
	Products []Product   `json:"products,omitzero"`
}

// TableName is the table Order is stored in.
func (Order) TableName() string { return "orders" }

// Associate declares the associations of Order, as its associate did.
func (Order) Associate(a *strata.Associations) {
	a.BelongsTo(User{}, strata.ForeignKey("UserID"), strata.OnDelete(schema.Cascade))
	a.HasMany(OrderItem{}, strata.As("Items"), strata.ForeignKey("OrderID"))
	a.BelongsToMany(Product{}, strata.Through(OrderItem{}), strata.ForeignKey("OrderID"), strata.OtherKey("ProductID"))
}
