package lint_test

import (
	"context"
	"fmt"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect/pgdialect"
	"github.com/strata-orm/strata/lint"
	"github.com/strata-orm/strata/schema"
)

// Check reads a migration's operations against the schema before it.
// Without a probe it cannot tell whether users has rows, so the NOT NULL
// column is a warning; the rename is one always; the dropped column is
// allowed, with its reason.
func ExampleCheck() {
	before := &schema.Database{}
	if err := ddl.Replay(before, ddl.CreateTable("users",
		ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
		ddl.Column("email", schema.String(100)),
		ddl.Column("legacy", schema.Boolean()),
	)); err != nil {
		panic(err)
	}
	ops := []ddl.Op{
		ddl.RemoveColumn("users", "legacy"),
		ddl.RenameColumn("users", "email", "mail"),
		ddl.AddColumn("users", ddl.Column("plan", schema.String(20)).NotNull()),
	}
	fs, err := lint.Check(context.Background(), pgdialect.New(), before, "20261126184503-plans", ops, nil,
		[]lint.Allow{{Rule: "L002", Reason: "nothing reads legacy since v3"}})
	if err != nil {
		panic(err)
	}
	for _, f := range fs {
		fmt.Println(f.Rule, f.Severity, f.Table+"."+f.Column, f.Blocking())
	}
	// Output:
	// L002 error users.legacy false
	// L006 warning users.email false
	// L004 warning users.plan false
}
