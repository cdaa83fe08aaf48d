package drift_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialect/mysqldialect"
	"github.com/strata-orm/strata/dialect/pgdialect"
	"github.com/strata-orm/strata/dialect/sqlitedialect"
	"github.com/strata-orm/strata/drift"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

// TestCheckDowns: the migrations whose down does not give back the schema
// before their up are reported with what differs, on every dialect's
// terms; downs that undo their ups are not.
func TestCheckDowns(t *testing.T) {
	reg := migrate.Registry{
		{Name: "20190118-users", Imported: true, Up: []ddl.Op{ddl.CreateTable("users",
			ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(), ddl.Column("name", schema.String(40)).NotNull())},
			Down: []ddl.Op{ddl.DropTable("users")}},
		{Name: "v2.1.0-age", Imported: true, Up: []ddl.Op{ddl.AddColumn("users", ddl.Column("age", schema.Integer()))}, Down: []ddl.Op{}},
		{Name: "v2.2.0-email", Imported: true, Up: []ddl.Op{
			ddl.AddColumn("users", ddl.Column("email", schema.String(100))),
			ddl.AddIndex("users", "email").Named("users_email"),
		}, Down: []ddl.Op{ddl.RemoveIndex("users", "users_email")}},
		{Name: "v2.3.0-name", Imported: true, Up: []ddl.Op{ddl.ChangeColumn("users", ddl.Column("name", schema.String(80)).NotNull())},
			Down: []ddl.Op{ddl.ChangeColumn("users", ddl.Column("name", schema.String(40)))}},
		{Name: "v2.4.0-tags", Imported: true, Up: []ddl.Op{ddl.CreateTable("tags", ddl.Column("id", schema.Integer()).PrimaryKey())},
			Down: []ddl.Op{ddl.DropTable("tag")}},
		{Name: "v2.5.0-drop-age", Imported: true, Up: []ddl.Op{ddl.RemoveColumn("users", "age")},
			Down: []ddl.Op{ddl.AddColumn("users", ddl.Column("age", schema.Integer()))}},
		{Name: "v2.6.0-name-index", Imported: true, Up: []ddl.Op{ddl.AddIndex("users", "name").Named("users_name")},
			Down: []ddl.Op{ddl.RemoveIndex("users", "users_name"), ddl.RemoveColumn("users", "email")}},
	}
	want := []string{
		"v2.1.0-age: down leaves column users.age",
		"v2.2.0-email: down leaves column users.email",
		"v2.3.0-name: down leaves column users.name as STRING(40) NULL (before the up: STRING(40) NOT NULL)",
		`migrate: v2.4.0-tags: its down does not apply after its up: dropTable "tag": table "tag" does not exist (did you mean "tags"?)`,
		"v2.6.0-name-index: down removes column users.email, which was there before the up; down removes index users.users_email, which was there before the up",
	}
	for _, d := range []dialect.Dialect{nil, sqlitedialect.New(), pgdialect.New(), mysqldialect.New()} {
		name := "no dialect"
		if d != nil {
			name = d.Name()
		}
		t.Run(name, func(t *testing.T) {
			ps, err := drift.CheckDowns(d, migrate.WithGo(reg))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range ps {
				got = append(got, p.String())
			}
			if diff := cmp.Diff(got, want); diff != "" {
				t.Fatalf("CheckDowns (-got +want):\n%s", diff)
			}
			if ps[0].Source != "" || len(ps[0].Changes) != 1 || !strings.Contains(string(ps[0].Changes[0].Kind), "drop column") {
				t.Errorf("first problem: %+v", ps[0])
			}
		})
	}
}

// TestCheckDownsGoesOn: a migration whose down leaves a schema schemadiff
// cannot diff with the one before its up (a foreign key's name moved to
// other columns) is reported with the error, and the migrations after it
// are checked all the same; a table's change names the table once.
func TestCheckDownsGoesOn(t *testing.T) {
	fk := func(col, name string) ddl.Op {
		return ddl.AddForeignKey("g", []string{col}, "p", []string{"id"}).Named(name)
	}
	reg := migrate.Registry{
		{Name: "20190118-g", Imported: true, Up: []ddl.Op{
			ddl.CreateTable("p", ddl.Column("id", schema.Integer()).PrimaryKey()),
			ddl.CreateTable("g", ddl.Column("id", schema.Integer()).PrimaryKey(), ddl.Column("a", schema.Integer()), ddl.Column("b", schema.Integer())),
			fk("a", "c_fkey"), fk("b", "o_fkey"),
		}, Down: []ddl.Op{ddl.DropTable("g"), ddl.DropTable("p")}},
		{Name: "v2.1.0-swap", Imported: true, Up: []ddl.Op{
			ddl.RemoveConstraint("g", "c_fkey"), ddl.RemoveConstraint("g", "o_fkey"), fk("b", "c_fkey"),
		}, Down: []ddl.Op{}},
		{Name: "v2.2.0-tags", Imported: true, Up: []ddl.Op{ddl.CreateTable("tags", ddl.Column("id", schema.Integer()).PrimaryKey())},
			Down: []ddl.Op{}},
	}
	for _, d := range []dialect.Dialect{nil, sqlitedialect.New(), pgdialect.New(), mysqldialect.New()} {
		ps, err := drift.CheckDowns(d, migrate.WithGo(reg))
		if err != nil {
			t.Fatalf("%v: CheckDowns stopped at one migration: %v", d, err)
		}
		var got []string
		for _, p := range ps {
			got = append(got, p.Name)
		}
		if diff := cmp.Diff(got, []string{"v2.1.0-swap", "v2.2.0-tags"}); diff != "" {
			t.Fatalf("%v: CheckDowns (-got +want):\n%s", d, diff)
		}
		if ps[0].Err == nil || !strings.Contains(ps[0].Err.Error(), "v2.1.0-swap: cannot compare") || !strings.Contains(ps[0].Err.Error(), "c_fkey") {
			t.Errorf("%v: first problem: %v", d, ps[0])
		}
		if want := "v2.2.0-tags: down leaves table tags"; ps[1].String() != want {
			t.Errorf("%v: second problem %q, want %q", d, ps[1].String(), want)
		}
	}
}
