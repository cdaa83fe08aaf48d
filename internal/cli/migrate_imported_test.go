package cli

import (
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

// db:migrate runs an imported history named as sequelize-cli names files
// and prints each construct strata let it run as a warning; migration:lint
// --downs lists the downs that do not undo their ups.
func TestMigrateImportedWarns(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		p := newProject(t)
		p.write("migrations/.keep", "")
		reg := migrate.Registry{
			{Name: "20190118-tracks", Imported: true, Up: []ddl.Op{
				ddl.CreateTable("tracks", ddl.Column("id", schema.Integer()).PrimaryKey()),
			}, Down: []ddl.Op{ddl.DropTable("tracks")}},
			{Name: "v2.15.0-drop.tracks.index", Imported: true, Up: []ddl.Op{ddl.RemoveIndex("tracks", "tracks_name")}, Down: []ddl.Op{}},
			{Name: "v2.16.0-tracks.title", Imported: true, Up: []ddl.Op{ddl.AddColumn("tracks", ddl.Column("title", schema.String(80)))}, Down: []ddl.Op{}},
		}
		// db:migrate:status says beforehand what db:migrate will warn of.
		r := p.runLinked(&Linked{Migrations: reg}, "db:migrate:status", "--url", tg.URL)
		contains(t, "db:migrate:status", r.stdout, "down v2.15.0-drop.tracks.index\n"+
			`   WARNING: imported: removeIndex "tracks_name" on "tracks": table "tracks" has no index "tracks_name": nothing to remove (sequelize-cli's removeIndex is DROP INDEX IF EXISTS)`+"\n")
		r = p.runLinked(&Linked{Migrations: reg}, "db:migrate", "--url", tg.URL)
		if r.code != 0 {
			t.Fatalf("db:migrate: %s", r)
		}
		contains(t, "db:migrate", r.stdout, `WARNING: imported: removeIndex "tracks_name" on "tracks": table "tracks" has no index "tracks_name": nothing to remove`,
			"== v2.15.0-drop.tracks.index: migrated")
		// migration:lint --downs lists the down that leaves the column,
		// and does not fail for it.
		r = p.runLinked(&Linked{Migrations: reg}, "migration:lint", "--downs", "--url", tg.URL)
		if r.code != 0 {
			t.Fatalf("migration:lint --downs: %s", r)
		}
		contains(t, "migration:lint --downs", r.stdout, "1 downs do not undo their ups:\n  v2.16.0-tracks.title: down leaves column tracks.title\n")
		if r := p.runLinked(&Linked{Migrations: reg}, "db:migrate:undo:all", "--url", tg.URL); r.code != 0 {
			t.Fatalf("db:migrate:undo:all: %s", r)
		}
	})
}
