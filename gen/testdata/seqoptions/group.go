package seqoptions

import (
	"time"

	"github.com/strata-orm/strata"
)

// Group is the Sequelize model Group (group.mjs, define) as a strata model.
type Group struct {
	ID        int       `json:"id"`
	Title     string    `strata:",notnull" json:"title"`
	Budget    *string   `strata:",type=DECIMAL(12,2)" json:"budget"`
	Open      *bool     `strata:",notnull,default=true" json:"open"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`

	Accounts    []Account    `json:"accounts,omitzero"`
	Memberships []Membership `json:"Memberships,omitzero"`
}

// TableName is the table Group is stored in.
func (Group) TableName() string { return "groups" }

// Associate declares the associations of Group, as its associate did.
func (Group) Associate(a *strata.Associations) {
	a.BelongsToMany(Account{}, strata.Through(AccountGroup{}), strata.ForeignKey("GroupID"), strata.OtherKey("AccountUUID"))
	a.HasMany(Membership{}, strata.ForeignKey("GroupID"))
}
