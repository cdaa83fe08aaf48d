package migrate_test

import (
	"context"
	"embed"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect/sqlitedialect"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

// The application's .sql migrations, compiled into its binary.
//
//go:embed testdata/example/*.sql
var migrationFiles embed.FS

// An application brings its database up to date at start-up, from its own
// binary: Go migrations from a Registry (usually a migrations package whose
// files fill it from init functions) and .sql files from an embed.FS, in
// one history. A second instance starting at the same time waits for the
// lock, then finds nothing to do.
func Example() {
	dir, err := os.MkdirTemp("", "strata-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	d := sqlitedialect.New()
	db, err := d.Open("sqlite:" + filepath.Join(dir, "app.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()

	// In a real project: migrations/20261126184503-create-user.go, with
	// func init() { All.Add(migrate.Migration{…}) } and no Name (the file
	// name gives it).
	var all migrate.Registry
	all.Add(migrate.Migration{
		Name: "20261126184503-create-user",
		Change: []ddl.Op{ddl.CreateTable("users",
			ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
			ddl.Column("email", schema.String(255)).NotNull().Unique(),
		)},
	})

	m, err := migrate.New(db, d,
		migrate.WithGo(all),
		migrate.WithFS(migrationFiles, "testdata/example"),
		migrate.WithObserver(func(e migrate.Event) {
			if e.Kind == migrate.MigrationStart {
				fmt.Printf("== %s: migrating =======\n", e.Name)
			}
		}))
	if err != nil {
		log.Fatal(err)
	}
	applied, err := m.Up(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(applied), "applied")
	// Output:
	// == 20261126184503-create-user: migrating =======
	// == 20261126184506-create-tags: migrating =======
	// 2 applied
}
