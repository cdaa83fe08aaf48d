package dialect_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/schema"
)

// An enum type of its own, shared by two columns (Sakila's mpaa_rating),
// gains and renames values on PostgreSQL, where the offline definition
// stays what Inspect reads; elsewhere the operation is refused before
// anything runs.
func TestEnumTypeOfItsOwnLive(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := context.Background()
		cur := &schema.Database{}
		if tg.Dialect.Name() != "postgres" {
			// A schema that holds one (read from PostgreSQL, say).
			if err := ddl.Replay(cur, ddl.CreateObject(schema.Object{Kind: schema.ObjectType, Name: "mpaa_rating", Dialect: "postgres",
				Definition: "CREATE TYPE mpaa_rating AS ENUM ('G')"})); err != nil {
				t.Fatal(err)
			}
			err := tg.TryApply(t, cur, ddl.AddEnumValue("mpaa_rating", "NC-17"))
			if err == nil || !strings.Contains(err.Error(), "PostgreSQL's") {
				t.Errorf("AddEnumValue on %s: %v, want a refusal", tg.Dialect.Name(), err)
			}
			return
		}
		rating := schema.Native("postgres", "mpaa_rating")
		tg.Apply(t, cur,
			ddl.CreateObject(schema.Object{Kind: schema.ObjectType, Name: "mpaa_rating", Dialect: "postgres",
				Definition: "CREATE TYPE mpaa_rating AS ENUM ('G', 'PG', 'R')"}),
			ddl.CreateTable("film", ddl.Column("id", schema.Integer()).PrimaryKey(), ddl.Column("rating", rating)),
			ddl.CreateTable("trailer", ddl.Column("id", schema.Integer()).PrimaryKey(), ddl.Column("rating", rating)),
			ddl.AddEnumValue("mpaa_rating", "PG-13").BeforeValue("R"),
			ddl.AddEnumValue("mpaa_rating", "NC-17"),
			ddl.RenameEnumValue("mpaa_rating", "G", "General"),
		)
		if err := tg.TryApply(t, cur, ddl.AddEnumValue("mpaa_rating", "R")); !errors.Is(err, ddl.ErrExists) {
			t.Errorf("adding R again: %v, want ErrExists", err)
		}
		live, err := tg.Dialect.Inspect(ctx, tg.DB)
		if err != nil {
			t.Fatal(err)
		}
		want := "CREATE TYPE mpaa_rating AS ENUM ('General', 'PG', 'PG-13', 'R', 'NC-17')"
		if b := live.Object(schema.ObjectType, "", "mpaa_rating"); b == nil || b.Definition != want {
			t.Errorf("live type: %+v, want %s", b, want)
		}
		if b := cur.Object(schema.ObjectType, "", "mpaa_rating"); b == nil || b.Definition != want {
			t.Errorf("offline type: %+v, want %s", b, want)
		}
		tg.Compare(t, cur, "after changing the shared type")
		tg.Exec(t, `INSERT INTO film (id, rating) VALUES (1, 'PG-13')`)
		rev, err := ddl.RenameEnumValue("mpaa_rating", "G", "General").Reverse(cur)
		if err != nil || len(rev) != 1 {
			t.Fatalf("Reverse of a rename: %v, %v", rev, err)
		}
		tg.Apply(t, cur, rev...)
		if _, err := ddl.AddEnumValue("mpaa_rating", "X").Reverse(cur); !errors.Is(err, ddl.ErrIrreversible) {
			t.Errorf("Reverse of adding a value: %v, want ErrIrreversible", err)
		}
	})
}
