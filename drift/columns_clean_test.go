package drift_test

import (
	"context"
	"testing"
	"time"

	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/drift"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
)

type tyItem struct {
	ID        int64
	Name      string     `strata:",notnull,size=80,default=x"`
	Price     string     `strata:",notnull,type=DECIMAL(10,2),default=0"`
	Ratio     *float64   `strata:",type=DOUBLE"`
	Small     int16      `strata:",notnull,default=1"`
	Active    bool       `strata:",notnull,default=true"`
	Born      *time.Time `strata:",type=DATEONLY"`
	Seen      time.Time  `strata:",notnull,default=now"`
	Doc       *string    `strata:",type=JSON"`
	Token     *string    `strata:",type=UUID"`
	Body      *string    `strata:",type=TEXT"`
	Blob      []byte
	Code      *string `strata:",type=CHAR(3)"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (tyItem) TableName() string { return "items" }

// TestTypesClean: on each dialect, the database a generated migration
// builds for a model with each kind of column and default is in step
// with it (no false drift from how the database spells them).
func TestTypesClean(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := context.Background()
		models := []any{tyItem{}}
		res, err := drift.Generate(drift.Project{Models: models, Dialect: tg.Dialect}, drift.GenerateOptions{})
		if err != nil {
			t.Fatal(err)
		}
		src := []migrate.Option{migrate.WithGo(migrate.Registry{{Name: "20260101000000-init", Up: res.Up, Down: res.Down}})}
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
			t.Errorf("Check on the database its generated migration built:\n%s", rep)
		}
	})
}
