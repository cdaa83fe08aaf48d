package seqmodels

import (
	"github.com/strata-orm/strata"
)

// Tag is the Sequelize model Tag (tag.ts, decorators) as a strata model.
type Tag struct {
	ID    int    `json:"id"`
	Label string `strata:",notnull,unique,size=30" json:"label"`

	Products []Product `json:"products,omitzero"`
}

// TableName is the table Tag is stored in.
func (Tag) TableName() string { return "tags" }

// Associate declares the associations of Tag, as its associate did.
func (Tag) Associate(a *strata.Associations) {
	a.BelongsToMany(Product{}, strata.Through(ProductTag{}), strata.ForeignKey("TagID"), strata.OtherKey("ProductID"))
}
