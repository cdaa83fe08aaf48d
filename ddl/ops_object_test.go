package ddl_test

import (
	"errors"
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/schema"
)

// Objects are checked offline like tables: a kind, a name, a definition
// in a known dialect, no duplicate, a trigger on a table that exists;
// they go with their table when it is dropped and follow it when renamed.
func TestObjectOps(t *testing.T) {
	db := &schema.Database{}
	if err := ddl.Replay(db, ddl.CreateTable("film", ddl.Column("id", schema.Integer()).PrimaryKey())); err != nil {
		t.Fatal(err)
	}
	view := schema.Object{Kind: schema.ObjectView, Name: "films", Dialect: "postgres", Definition: "CREATE VIEW films AS SELECT id FROM film"}
	trig := schema.Object{Kind: schema.ObjectTrigger, Name: "stamp", Table: "film", Dialect: "postgres", Definition: "CREATE TRIGGER stamp …"}
	for _, tt := range []struct {
		obj  schema.Object
		kind error
	}{
		{schema.Object{Kind: "macro", Name: "m", Dialect: "postgres", Definition: "x"}, ddl.ErrInvalid},
		{schema.Object{Kind: schema.ObjectView, Name: "v", Dialect: "oracle", Definition: "x"}, ddl.ErrInvalid},
		{schema.Object{Kind: schema.ObjectView, Name: "v", Dialect: "postgres"}, ddl.ErrInvalid},
		{schema.Object{Kind: schema.ObjectView, Dialect: "postgres", Definition: "x"}, ddl.ErrInvalid},
		{schema.Object{Kind: schema.ObjectTrigger, Name: "t", Table: "nope", Dialect: "postgres", Definition: "x"}, ddl.ErrNotFound},
	} {
		if err := ddl.Replay(db, ddl.CreateObject(tt.obj)); !errors.Is(err, tt.kind) {
			t.Errorf("CreateObject(%+v) = %v, want %v", tt.obj, err, tt.kind)
		}
	}
	if err := ddl.Replay(db, ddl.CreateObject(view), ddl.CreateObject(trig)); err != nil {
		t.Fatal(err)
	}
	if err := ddl.Replay(db, ddl.CreateObject(view)); !errors.Is(err, ddl.ErrExists) {
		t.Errorf("a second view films: %v, want ErrExists", err)
	}
	if err := ddl.Replay(db, ddl.DropObject(schema.ObjectView, "flims")); !errors.Is(err, ddl.ErrNotFound) {
		t.Errorf("dropping a view that is not there: %v, want ErrNotFound", err)
	}
	rev, err := ddl.DropObject(schema.ObjectTrigger, "film.stamp").Reverse(db)
	if err != nil || len(rev) != 1 || rev[0].(*ddl.CreateObjectOp).Object != trig {
		t.Errorf("Reverse of dropping film.stamp = %v, %v; want it made again", rev, err)
	}
	if err := ddl.Replay(db, ddl.RenameTable("film", "movie")); err != nil {
		t.Fatal(err)
	}
	if db.Object(schema.ObjectTrigger, "movie", "stamp") == nil {
		t.Errorf("trigger stamp did not follow its table: %+v", db.Objects)
	}
	stale := *db.Object(schema.ObjectView, "", "films")
	if !stale.Stale {
		t.Errorf("view films is not stale after the rename of the table it reads")
	}
	if err := ddl.Replay(&schema.Database{}, ddl.CreateObject(stale)); !errors.Is(err, ddl.ErrInvalid) {
		t.Errorf("making a stale view again: %v, want ErrInvalid", err)
	}
	if err := ddl.Replay(db, ddl.DropTable("movie")); err != nil {
		t.Fatal(err)
	}
	if db.Object(schema.ObjectTrigger, "movie", "stamp") != nil || db.Object(schema.ObjectView, "", "films") == nil {
		t.Errorf("after dropping movie: %+v; want its trigger gone and the view kept", db.Objects)
	}
}
