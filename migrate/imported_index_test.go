package migrate_test

import (
	"errors"
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

// TestImportedIndexAddedAgain: a sequelize-cli history that adds an index
// again after Sequelize's SQLite table rebuild lost it (strata's rebuild
// keeps it) applies on every dialect, the re-add changing nothing with a
// warning; the same index under other columns still fails, and strata's
// own migration adding it twice is refused before anything runs.
func TestImportedIndexAddedAgain(t *testing.T) {
	notes := func(imported bool, readd ddl.Op) migrate.Registry {
		return migrate.Registry{
			{Name: "20150101000000-notes", Imported: imported, Up: []ddl.Op{
				ddl.CreateTable("Notes", ddl.Column("id", schema.Integer()).PrimaryKey(), ddl.Column("shortid", schema.String(32))),
				ddl.AddIndex("Notes", "shortid").Named("notes_shortid"),
			}, Down: []ddl.Op{ddl.DropTable("Notes")}},
			{Name: "20150915153700-change-notes-title", Imported: imported, Up: []ddl.Op{
				ddl.AddColumn("Notes", ddl.Column("title", schema.Text())),
				readd,
			}, Down: []ddl.Op{ddl.RemoveColumn("Notes", "title")}},
		}
	}
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		m := newMigrator(t, tg, migrate.WithGo(notes(true, ddl.AddIndex("Notes", "shortid").Named("notes_shortid"))))
		res, err := m.Up(ctx)
		if err != nil {
			t.Fatalf("Up: %v", err)
		}
		if len(res) != 2 || len(res[1].Warnings) != 1 || res[1].Warnings[0].Kind != ddl.PresentIndex {
			t.Fatalf("results %+v, want the second with one %s warning", res, ddl.PresentIndex)
		}
		live := tg.Inspect(t)
		if x := live.Table("Notes").Index("notes_shortid"); x == nil || len(x.Columns) != 1 || x.Columns[0] != "shortid" {
			t.Fatalf("Notes indexes %+v, want notes_shortid on shortid", live.Table("Notes").Indexes)
		}
		if _, err := m.UndoAll(ctx); err != nil {
			t.Fatalf("UndoAll: %v", err)
		}

		// Another index under the name is not the same one: refused.
		m = newMigrator(t, tg, migrate.WithGo(notes(true, ddl.AddIndex("Notes", "title").Named("notes_shortid"))))
		if _, err := m.Up(ctx); !errors.Is(err, ddl.ErrExists) {
			t.Fatalf("Up with another index of the name: %v, want ddl.ErrExists", err)
		}
		if _, err := m.UndoAll(ctx); err != nil {
			t.Fatalf("UndoAll: %v", err)
		}
		// strata's own migrations stay strict.
		m = newMigrator(t, tg, migrate.WithGo(notes(false, ddl.AddIndex("Notes", "shortid").Named("notes_shortid"))))
		if _, err := m.Up(ctx); !errors.Is(err, ddl.ErrExists) {
			t.Fatalf("Up of strata's own re-add: %v, want ddl.ErrExists", err)
		}
	})
}
