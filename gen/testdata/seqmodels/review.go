package seqmodels

import (
	"time"

	"github.com/strata-orm/strata"
)

// Review is the Sequelize model Review (review.ts, decorators) as a strata model.
type Review struct {
	ID        int       `json:"id"`
	Stars     int       `strata:",notnull" json:"stars"`
	Body      *string   `strata:",type=TEXT" json:"body"`
	ProductID int       `strata:",notnull" json:"productId"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`

	Product *Product `json:"product,omitempty"`
}

// TableName is the table Review is stored in.
func (Review) TableName() string { return "reviews" }

// ModelOptions names the columns of Review in snake_case (underscored: true).
func (Review) ModelOptions() strata.ModelOptions { return strata.ModelOptions{Underscored: true} }

// Associate declares the associations of Review, as its associate did.
func (Review) Associate(a *strata.Associations) {
	a.BelongsTo(Product{}, strata.ForeignKey("ProductID"))
}
