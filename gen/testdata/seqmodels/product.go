package seqmodels

import (
	"time"

	"github.com/strata-orm/strata"
)

// Product is the Sequelize model Product (product.ts, decorators) as a strata model.
type Product struct {
	ID        int       `json:"id"`
	Sku       string    `strata:",notnull,unique,size=40" json:"sku"`
	Name      string    `strata:",notnull" json:"name"`
	Stock     *int      `strata:",notnull,default=0" json:"stock"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`

	OrderItem *OrderItem `json:"OrderItem,omitempty"`
	Reviews   []Review   `json:"reviews,omitzero"`
	Tags      []Tag      `json:"tags,omitzero"`
}

// TableName is the table Product is stored in.
func (Product) TableName() string { return "products" }

// Associate declares the associations of Product, as its associate did.
func (Product) Associate(a *strata.Associations) {
	a.HasMany(Review{}, strata.ForeignKey("ProductID"))
	a.BelongsToMany(Tag{}, strata.Through(ProductTag{}), strata.ForeignKey("ProductID"), strata.OtherKey("TagID"))
}
