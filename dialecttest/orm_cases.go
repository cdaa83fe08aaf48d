package dialecttest

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialect"
)

// createFindUpdateDestroy: a row of every kind of value is created, read
// back by key, updated in every field (to other values, NULLs included),
// read back again, and destroyed.
func createFindUpdateDestroy(t *testing.T, db *strata.DB, tg *Target) {
	ctx := ctx(t)
	at := time.Date(2024, 2, 29, 12, 30, 45, 123456000, time.UTC)
	s := sample{I64: -42, I32: 7, F64: 2.5, Dec: "12.500000", Text: "text", Str: "str", Blob: []byte{1, 0, 2},
		At: at, AtPtr: ptr(at.Add(time.Hour)), Flag: true, PStr: ptr("p"), PInt: ptr(int64(9)), Tag: "crud"}
	if err := strata.Create(ctx, db, &s); err != nil {
		t.Fatal(err)
	}
	if s.ID == 0 {
		t.Fatal("Create left the primary key zero")
	}
	got := must(strata.Find[sample](db).ByPK(ctx, s.ID))(t)
	if diff := cmp.Diff(*got, s); diff != "" {
		t.Fatalf("read back after Create (-got +want):\n%s", diff)
	}

	s.I64, s.I32, s.F64, s.Dec, s.Text, s.Str, s.Blob = 42, -7, -0.25, "-3.000001", "other text", "other", []byte{0xff}
	s.At, s.AtPtr, s.Flag, s.PStr, s.PInt, s.Tag = at.Add(-48*time.Hour), nil, false, nil, nil, "crud2"
	if err := strata.Update(ctx, db, &s); err != nil {
		t.Fatal(err)
	}
	got = must(strata.Find[sample](db).ByPK(ctx, s.ID))(t)
	if diff := cmp.Diff(*got, s); diff != "" {
		t.Fatalf("read back after Update (-got +want):\n%s", diff)
	}

	if err := strata.Destroy(ctx, db, &s); err != nil {
		t.Fatal(err)
	}
	if _, err := strata.Find[sample](db).ByPK(ctx, s.ID); !errors.Is(err, strata.ErrNotFound) {
		t.Fatalf("ByPK after Destroy: %v, want ErrNotFound", err)
	}
	if n := must(strata.Find[sample](db).Count(ctx))(t); n != 0 {
		t.Fatalf("%d rows after Destroy, want 0", n)
	}
}

// blog writes two authors (the first with a profile and two posts, the
// second with neither) and three tags, the first post tagged with two.
func blog(t *testing.T, db *strata.DB) (authors []author, posts []post, tags []tag) {
	t.Helper()
	ctx := ctx(t)
	authors = []author{{Name: "ann"}, {Name: "bob"}}
	if err := strata.BulkCreate(ctx, db, authors); err != nil {
		t.Fatal(err)
	}
	if err := strata.Create(ctx, db, &profile{AuthorID: authors[0].ID, Bio: "writes"}); err != nil {
		t.Fatal(err)
	}
	posts = []post{{AuthorID: authors[0].ID, Title: "first"}, {AuthorID: authors[0].ID, Title: "second"}}
	if err := strata.BulkCreate(ctx, db, posts); err != nil {
		t.Fatal(err)
	}
	tags = []tag{{Name: "go"}, {Name: "sql"}, {Name: "unused"}}
	if err := strata.BulkCreate(ctx, db, tags); err != nil {
		t.Fatal(err)
	}
	links := []postTag{{PostID: posts[0].ID, TagID: tags[1].ID}, {PostID: posts[0].ID, TagID: tags[0].ID}}
	if err := strata.BulkCreate(ctx, db, links); err != nil {
		t.Fatal(err)
	}
	return authors, posts, tags
}

// includeHasOne: Include of a hasOne loads the one row, or nil.
func includeHasOne(t *testing.T, db *strata.DB, _ *Target) {
	blog(t, db)
	got := must(strata.Find[author](db).Include("Profile").Order("id").All(ctx(t)))(t)
	if len(got) != 2 || got[0].Profile == nil || got[0].Profile.Bio != "writes" || got[0].Profile.AuthorID != got[0].ID || got[1].Profile != nil {
		t.Fatalf("authors with their profile: %+v", got)
	}
}

