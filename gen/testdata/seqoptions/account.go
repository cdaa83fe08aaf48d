package seqoptions

import (
	"encoding/json"
	"time"

	"github.com/strata-orm/strata"
)

// Account is the Sequelize model Account (account.js, define) as a strata model.
//
// TODO(model:import): the key uuid has defaultValue UUIDV4, which Sequelize fills in itself: a strata key field is no pointer, so Create writes it as it is; set it (uuid.NewString()) before Create
//
// TODO(model:import): getter of name (account.js:8):
//
//	get() {
//	        return this.getDataValue("name").trim();
//	      }
//
// TODO(model:import): setter of name (account.js:11):
//
//	set(v) {
//	        this.setDataValue("name", String(v));
//	      }
//
// TODO(model:import): validator isUpper of plan (account.js:18):
//
//	isUpper(value) {
//	      if (value !== value.toUpperCase()) throw new Error("upper");
//	    }
//
// TODO(model:import): validation isEmail of email has the message "not an e-mail address", which strata's rule email does not carry
//
// TODO(model:import): attribute fullName is VIRTUAL (no column); its getter (line 22):
//
//	get() {
//	      return this.name;
//	    }
//
// TODO(model:import): scopes pro (account.js):
//
//	{"where":{"plan":"pro"}}
//
// TODO(model:import): hook afterCreate (account.js:32):
//
//	(account) => {
//	    console.log("created", account.uuid);
//	  }
type Account struct {
	UUID      string               `strata:",pk,default=uuidv4,type=UUID" json:"uuid"`
	Name      string               `strata:",notnull,size=60" json:"name"`
	Score     *float64             `strata:",default=0" json:"score"`
	Tags      strata.Array[string] `strata:",type=ARRAY(STRING(255))" json:"tags"`
	Meta      json.RawMessage      `json:"meta"`
	Plan      *string              `strata:",size=10" json:"plan" validate:"oneof=free|pro"`
	Email     *string              `strata:",unique=account_email_team" json:"email" validate:"email"`
	Team      *string              `strata:"team_name,unique=account_email_team,size=20" json:"team"`
	Joined    *time.Time           `strata:",default=now" json:"joined"`
	CreatedAt time.Time            `strata:"created_on" json:"createdAt"`
	DeletedAt *time.Time           `strata:"removed_at" json:"deletedAt"`

	TeamMemberships []Membership `json:"teamMemberships,omitzero"`
	Groups          []Group      `json:"groups,omitzero"`
}

// TableName is the table Account is stored in.
func (Account) TableName() string { return "Account" }

// ModelOptions names the columns of Account in snake_case (underscored: true).
func (Account) ModelOptions() strata.ModelOptions { return strata.ModelOptions{Underscored: true} }

// Associate declares the associations of Account, as its associate did.
func (Account) Associate(a *strata.Associations) {
	a.HasMany(Membership{}, strata.As("TeamMemberships"), strata.SourceKey("UUID"), strata.ForeignKey("AccountUUID"), strata.Constraints(false), strata.Scope(strata.Eq("kind", "team")))
	a.BelongsToMany(Group{}, strata.Through(AccountGroup{}), strata.ForeignKey("AccountUUID"), strata.OtherKey("GroupID"))
}
