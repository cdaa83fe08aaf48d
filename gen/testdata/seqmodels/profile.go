package seqmodels

import (
	"time"

	"github.com/strata-orm/strata"
)

// Profile is the Sequelize model Profile (profile.js, init) as a strata model.
//
// TODO(model:import): getter displayBio (profile.js:10):
//
//	get displayBio() {
//	      return this.bio || "";
//	    }
type Profile struct {
	ID        int       `json:"id"`
	Bio       *string   `strata:",type=TEXT" json:"bio"`
	UserID    int       `strata:",notnull,unique" json:"userId"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`

	User *User `json:"user,omitempty"`
}

// TableName is the table Profile is stored in.
func (Profile) TableName() string { return "profiles" }

// ModelOptions names the columns of Profile in snake_case (underscored: true).
func (Profile) ModelOptions() strata.ModelOptions { return strata.ModelOptions{Underscored: true} }

// Associate declares the associations of Profile, as its associate did.
func (Profile) Associate(a *strata.Associations) {
	a.BelongsTo(User{}, strata.ForeignKey("UserID"))
}
