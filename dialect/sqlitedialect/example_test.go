package sqlitedialect_test

import (
	"context"
	"fmt"
	"log"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialect/sqlitedialect"
	"github.com/strata-orm/strata/schema"
)

// Example runs two migrations' worth of operations on an in-memory
// database: a table is created, then a column is changed, which SQLite can
// only do by rebuilding the table. The rows survive, and Inspect reads the
// schema back as the operations describe it.
func Example() {
	ctx := context.Background()
	d := sqlitedialect.New()
	db, err := d.Open("sqlite::memory:")
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()

	cur := &schema.Database{} // the schema as the operations so far made it
	apply := func(op ddl.Op) {
		stmts, err := d.Render(op, cur)
		if err != nil {
			log.Fatal(err)
		}
		if err := dialect.ExecAll(ctx, db, d, stmts); err != nil {
			log.Fatal(err)
		}
		if err := op.Apply(cur); err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s: %d statement(s)\n", op, len(stmts))
	}
	apply(ddl.CreateTable("users",
		ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
		ddl.Column("email", schema.String(100)).NotNull().Unique(),
		ddl.Column("status", schema.Enum("new", "active")).NotNull().Default("new"),
	))
	apply(ddl.BulkInsert("users", ddl.Row{"email": "ada@example.com"}, ddl.Row{"email": "alan@example.com"}))
	apply(ddl.ChangeColumn("users", ddl.Column("email", schema.String(320)).NotNull()))

	var n int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM "users"`).Scan(&n); err != nil {
		log.Fatal(err)
	}
	live, err := d.Inspect(ctx, db)
	if err != nil {
		log.Fatal(err)
	}
	users := live.Table("users")
	fmt.Println("rows:", n)
	fmt.Println("email:", users.Column("email").Type, "status:", users.Column("status").Type)
	fmt.Println("unique:", users.Uniques[0].Name)
	// Output:
	// createTable "users": 1 statement(s)
	// bulkInsert 2 rows into "users": 1 statement(s)
	// changeColumn "users"."email": 7 statement(s)
	// rows: 2
	// email: STRING(320) status: ENUM('new','active')
	// unique: users_email_key
}