// includeHasMany: Include of a hasMany loads each parent's rows, ordered
// as asked, and an empty list for a parent with none.
func includeHasMany(t *testing.T, db *strata.DB, _ *Target) {
	blog(t, db)
	got := must(strata.Find[author](db).Include("Posts", strata.Order("title DESC")).Order("id").All(ctx(t)))(t)
	if len(got) != 2 {
		t.Fatalf("%d authors, want 2", len(got))
	}
	var titles []string
	for _, p := range got[0].Posts {
		titles = append(titles, p.Title)
	}
	if diff := cmp.Diff(titles, []string{"second", "first"}); diff != "" {
		t.Errorf("ann's posts (-got +want):\n%s", diff)
	}
	if got[1].Posts == nil || len(got[1].Posts) != 0 {
		t.Errorf("bob's posts: %#v, want an empty list", got[1].Posts)
	}
}

// includeBelongsTo: Include of a belongsTo loads each row's parent, by a
// separate query and by a join.
func includeBelongsTo(t *testing.T, db *strata.DB, _ *Target) {
	authors, _, _ := blog(t, db)
	for name, opts := range map[string][]strata.IncludeOption{"separate": nil, "join": {strata.Join()}} {
		got := must(strata.Find[post](db).Include("Author", opts...).Order("id").All(ctx(t)))(t)
		if len(got) != 2 {
			t.Fatalf("%s: %d posts, want 2", name, len(got))
		}
		for _, p := range got {
			if p.Author == nil || p.Author.ID != authors[0].ID || p.Author.Name != "ann" {
				t.Errorf("%s: post %q has author %+v, want ann", name, p.Title, p.Author)
			}
		}
	}
}

// includeBelongsToMany: Include of a belongsToMany loads the rows through
// the join table.
func includeBelongsToMany(t *testing.T, db *strata.DB, _ *Target) {
	blog(t, db)
	got := must(strata.Find[post](db).Include("Tags", strata.Order("name")).Order("id").All(ctx(t)))(t)
	if len(got) != 2 {
		t.Fatalf("%d posts, want 2", len(got))
	}
	var names []string
	for _, tg := range got[0].Tags {
		names = append(names, tg.Name)
	}
	if diff := cmp.Diff(names, []string{"go", "sql"}); diff != "" {
		t.Errorf("tags of the first post (-got +want):\n%s", diff)
	}
	if len(got[1].Tags) != 0 {
		t.Errorf("tags of the second post: %+v, want none", got[1].Tags)
	}
	back := must(strata.Find[tag](db).Include("Posts").Where(strata.Eq("name", "sql")).One(ctx(t)))(t)
	if len(back.Posts) != 1 || back.Posts[0].Title != "first" {
		t.Errorf("posts of tag sql: %+v", back.Posts)
	}
}

// upsert: Upsert inserts a new row, then updates the row whose key it
// collides with, giving back that row's primary key.
func upsert(t *testing.T, db *strata.DB, _ *Target) {
	ctx := ctx(t)
	first := tag{Name: "go", Color: "blue"}
	if err := strata.Upsert(ctx, db, &first, strata.OnConflict("name")); err != nil || first.ID == 0 {
		t.Fatalf("upsert insert: %v %+v", err, first)
	}
	again := tag{Name: "go", Color: "cyan"}
	if err := strata.Upsert(ctx, db, &again, strata.OnConflict("name")); err != nil {
		t.Fatal(err)
	}
	if again.ID != first.ID {
		t.Errorf("upsert update gave id %d, want %d", again.ID, first.ID)
	}
	got := must(strata.Find[tag](db).All(ctx))(t)
	if len(got) != 1 || got[0].Color != "cyan" {
		t.Errorf("after the upsert update: %+v, want one row, cyan", got)
	}
}

