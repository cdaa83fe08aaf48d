package drift_test

import (
	"context"
	"testing"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/drift"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
)

type rtPerson struct {
	ID       int
	Email    string  `strata:",notnull,unique,size=120"`
	Status   string  `strata:",notnull,default=active,type=ENUM('active','gone')"`
	Score    int     `strata:",notnull,default=3"`
	Nick     *string `strata:",unique=nick_per_team"`
	Team     *int    `strata:",unique=nick_per_team"`
	ParentID *int
	Parent   *rtPerson
	Clubs    []rtClub
}

func (rtPerson) TableName() string { return "people" }
func (rtPerson) Associate(a *strata.Associations) {
	a.BelongsTo(rtPerson{}, strata.As("Parent"), strata.ForeignKey("ParentID"))
	a.BelongsToMany(rtClub{}, strata.Through(rtMember{}))
}

type rtClub struct {
	ID   int
	Name string `strata:",notnull"`
}

func (rtClub) TableName() string { return "clubs" }

type rtMember struct {
	RtPersonID int    `strata:",pk"`
	RtClubID   int    `strata:",pk"`
	Role       string `strata:",notnull,default=member"`
	RtPerson   *rtPerson
	RtClub     *rtClub
}

func (rtMember) TableName() string { return "members" }
func (rtMember) Associate(a *strata.Associations) {
	a.BelongsTo(rtPerson{}, strata.ForeignKey("RtPersonID"))
	a.BelongsTo(rtClub{}, strata.ForeignKey("RtClubID"))
}

// TestGeneratedHistoryIsClean: a migration generated from models with a
// unique key, a composite unique, an enum with a default, a
// self-reference and a join model on a composite key, applied on each
// dialect, leaves Check clean (no false drift on a database as its own
// migration built it), and its Down empties the database.
func TestGeneratedHistoryIsClean(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := context.Background()
		models := []any{rtPerson{}, rtClub{}, rtMember{}}
		res, err := drift.Generate(drift.Project{Models: models, Dialect: tg.Dialect}, drift.GenerateOptions{})
		if err != nil {
			t.Fatal(err)
		}
		reg := migrate.Registry{{Name: "20260101000000-init", Up: res.Up, Down: res.Down}}
		src := []migrate.Option{migrate.WithGo(reg)}
		m, err := migrate.New(tg.DB, tg.Dialect, src...)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := m.Up(ctx); err != nil {
			t.Fatal(err)
		}
		rep, err := drift.Check(ctx, drift.Project{Models: models, Migrations: src, Dialect: tg.Dialect, DB: tg.DB})
		if err != nil {
			t.Fatal(err)
		}
		if !rep.Clean() {
			t.Errorf("db:check on the database its generated migration built:\n%s", rep)
		}
		if _, err := m.Undo(ctx); err != nil {
			t.Fatal(err)
		}
		live, err := tg.Dialect.Inspect(ctx, tg.DB, "SequelizeMeta")
		if err != nil {
			t.Fatal(err)
		}
		if len(live.Tables) != 0 {
			t.Errorf("Down left %v", live.Tables)
		}
	})
}
