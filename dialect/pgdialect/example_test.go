package pgdialect_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialect/pgdialect"
	"github.com/strata-orm/strata/schema"
)

// Render turns an operation into PostgreSQL's SQL, given the schema before
// it. An ENUM column gets a type of its own, created first.
func Example() {
	d := pgdialect.New()
	op := ddl.CreateTable("users",
		ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
		ddl.Column("email", schema.String(0)).NotNull().Unique(),
		ddl.Column("role", schema.Enum("admin", "member")).NotNull().Default("member"),
		ddl.Column("createdAt", schema.Date()).NotNull().DefaultNow(),
	)
	stmts, err := d.Render(op, &schema.Database{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range stmts {
		fmt.Println(s.SQL + ";")
	}
	// Output:
	// CREATE TYPE "enum_users_role" AS ENUM ('admin', 'member');
	// CREATE TABLE "users" (
	//   "id" SERIAL,
	//   "email" VARCHAR(255) NOT NULL,
	//   "role" "enum_users_role" NOT NULL DEFAULT 'member',
	//   "createdAt" TIMESTAMP(6) WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
	//   PRIMARY KEY ("id"),
	//   CONSTRAINT "users_email_key" UNIQUE ("email")
	// );
}

// PostgreSQL prints a check constraint back with parentheses and casts;
// NormalizeExpr brings what a migration wrote and what the server prints
// to the same text.
func ExampleNormalizeExpr() {
	fmt.Println(pgdialect.NormalizeExpr(`"total" >= 0 AND status IN ('paid', 'sent')`))
	fmt.Println(pgdialect.NormalizeExpr(`((total >= (0)::numeric) AND ((status)::text = ANY ((ARRAY['paid'::character varying, 'sent'::character varying])::text[])))`))
	// Output:
	// total >= 0 AND status IN ('paid', 'sent')
	// total >= 0 AND status IN ('paid', 'sent')
}

// Open connects with the session in UTC; ExecAll runs rendered statements
// in one transaction, and Classify tells what a failure was.
func ExampleDialect_Open() {
	d := pgdialect.New()
	db, err := d.Open(os.Getenv("DATABASE_URL")) // postgres://user@host:5432/shop
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	live, err := d.Inspect(ctx, db)
	if err != nil {
		log.Fatal(err)
	}
	stmts, err := d.Render(ddl.AddColumn("users", ddl.Column("age", schema.Integer())), live)
	if err != nil {
		log.Fatal(err) // e.g. the table has no such column, before any SQL ran
	}
	if err := dialect.ExecAll(ctx, db, d, stmts); err != nil {
		if e := d.Classify(err); e != nil && e.Kind == dialect.ErrExists {
			log.Fatalf("someone added it already: %v", e)
		}
		log.Fatal(err)
	}
}