// transactionRollback: an error returned from Transaction rolls back every
// write of the transaction; a nil commits them.
func transactionRollback(t *testing.T, db *strata.DB, _ *Target) {
	ctx := ctx(t)
	boom := errors.New("boom")
	err := db.Transaction(ctx, func(tx *strata.Tx) error {
		if err := strata.Create(ctx, tx, &author{Name: "rolled back"}); err != nil {
			return err
		}
		if n := must(strata.Find[author](tx).Count(ctx))(t); n != 1 {
			t.Errorf("inside the transaction: %d authors, want 1", n)
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Transaction returned %v, want boom", err)
	}
	if n := must(strata.Find[author](db).Count(ctx))(t); n != 0 {
		t.Fatalf("%d authors after the rollback, want 0", n)
	}
	if err := db.Transaction(ctx, func(tx *strata.Tx) error {
		return strata.Create(ctx, tx, &author{Name: "committed"})
	}); err != nil {
		t.Fatal(err)
	}
	if n := must(strata.Find[author](db).Count(ctx))(t); n != 1 {
		t.Fatalf("%d authors after the commit, want 1", n)
	}
}

// uniqueError: a duplicate key is a *UniqueConstraintError naming the
// model and the column, over a *DatabaseError of kind ErrUnique.
func uniqueError(t *testing.T, db *strata.DB, _ *Target) {
	ctx := ctx(t)
	if err := strata.Create(ctx, db, &author{Name: "ann"}); err != nil {
		t.Fatal(err)
	}
	err := strata.Create(ctx, db, &author{Name: "ann"})
	var ue *strata.UniqueConstraintError
	if !errors.As(err, &ue) {
		t.Fatalf("duplicate name: %T %v, want a *UniqueConstraintError", err, err)
	}
	if ue.Model != "author" || len(ue.Fields) != 1 || ue.Fields[0] != "name" || ue.Values["name"] != "ann" {
		t.Errorf("UniqueConstraintError model %q, fields %v, values %v", ue.Model, ue.Fields, ue.Values)
	}
	var de *strata.DatabaseError
	if !errors.As(err, &de) || de.Kind != dialect.ErrUnique || de.SQL == "" {
		t.Errorf("database error %+v", de)
	}
}

// foreignKeyError: a row pointing at a missing parent is a
// *ForeignKeyConstraintError, over a *DatabaseError of kind ErrForeignKey.
func foreignKeyError(t *testing.T, db *strata.DB, _ *Target) {
	err := strata.Create(ctx(t), db, &post{AuthorID: 12345, Title: "orphan"})
	var fe *strata.ForeignKeyConstraintError
	if !errors.As(err, &fe) {
		t.Fatalf("post of a missing author: %T %v, want a *ForeignKeyConstraintError", err, err)
	}
	var de *strata.DatabaseError
	if !errors.As(err, &de) || de.Kind != dialect.ErrForeignKey {
		t.Errorf("database error %+v", de)
	}
	if n := must(strata.Find[post](db).Count(ctx(t)))(t); n != 0 {
		t.Errorf("%d posts after the refused write, want 0", n)
	}
}

// notNullError: NULL written into a NOT NULL column is a *NotNullError,
// over a *DatabaseError of kind ErrNotNull.
func notNullError(t *testing.T, db *strata.DB, _ *Target) {
	ctx := ctx(t)
	a := author{Name: "ann"}
	if err := strata.Create(ctx, db, &a); err != nil {
		t.Fatal(err)
	}
	_, err := strata.Find[author](db).Where(strata.Eq("id", a.ID)).Update(ctx, strata.Fields{"name": nil})
	var ne *strata.NotNullError
	if !errors.As(err, &ne) {
		t.Fatalf("NULL name: %T %v, want a *NotNullError", err, err)
	}
	var de *strata.DatabaseError
	if !errors.As(err, &de) || de.Kind != dialect.ErrNotNull {
		t.Errorf("database error %+v", de)
	}
	got := must(strata.Find[author](db).ByPK(ctx, a.ID))(t)
	if got.Name != "ann" {
		t.Errorf("name after the refused write: %q", got.Name)
	}
}
