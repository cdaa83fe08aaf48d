package drift_test

import (
	"context"
	"strings"
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/drift"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

// lateAuthor is author with a column no migration adds.
type lateAuthor struct {
	ID    int
	Name  string `strata:",notnull"`
	Email *string
}

func (lateAuthor) TableName() string { return "authors" }

// TestOpaqueHistoryAgainstDatabase: when the applied migrations hold a Go
// function, the models are compared with the database, and a column the
// models have and the database lacks names the database as behind, with a
// fix that does not send the user to --auto (which refuses such a history).
func TestOpaqueHistoryAgainstDatabase(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := context.Background()
		reg := migrate.Registry{
			{Name: "20260101000000-authors", Up: []ddl.Op{ddl.CreateTable("authors",
				ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(), ddl.Column("name", schema.String(255)).NotNull())},
				Down: []ddl.Op{ddl.DropTable("authors")}},
			{Name: "20260101000001-fill", Version: "1",
				UpFunc:   func(ctx context.Context, ex migrate.Executor) error { return nil },
				DownFunc: func(ctx context.Context, ex migrate.Executor) error { return nil }},
		}
		src := []migrate.Option{migrate.WithGo(reg)}
		m, err := migrate.New(tg.DB, tg.Dialect, src...)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := m.Up(ctx); err != nil {
			t.Fatal(err)
		}
		rep, err := drift.Check(ctx, drift.Project{Models: []any{lateAuthor{}}, Migrations: src, Dialect: tg.Dialect, DB: tg.DB})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, d := range rep.Differences {
			if d.Between != [2]drift.Side{drift.SideModels, drift.SideDatabase} || d.Name != "email" {
				continue
			}
			found = true
			if d.Behind != drift.SideDatabase {
				t.Errorf("%s: behind is %s, want database", d, d.Behind)
			}
			if strings.Contains(d.Fix, "migration:generate --auto") {
				t.Errorf("%s: the fix sends to --auto, which refuses a history of Go functions", d)
			}
		}
		if !found {
			t.Errorf("the column the database lacks is not reported:\n%s", rep)
		}
	})
}

// TestOpaqueHistoryModelsClean: on each dialect, a history of Go functions
// that builds what the models want leaves the models ↔ database
// comparison clean (no false drift from how a database spells a type, a
// default or a key).
func TestOpaqueHistoryModelsClean(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := context.Background()
		models := []any{rtPerson{}, rtClub{}, rtMember{}}
		res, err := drift.Generate(drift.Project{Models: models, Dialect: tg.Dialect}, drift.GenerateOptions{})
		if err != nil {
			t.Fatal(err)
		}
		reg := migrate.Registry{{Name: "20260101000000-init", Version: "1",
			UpFunc:   func(ctx context.Context, ex migrate.Executor) error { return ex.Apply(ctx, res.Up...) },
			DownFunc: func(ctx context.Context, ex migrate.Executor) error { return ex.Apply(ctx, res.Down...) }}}
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
		for _, d := range rep.Differences {
			if d.Between == [2]drift.Side{drift.SideModels, drift.SideDatabase} {
				t.Errorf("models ↔ database on a database built as the models want: %s", d)
			}
		}
	})
}
