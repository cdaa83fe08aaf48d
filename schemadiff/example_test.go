package schemadiff_test

import (
	"fmt"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/schema"
	"github.com/strata-orm/strata/schemadiff"
)

func ExampleDiff() {
	from := &schema.Database{}
	_ = ddl.Replay(from, ddl.CreateTable("users",
		ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
		ddl.Column("name", schema.String(0)),
		ddl.Column("age", schema.Integer())))
	to := from.Clone()
	_ = ddl.Replay(to,
		ddl.RemoveColumn("users", "age"),
		ddl.AddColumn("users", ddl.Column("email", schema.String(0)).NotNull()),
		ddl.AddUnique("users", "email"))

	r, err := schemadiff.Diff(from, to, schemadiff.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range r.Changes {
		fmt.Printf("%s %s.%s: %q -> %q\n", c.Kind, c.Table, c.Name, c.From, c.To)
	}
	fmt.Println("suggested:", r.Suggested)
	for _, op := range r.Up {
		fmt.Println("up:  ", op.GoString())
	}
	for _, op := range r.Down {
		fmt.Println("down:", op.GoString())
	}
	// Output:
	// drop column users.age: "INTEGER NULL" -> ""
	// add column users.email: "" -> "STRING(255) NOT NULL"
	// add unique users.users_email_key: "" -> "UNIQUE (email)"
	// suggested: []
	// up:   ddl.RemoveColumn("users", "age")
	// up:   ddl.AddColumn("users", ddl.Column("email", schema.String(255)).NotNull())
	// up:   ddl.AddUnique("users", "email")
	// down: ddl.RemoveConstraint("users", "users_email_key")
	// down: ddl.RemoveColumn("users", "email")
	// down: ddl.AddColumn("users", ddl.Column("age", schema.Integer()))
}
