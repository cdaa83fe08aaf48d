package ddl_test

import (
	"fmt"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/schema"
)

// An operation prints as the Go a migration holds for it (%#v calls
// GoString): what migration:generate writes and CheckSchema suggests.
func ExampleCreateTableOp_GoString() {
	op := ddl.CreateTable("orders",
		ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
		ddl.Column("userId", schema.Integer()).NotNull().References("users", "id").OnDelete(schema.Cascade),
		ddl.Column("total", schema.Decimal(10, 2)).NotNull().Default("0"),
		ddl.Column("createdAt", schema.Date()).NotNull().DefaultNow(),
	).WithUnique("userId", "createdAt")
	fmt.Printf("%#v\n", op)
	// Output:
	// ddl.CreateTable("orders",
	// 	ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
	// 	ddl.Column("userId", schema.Integer()).NotNull().References("users", "id").OnDelete(schema.Cascade),
	// 	ddl.Column("total", schema.Decimal(10, 2)).NotNull().Default("0"),
	// 	ddl.Column("createdAt", schema.Date()).NotNull().DefaultNow(),
	// ).WithUnique("userId", "createdAt")
}

// A column prints with the chainable methods that build it.
func ExampleColumnDef_GoString() {
	c := ddl.ColumnOf(schema.Column{Name: "stock", Type: schema.Integer(), NotNull: true, Default: schema.Literal(10)})
	fmt.Println(c.GoString())
	// Output:
	// ddl.Column("stock", schema.Integer()).NotNull().Default(10)
}

// A foreign key added to an existing table, with its actions.
func ExampleAddConstraintOp_GoString() {
	op := ddl.AddForeignKey("orders", []string{"userId"}, "users", []string{"id"}).WithOnDelete(schema.SetNull)
	fmt.Println(op.GoString())
	// Output:
	// ddl.AddForeignKey("orders", []string{"userId"}, "users", []string{"id"}).WithOnDelete(schema.SetNull)
}

// Rows print one a line, their columns sorted.
func ExampleBulkInsertOp_GoString() {
	op := ddl.BulkInsert("users",
		ddl.Row{"email": "ada@example.com", "age": 36},
		ddl.Row{"email": "alan@example.com", "age": nil},
	)
	fmt.Println(op.GoString())
	// Output:
	// ddl.BulkInsert("users",
	// 	ddl.Row{"age": 36, "email": "ada@example.com"},
	// 	ddl.Row{"age": nil, "email": "alan@example.com"},
	// )
}
