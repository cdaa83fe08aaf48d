package drift_test

import (
	"context"
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/drift"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

// TestEntityWithTwoKeysIsNoJoinTable: a table without a model that points
// at two others and holds data of its own (a review of a book by an
// author) is a table without a model, not a join table for a
// belongsToMany; a table of the two keys and timestamps is one.
func TestEntityWithTwoKeysIsNoJoinTable(t *testing.T) {
	reg := append(history(true), migrate.Migration{Name: "20260101000003-reviews", Up: []ddl.Op{
		ddl.CreateTable("reviews",
			ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
			ddl.Column("authorId", schema.Integer()).References("authors", "id"),
			ddl.Column("bookId", schema.Integer()).References("books", "id"),
			ddl.Column("body", schema.Text())),
		ddl.CreateTable("likes",
			ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
			ddl.Column("authorId", schema.Integer()).References("authors", "id"),
			ddl.Column("bookId", schema.Integer()).References("books", "id"),
			ddl.Column("createdAt", schema.Date()).NotNull()),
	}, Down: []ddl.Op{ddl.DropTable("likes"), ddl.DropTable("reviews")}})
	rep, err := drift.Check(context.Background(), drift.Project{Models: []any{author{}, linkedBook{}}, Migrations: []migrate.Option{migrate.WithGo(reg)}})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range rep.Differences {
		switch {
		case d.Table == "reviews" && d.Kind != drift.KindTableWithoutModel:
			t.Errorf("reviews: %s (%s), want %s", d, d.Kind, drift.KindTableWithoutModel)
		case d.Table == "likes" && d.Kind != drift.KindUnknownJoinTable:
			t.Errorf("likes: %s (%s), want %s", d, d.Kind, drift.KindUnknownJoinTable)
		}
	}
}
