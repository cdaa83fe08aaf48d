package migrate_test

import (
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

// TestUUIDForeignKeyLater: a migration run after the one that made a UUID
// primary key (which MySQL reads back as CHAR(36)) adds a UUID foreign key
// to it, on every database, strata's own migrations as imported ones.
func TestUUIDForeignKeyLater(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		docs := migrate.Migration{Name: "20261201000000-documents",
			Up:   []ddl.Op{ddl.CreateTable("documents", ddl.Column("id", schema.UUID()).PrimaryKey())},
			Down: []ddl.Op{ddl.DropTable("documents")}}
		if _, err := newMigrator(t, tg, migrate.WithGo(migrate.Registry{docs})).Up(ctx); err != nil {
			t.Fatal(err)
		}
		shares := migrate.Migration{Name: "20261202000000-shares",
			Up: []ddl.Op{ddl.CreateTable("shares", ddl.Column("id", schema.Integer()).PrimaryKey(),
				ddl.Column("documentId", schema.UUID()).References("documents", "id").OnDelete(schema.Cascade))},
			Down: []ddl.Op{ddl.DropTable("shares")}}
		stars := migrate.Migration{Name: "v2.1.0-stars", Imported: true,
			Up:   []ddl.Op{ddl.AddColumn("shares", ddl.Column("starId", schema.UUID()).References("documents", "id"))},
			Down: []ddl.Op{ddl.RemoveColumn("shares", "starId")}}
		reg := migrate.Registry{docs, shares}
		if _, err := newMigrator(t, tg, migrate.WithGo(reg)).Up(ctx); err != nil {
			t.Fatalf("UUID foreign key to the UUID key read back: %v", err)
		}
		if _, err := newMigrator(t, tg, migrate.WithGo(append(reg, stars))).Up(ctx); err != nil {
			t.Fatalf("imported UUID foreign key to the UUID key read back: %v", err)
		}
		if _, err := newMigrator(t, tg, migrate.WithGo(append(reg, stars))).UndoAll(ctx); err != nil {
			t.Fatal(err)
		}
	})
}
