package seqmodels

import (
	"github.com/strata-orm/strata"
)

// OrderItem is the Sequelize model OrderItem (order_item.js, define) as a strata model.
type OrderItem struct {
	ID        int  `json:"id"`
	OrderID   int  `strata:",notnull" json:"orderId"`
	ProductID int  `strata:",notnull" json:"productId"`
	Quantity  *int `strata:",notnull,default=1" json:"quantity"`

	Order   *Order   `json:"order,omitempty"`
	Product *Product `json:"product,omitempty"`
}

// TableName is the table OrderItem is stored in.
func (OrderItem) TableName() string { return "order_items" }

// Associate declares the associations of OrderItem, as its associate did.
func (OrderItem) Associate(a *strata.Associations) {
	a.BelongsTo(Order{}, strata.ForeignKey("OrderID"))
	a.BelongsTo(Product{}, strata.ForeignKey("ProductID"))
}
