package seqmodels

// ProductTag is the Sequelize model ProductTag (product_tag.ts, decorators) as a strata model.
type ProductTag struct {
	ProductID int `strata:",pk" json:"productId"`
	TagID     int `strata:",pk" json:"tagId"`
}

// TableName is the table ProductTag is stored in.
func (ProductTag) TableName() string { return "product_tags" }
