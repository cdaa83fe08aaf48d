package seqoptions

import (
	"time"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/schema"
)

// Membership is the Sequelize model Membership (membership.js, init) as a strata model.
//
// TODO(model:import): classMethod active (membership.js:10):
//
//	active() {
//	      return this.findAll({ where: { kind: "team" } });
//	    }
//
// TODO(model:import): hook beforeSave (membership.js:19):
//
//	(m) => {
//	    m.level = m.level || 1;
//	  }
type Membership struct {
	ID    int        `json:"id"`
	Kind  string     `strata:",notnull,type=ENUM('team','solo')" json:"kind"`
	Since *time.Time `strata:",type=DATEONLY" json:"since"`
	Level *int16     `json:"level"`
	// added by an association: Sequelize makes this foreign key without the model declaring it
	AccountUUID string `strata:",notnull,type=UUID" json:"accountUuid"`
	// added by an association: Sequelize makes this foreign key without the model declaring it
	GroupID *int `strata:"GroupId" json:"GroupId"`

	Account *Account `json:"account,omitempty"`
	Group   *Group   `json:"Group,omitempty"`
}

// TableName is the table Membership is stored in.
func (Membership) TableName() string { return "Memberships" }

// Associate declares the associations of Membership, as its associate did.
func (Membership) Associate(a *strata.Associations) {
	a.BelongsTo(Account{}, strata.TargetKey("UUID"), strata.ForeignKey("AccountUUID"), strata.Constraints(false))
	a.BelongsTo(Group{}, strata.ForeignKey("GroupID"), strata.OnDelete(schema.Restrict), strata.OnUpdate(schema.NoAction))
}
