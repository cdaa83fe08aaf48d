package model_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/strata-orm/strata/internal/model"
)

// TestConstraintName: the name given on either side of a foreign key is
// the constraint's; without one it is <table>_<column>_fkey; two sides
// naming it differently are an error that names both.
func TestConstraintName(t *testing.T) {
	fkNames := func(r *model.Registry, table string) []string {
		t.Helper()
		for _, m := range r.Models() {
			if m.Table == table {
				var out []string
				for _, fk := range m.ForeignKeys {
					out = append(out, fk.Name)
				}
				return out
			}
		}
		t.Fatalf("no model of table %s", table)
		return nil
	}
	r, err := resolve(t, map[string]func(*model.Associations){
		"Book": func(a *model.Associations) { a.BelongsTo(Author{}, model.ConstraintName("fk_book_author")) },
	}, Book{}, Author{})
	if err != nil {
		t.Fatal(err)
	}
	if got := fkNames(r, "books"); len(got) != 1 || got[0] != "fk_book_author" {
		t.Errorf("named on the belongsTo: %v, want [fk_book_author]", got)
	}
	r, err = resolve(t, map[string]func(*model.Associations){
		"Book":   func(a *model.Associations) { a.BelongsTo(Author{}) },
		"Author": func(a *model.Associations) { a.HasMany(Book{}, model.ConstraintName("fk_books")) },
	}, Book{}, Author{})
	if err != nil {
		t.Fatal(err)
	}
	if got := fkNames(r, "books"); len(got) != 1 || got[0] != "fk_books" {
		t.Errorf("named on the hasMany: %v, want [fk_books]", got)
	}
	r, err = resolve(t, map[string]func(*model.Associations){
		"Book": func(a *model.Associations) { a.BelongsTo(Author{}) },
	}, Book{}, Author{})
	if err != nil {
		t.Fatal(err)
	}
	if got := fkNames(r, "books"); len(got) != 1 || got[0] != "books_authorId_fkey" {
		t.Errorf("not named: %v, want [books_authorId_fkey]", got)
	}
	_, err = resolve(t, map[string]func(*model.Associations){
		"Book":   func(a *model.Associations) { a.BelongsTo(Author{}, model.ConstraintName("a")) },
		"Author": func(a *model.Associations) { a.HasMany(Book{}, model.ConstraintName("b")) },
	}, Book{}, Author{})
	if err == nil || !strings.Contains(err.Error(), `ConstraintName "b" for books.authorId, but Book.Author (belongsTo Author) says "a"`) &&
		!strings.Contains(err.Error(), `ConstraintName "a" for books.authorId, but Author.Books (hasMany Book) says "b"`) {
		t.Errorf("two names: %v", err)
	}
	_, err = resolve(t, map[string]func(*model.Associations){
		"Book": func(a *model.Associations) {
			a.BelongsToMany(Tag{}, model.Through(BookTag{}), model.ConstraintName("x"))
		},
	}, Book{}, Tag{}, BookTag{})
	if err == nil || !strings.Contains(err.Error(), "option ConstraintName does not apply to belongsToMany") {
		t.Errorf("on a belongsToMany: %v", err)
	}
}

// TaggedColumn carries what a schema strata did not make may have.
type TaggedColumn struct {
	ID      int
	Stamp   string `strata:",onupdate=now,default=now,type=DATE"`
	Name    string `strata:",collate=utf8mb3_bin,default=(NULL)"`
	Expires string `strata:",default=(now() + interval '1 day'),type=DATE"`
}

// TestTagsCarryColumnExtras: onupdate=, collate= and default=(expr) reach
// the column CreateTable makes.
func TestTagsCarryColumnExtras(t *testing.T) {
	m, err := model.New(reflect.TypeFor[TaggedColumn]())
	if err != nil {
		t.Fatal(err)
	}
	tb, err := m.Schema()
	if err != nil {
		t.Fatal(err)
	}
	stamp, name, exp := tb.Column("stamp"), tb.Column("name"), tb.Column("expires")
	if stamp.OnUpdate == nil || stamp.OnUpdate.GoString() != "schema.Now()" {
		t.Errorf("stamp ON UPDATE %v, want schema.Now()", stamp.OnUpdate)
	}
	if name.Collation != "utf8mb3_bin" || name.Default == nil || name.Default.GoString() != `schema.Expr("NULL")` {
		t.Errorf("name: collation %q, default %v", name.Collation, name.Default)
	}
	if exp.Default == nil || exp.Default.GoString() != `schema.Expr("now() + interval '1 day'")` {
		t.Errorf("expires default %v", exp.Default)
	}
}
