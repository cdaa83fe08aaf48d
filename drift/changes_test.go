package drift_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/drift"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
)

type rtPerson2 struct {
	ID       int
	Email    string  `strata:",notnull,size=120"`
	Status   string  `strata:",notnull,default=active,type=ENUM('active','gone','banned')"`
	Score    int     `strata:",notnull,default=5"`
	Nick     string  `strata:",notnull,unique=nick_per_team"`
	Team     *int    `strata:",unique=nick_per_team"`
	Code     *string `strata:",unique"`
	ParentID *int
	Parent   *rtPerson2
	Clubs    []rtClub
}

func (rtPerson2) TableName() string { return "people" }
func (rtPerson2) Associate(a *strata.Associations) {
	a.BelongsTo(rtPerson2{}, strata.As("Parent"), strata.ForeignKey("ParentID"), strata.OnDelete("CASCADE"))
	a.BelongsToMany(rtClub{}, strata.Through(rtMember2{}), strata.ForeignKey("RtPerson2ID"), strata.OtherKey("RtClubID"))
}

type rtMember2 struct {
	RtPerson2ID int    `strata:"rtPersonId,pk"`
	RtClubID    int    `strata:",pk"`
	Role        string `strata:",notnull,default=member"`
	RtPerson2   *rtPerson2
	RtClub      *rtClub
}

func (rtMember2) TableName() string { return "members" }
func (rtMember2) Associate(a *strata.Associations) {
	a.BelongsTo(rtPerson2{}, strata.ForeignKey("RtPerson2ID"))
	a.BelongsTo(rtClub{}, strata.ForeignKey("RtClubID"))
}

// TestChangesRoundTrip: on each dialect, a unique key dropped and one
// added, an enum value added, a default and a nullability changed, a
// column added and a foreign key's ON DELETE changed are each reported
// with the history behind; the generated migration applies, leaves Check
// clean, and its Down restores the schema.
func TestChangesRoundTrip(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := context.Background()
		models := []any{rtPerson{}, rtClub{}, rtMember{}}
		res, err := drift.Generate(drift.Project{Models: models, Dialect: tg.Dialect}, drift.GenerateOptions{})
		if err != nil {
			t.Fatal(err)
		}
		reg := migrate.Registry{{Name: "20260101000000-init", Up: res.Up, Down: res.Down}}
		src := []migrate.Option{migrate.WithGo(reg)}
		m, _ := migrate.New(tg.DB, tg.Dialect, src...)
		if _, err := m.Up(ctx); err != nil {
			t.Fatal(err)
		}
		before := schemaOf(t, tg)
		models2 := []any{rtPerson2{}, rtClub{}, rtMember2{}}
		rep, err := drift.Check(ctx, drift.Project{Models: models2, Migrations: src, Dialect: tg.Dialect, DB: tg.DB})
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"drop unique people.people_email_key", "change enum people.status", "change column people.score", "change column people.nick", "add column people.code", "add unique people.people_code_key", "change foreign key people.people_parentId_fkey"}
		for _, w := range want {
			if !strings.Contains(rep.String(), w) {
				t.Errorf("Check does not report %q:\n%s", w, rep)
			}
		}
		for _, d := range rep.Differences {
			if d.Behind != drift.SideHistory {
				t.Errorf("%s: behind is %s, want history", d, d.Behind)
			}
		}
		res, err = drift.Generate(drift.Project{Models: models2, Migrations: src, Dialect: tg.Dialect}, drift.GenerateOptions{})
		if err != nil {
			t.Fatal(err)
		}
		reg = append(reg, migrate.Migration{Name: "20260101000001-change", Up: res.Up, Down: res.Down})
		src = []migrate.Option{migrate.WithGo(reg)}
		m, _ = migrate.New(tg.DB, tg.Dialect, src...)
		if _, err := m.Up(ctx); err != nil {
			t.Fatal(err)
		}
		rep, err = drift.Check(ctx, drift.Project{Models: models2, Migrations: src, Dialect: tg.Dialect, DB: tg.DB})
		if err != nil {
			t.Fatal(err)
		}
		if !rep.Clean() {
			t.Errorf("after applying:\n%s", rep)
		}
		if _, err := m.Undo(ctx); err != nil {
			t.Fatal(err)
		}
		if got := schemaOf(t, tg); got != before {
			t.Errorf("undo did not restore:\n%s\n%s", before, got)
		}
	})
}

func schemaOf(t *testing.T, tg *dialecttest.Target) string {
	s, err := tg.Dialect.Inspect(context.Background(), tg.DB, "SequelizeMeta")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.MarshalIndent(tg.Dialect.Canonical(s), "", " ")
	return string(b)
}
