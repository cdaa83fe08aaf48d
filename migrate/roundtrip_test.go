package migrate_test

import (
	"context"
	"strings"
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

// downsHistory has downs that undo their ups and downs that do not, and
// migrations a round trip cannot be made for offline.
func downsHistory() migrate.Registry {
	fn := func(context.Context, migrate.Executor) error { return nil }
	return migrate.Registry{
		{Name: "20261126000001-users", Up: []ddl.Op{ddl.CreateTable("users",
			ddl.Column("id", schema.Integer()).PrimaryKey(), ddl.Column("name", schema.String(40)))},
			Down: []ddl.Op{ddl.DropTable("users")}},
		{Name: "20261126000002-age", Up: []ddl.Op{ddl.AddColumn("users", ddl.Column("age", schema.Integer()))}, Down: []ddl.Op{}},
		{Name: "20261126000003-index", Up: []ddl.Op{ddl.AddIndex("users", "name")}},
		{Name: "20261126000004-code", UpFunc: fn, DownFunc: fn, Version: "1"},
		{Name: "20261126000005-widen", Up: []ddl.Op{ddl.ChangeColumn("users", ddl.Column("name", schema.String(80)))},
			Down: []ddl.Op{ddl.ChangeColumn("users", ddl.Column("name", schema.String(60)))}},
		{Name: "20261126000006-wrong-table", Up: []ddl.Op{ddl.CreateTable("tags", ddl.Column("id", schema.Integer()).PrimaryKey())},
			Down: []ddl.Op{ddl.DropTable("tag")}},
		{Name: "20261126000007-raw", Up: []ddl.Op{ddl.Raw("CREATE TABLE notes (id INTEGER PRIMARY KEY)")}, Down: []ddl.Op{ddl.Raw("DROP TABLE notes")}},
		{Name: "20261126000008-notes-title", Up: []ddl.Op{ddl.AddColumn("notes", ddl.Column("title", schema.String(40)))},
			Down: []ddl.Op{ddl.RemoveColumn("notes", "title")}},
		{Name: "20261126000009-tags-name", Up: []ddl.Op{ddl.AddColumn("tags", ddl.Column("name", schema.String(40)))},
			Down: []ddl.Op{ddl.RemoveColumn("tags", "name")}},
	}
}

func TestReplayDowns(t *testing.T) {
	rts, err := migrate.ReplayDowns(nil, migrate.WithGo(downsHistory()))
	if err != nil {
		t.Fatal(err)
	}
	if len(rts) != 9 {
		t.Fatalf("%d round trips, want 9", len(rts))
	}
	got := map[string]migrate.Roundtrip{}
	for _, rt := range rts {
		got[rt.Name[len("20261126000001-"):]] = rt
	}
	for name, want := range map[string]string{
		"index": "no down", "code": "Go code", "raw": "SQL", "notes-title": "does not apply offline after 20261126000007-raw",
	} {
		if rt := got[name]; !strings.Contains(rt.Skipped, want) || rt.Undone != nil {
			t.Errorf("%s: Skipped %q, Undone %v; want it skipped saying %q", name, rt.Skipped, rt.Undone != nil, want)
		}
	}
	for _, name := range []string{"users", "age", "widen", "tags-name"} {
		if rt := got[name]; rt.Skipped != "" || rt.Err != nil || rt.Undone == nil {
			t.Errorf("%s: Skipped %q, Err %v; want a round trip", name, rt.Skipped, rt.Err)
		}
	}
	if rt := got["users"]; len(rt.Undone.Tables) != 0 {
		t.Errorf("users undone: %v, want no table", rt.Undone.TableNames())
	}
	if rt := got["age"]; rt.Undone.Table("users").Column("age") == nil || rt.Before.Table("users").Column("age") != nil {
		t.Errorf("age: the empty down should leave users.age, and Before not have it")
	}
	if rt := got["wrong-table"]; rt.Err == nil || !strings.Contains(rt.Err.Error(), `table "tag" does not exist`) {
		t.Errorf("wrong-table: Err %v, want the down's error", rt.Err)
	}
}
