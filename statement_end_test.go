package strata_test

import (
	"database/sql"
	"testing"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
)

// Pet's owner is a foreign key that PostgreSQL and SQLite check when the
// statement ends (DEFERRABLE INITIALLY DEFERRED, outside a transaction:
// at the statement's commit), after INSERT … RETURNING has given its rows;
// MySQL checks it at once.
type Pet struct {
	ID      int
	Name    string
	OwnerID int
}

func petTables(t *testing.T, tg *dialecttest.Target) {
	t.Helper()
	id, deferred := `"id" INTEGER PRIMARY KEY AUTOINCREMENT`, ` DEFERRABLE INITIALLY DEFERRED`
	switch tg.Dialect.Name() {
	case "postgres":
		id = `"id" SERIAL PRIMARY KEY`
	case "mysql":
		id, deferred = "`id` INTEGER PRIMARY KEY AUTO_INCREMENT", ""
	}
	stmts := []string{
		`CREATE TABLE "owners" ("id" INTEGER PRIMARY KEY)`,
		`INSERT INTO "owners" ("id") VALUES (1)`,
		`CREATE TABLE "pets" (` + id + `, "name" VARCHAR(20) NOT NULL UNIQUE, "ownerId" INTEGER NOT NULL REFERENCES "owners" ("id")` + deferred + `)`,
	}
	for _, s := range stmts {
		if tg.Dialect.Name() == "mysql" {
			s = mysqlQuotes(s)
		}
		if _, err := tg.DB.ExecContext(testCtx(t), s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func mysqlQuotes(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c == '"' {
			b[i] = '`'
		}
	}
	return string(b)
}

// TestWriteErrorAtStatementEnd: strata stops reading INSERT … RETURNING
// after the rows it expects (SQLite commits when the statement is reset,
// and stepping it to its end costs as much as the insert); an error the
// statement meets after its rows must still fail Create, BulkCreate and
// Upsert and leave no row behind, through database/sql and the direct path.
func TestWriteErrorAtStatementEnd(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		petTables(t, tg)
		paths := map[string]*sql.DB{"database/sql": tg.DB}
		if tg.Dialect.Name() == "postgres" {
			paths = map[string]*sql.DB{"direct": tg.DB, "database/sql": sqlOnly(t, tg)}
		}
		for path, sdb := range paths {
			t.Run(path, func(t *testing.T) {
				ctx := testCtx(t)
				db := must(strata.New(sdb, tg.Dialect, strata.WithModels(Pet{})))(t)
				countPets := func(want int64) {
					t.Helper()
					if n := must(strata.Find[Pet](db).Count(ctx))(t); n != want {
						t.Fatalf("%d pets stored, want %d", n, want)
					}
				}
				if err := strata.Create(ctx, db, &Pet{Name: "stray", OwnerID: 99}); err == nil {
					t.Fatal("Create with a missing owner succeeded")
				}
				countPets(0)
				bad := []Pet{{Name: "a", OwnerID: 1}, {Name: "b", OwnerID: 99}, {Name: "c", OwnerID: 1}}
				if err := strata.BulkCreate(ctx, db, bad); err == nil {
					t.Fatal("BulkCreate with a missing owner succeeded")
				}
				countPets(0)
				if err := strata.Upsert(ctx, db, &Pet{Name: "stray", OwnerID: 99}); err == nil {
					t.Fatal("Upsert with a missing owner succeeded")
				}
				countPets(0)

				// The same writes with an owner that exists store their rows
				// and learn their ids.
				p := Pet{Name: "rex", OwnerID: 1}
				if err := strata.Create(ctx, db, &p); err != nil || p.ID == 0 {
					t.Fatalf("Create: id %d, %v", p.ID, err)
				}
				good := []Pet{{Name: "a", OwnerID: 1}, {Name: "b", OwnerID: 1}}
				if err := strata.BulkCreate(ctx, db, good); err != nil || good[0].ID == 0 || good[1].ID != good[0].ID+1 {
					t.Fatalf("BulkCreate: %+v, %v", good, err)
				}
				countPets(3)
				if _, err := sdb.ExecContext(ctx, `DELETE FROM pets`); err != nil {
					t.Fatal(err)
				}
			})
		}
	})
}
