package drift_test

import (
	"context"
	"strings"
	"testing"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/drift"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

type author struct {
	ID   int
	Name string `strata:",notnull"`
}

func (author) TableName() string { return "authors" }

// book has its foreign key column and no association: the models are
// behind the history's foreign key.
type book struct {
	ID       int
	AuthorID *int
	Title    string `strata:",notnull"`
}

func (book) TableName() string { return "books" }

// linkedBook is book with its belongsTo.
type linkedBook struct {
	ID       int
	AuthorID *int
	Title    string `strata:",notnull"`
	Author   *author
}

func (linkedBook) TableName() string { return "books" }

func (linkedBook) Associate(a *strata.Associations) { a.BelongsTo(author{}) }

// history is the migrations of the test: authors, books with a foreign
// key, tags, a join table between books and tags, and an audit table.
func history(withFK bool) migrate.Registry {
	authorID := ddl.Column("authorId", schema.Integer())
	if withFK {
		authorID = authorID.References("authors", "id").OnDelete(schema.SetNull).OnUpdate(schema.Cascade)
	}
	id := func() ddl.ColumnDef { return ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement() }
	return migrate.Registry{
		{Name: "20260101000000-authors", Up: []ddl.Op{ddl.CreateTable("authors", id(), ddl.Column("name", schema.String(255)).NotNull())}, Down: []ddl.Op{ddl.DropTable("authors")}},
		{Name: "20260101000001-books", Up: []ddl.Op{ddl.CreateTable("books", id(), authorID, ddl.Column("title", schema.String(255)).NotNull())}, Down: []ddl.Op{ddl.DropTable("books")}},
		{Name: "20260101000002-tags", Up: []ddl.Op{
			ddl.CreateTable("tags", id(), ddl.Column("label", schema.String(255))),
			ddl.CreateTable("book_tags",
				ddl.Column("bookId", schema.Integer()).NotNull().References("books", "id"),
				ddl.Column("tagId", schema.Integer()).NotNull().References("tags", "id")),
			ddl.CreateTable("audit", id(), ddl.Column("what", schema.Text())),
		}, Down: []ddl.Op{ddl.DropTable("audit"), ddl.DropTable("book_tags"), ddl.DropTable("tags")}},
	}
}

func kinds(rep *drift.Report) map[drift.Kind][]string {
	out := map[drift.Kind][]string{}
	for _, d := range rep.Differences {
		out[d.Kind] = append(out[d.Kind], strings.Trim(d.Table+"."+d.Name, "."))
	}
	return out
}

// TestAssociationsAgainstHistory: with no database, a foreign key no
// association uses, a join table no belongsToMany goes through, a table
// without a model and an association whose foreign key the history lacks
// are each reported with the side that is behind.
func TestAssociationsAgainstHistory(t *testing.T) {
	ctx := context.Background()
	rep, err := drift.Check(ctx, drift.Project{Models: []any{author{}, book{}}, Migrations: []migrate.Option{migrate.WithGo(history(true))}})
	if err != nil {
		t.Fatal(err)
	}
	k := kinds(rep)
	if got := k[drift.KindUnknownForeignKey]; len(got) != 1 || got[0] != "books.authorId" {
		t.Errorf("foreign key without association: %v\n%s", got, rep)
	}
	if got := k[drift.KindUnknownJoinTable]; len(got) != 1 || got[0] != "book_tags" {
		t.Errorf("join table without belongsToMany: %v\n%s", got, rep)
	}
	if got := k[drift.KindTableWithoutModel]; len(got) != 2 || got[0] != "audit" || got[1] != "tags" {
		t.Errorf("tables without a model: %v\n%s", got, rep)
	}
	for _, d := range rep.Differences {
		if d.Behind != drift.SideModels {
			t.Errorf("%s: behind is %s, want models", d, d.Behind)
		}
		if d.Kind == drift.KindUnknownForeignKey && (!strings.Contains(d.Fix, "a.BelongsTo(author{}") || !strings.Contains(d.Fix, "a field author *author")) {
			t.Errorf("the fix does not say which association to declare: %s", d.Fix)
		}
	}

	// The association declared: the foreign key is known.
	rep, err = drift.Check(ctx, drift.Project{Models: []any{author{}, linkedBook{}}, Migrations: []migrate.Option{migrate.WithGo(history(true))}})
	if err != nil {
		t.Fatal(err)
	}
	if got := kinds(rep)[drift.KindUnknownForeignKey]; len(got) != 0 {
		t.Errorf("with the belongsTo declared: %v", got)
	}

	// The history without the foreign key: the belongsTo's key is missing,
	// and the history is behind.
	rep, err = drift.Check(ctx, drift.Project{Models: []any{author{}, linkedBook{}}, Migrations: []migrate.Option{migrate.WithGo(history(false))}})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, d := range rep.Differences {
		if d.Kind == "add foreign key" {
			found = true
			if d.Behind != drift.SideHistory || !strings.Contains(d.Association, "linkedBook.Author") || !strings.Contains(d.Fix, "--auto") {
				t.Errorf("the missing foreign key: %s (association %q)", d, d.Association)
			}
		}
	}
	if !found {
		t.Errorf("the belongsTo without its foreign key is not reported:\n%s", rep)
	}
}

// TestHistoryAgainstDatabase: on each dialect, a migration not applied is
// reported as pending (the database behind), and a column added by hand
// as a change made outside the migrations.
func TestHistoryAgainstDatabase(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := context.Background()
		src := []migrate.Option{migrate.WithGo(history(true))}
		m, err := migrate.New(tg.DB, tg.Dialect, src...)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := m.Up(ctx, migrate.To("20260101000001-books")); err != nil {
			t.Fatal(err)
		}
		p := drift.Project{Models: []any{author{}, linkedBook{}}, Migrations: src, Dialect: tg.Dialect, DB: tg.DB}
		rep, err := drift.Check(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		if got := kinds(rep)[drift.KindPending]; len(got) != 1 || got[0] != "20260101000002-tags" {
			t.Errorf("pending: %v\n%s", got, rep)
		}
		if _, err := m.Up(ctx); err != nil {
			t.Fatal(err)
		}
		rep, err = drift.Check(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		if got := kinds(rep)[drift.KindPending]; len(got) != 0 {
			t.Errorf("pending after Up: %v", got)
		}
		if got := kinds(rep)[drift.KindOutsideHistory]; len(got) != 0 {
			t.Errorf("the database as its migrations built it differs from them: %v\n%s", got, rep)
		}
		tg.Exec(t, "ALTER TABLE authors ADD COLUMN extra INTEGER")
		rep, err = drift.Check(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		got := kinds(rep)[drift.KindOutsideHistory]
		if len(got) != 1 || got[0] != "authors.extra" {
			t.Errorf("a column added by hand: %v\n%s", got, rep)
		}
		// A project without models: the history against the database alone.
		p.Models = nil
		rep, err = drift.Check(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		if got := kinds(rep); len(got) != 1 || len(got[drift.KindOutsideHistory]) != 1 || !strings.Contains(strings.Join(rep.Notes, " "), "no models") {
			t.Errorf("without models: %v, notes %q", got, rep.Notes)
		}
	})
}
