package seqoptions

import (
	"time"
)

// AccountGroup is the Sequelize model account_groups (account.js, implicit through model) as a strata model.
type AccountGroup struct {
	// a key of the join table Sequelize makes for through: "account_groups"
	AccountUUID string `strata:",pk,type=UUID" json:"accountUuid"`
	// a key of the join table Sequelize makes for through: "account_groups"
	GroupID   int       `strata:",pk" json:"groupId"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// TableName is the table AccountGroup is stored in.
func (AccountGroup) TableName() string { return "account_groups" }
