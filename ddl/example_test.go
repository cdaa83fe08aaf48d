package ddl_test

import (
	"fmt"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect/pgdialect"
	"github.com/strata-orm/strata/schema"
)

// users is the schema the examples start from: a users table, replayed
// offline from the operation that creates it.
func users() *schema.Database {
	db := &schema.Database{}
	if err := ddl.Replay(db, ddl.CreateTable("users",
		ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
		ddl.Column("email", schema.String(100)).NotNull(),
		ddl.Column("age", schema.Integer()),
	)); err != nil {
		panic(err)
	}
	return db
}

// run renders op against db on PostgreSQL, prints the SQL (a guard is a
// query run first that refuses the change if a row would lose its value),
// and applies op to db.
func run(db *schema.Database, op ddl.Op) {
	stmts, err := pgdialect.New().Render(op, db)
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	for _, s := range stmts {
		if s.Guard != nil {
			fmt.Print("-- guard: ")
		}
		fmt.Println(s.SQL + ";")
		if len(s.Args) > 0 {
			fmt.Println("-- args:", s.Args)
		}
	}
	if err := op.Apply(db); err != nil {
		fmt.Println("error:", err)
	}
}

func ExampleCreateTable() {
	db := users()
	run(db, ddl.CreateTable("orders",
		ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
		ddl.Column("userId", schema.Integer()).NotNull().
			References("users", "id").OnDelete(schema.Cascade),
		ddl.Column("total", schema.Decimal(10, 2)).NotNull().Default("0"),
		ddl.Column("createdAt", schema.Date()).NotNull().DefaultNow(),
	))
	fmt.Println(db.TableNames())
	fmt.Println(db.Table("orders").ColumnNames())
	// Output:
	// CREATE TABLE "orders" (
	//   "id" SERIAL,
	//   "userId" INTEGER NOT NULL,
	//   "total" DECIMAL(10,2) NOT NULL DEFAULT 0,
	//   "createdAt" TIMESTAMP(6) WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
	//   PRIMARY KEY ("id"),
	//   CONSTRAINT "orders_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE
	// );
	// [users orders]
	// [id userId total createdAt]
}

func ExampleAddColumn() {
	db := users()
	run(db, ddl.AddColumn("users", ddl.Column("nickname", schema.String(30)).Unique()))
	fmt.Println(db.Table("users").ColumnNames())
	// Output:
	// ALTER TABLE "users"
	//   ADD COLUMN "nickname" VARCHAR(30),
	//   ADD CONSTRAINT "users_nickname_key" UNIQUE ("nickname");
	// [id email age nickname]
}

func ExampleChangeColumn() {
	db := users()
	run(db, ddl.ChangeColumn("users", ddl.Column("age", schema.SmallInt()).NotNull().Default(0)))
	c := db.Table("users").Column("age")
	fmt.Println(c.Type, c.NotNull)
	// Output:
	// -- guard: SELECT COUNT(*) FROM "users" WHERE ("age" IS NULL) OR ("age" < -32768 OR "age" > 32767);
	// ALTER TABLE "users"
	//   ALTER COLUMN "age" TYPE SMALLINT USING "age"::SMALLINT,
	//   ALTER COLUMN "age" SET NOT NULL,
	//   ALTER COLUMN "age" SET DEFAULT 0;
	// SMALLINT true
}

func ExampleRenameColumn() {
	db := users()
	run(db, ddl.RenameColumn("users", "email", "mail"))
	fmt.Println(db.Table("users").ColumnNames())
	// Output:
	// ALTER TABLE "users" RENAME COLUMN "email" TO "mail";
	// [id mail age]
}

func ExampleAddIndex() {
	db := users()
	run(db, ddl.AddIndex("users", "email").AsUnique())
	run(db, ddl.AddIndex("users", "age").Named("adults").Partial(`"age" >= 18`))
	for _, x := range db.Table("users").Indexes {
		fmt.Println(x.Name, x.Columns, x.Unique)
	}
	// Output:
	// CREATE UNIQUE INDEX "users_email" ON "users" ("email");
	// CREATE INDEX "adults" ON "users" ("age") WHERE "age" >= 18;
	// users_email [email] true
	// adults [age] false
}

func ExampleAddForeignKey() {
	db := users()
	run(db, ddl.CreateTable("posts",
		ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
		ddl.Column("authorId", schema.Integer()),
	))
	run(db, ddl.AddForeignKey("posts", []string{"authorId"}, "users", []string{"id"}).WithOnDelete(schema.SetNull))
	fmt.Println(db.Table("posts").ForeignKeys[0].Name)
	// Output:
	// CREATE TABLE "posts" (
	//   "id" SERIAL,
	//   "authorId" INTEGER,
	//   PRIMARY KEY ("id")
	// );
	// ALTER TABLE "posts" ADD CONSTRAINT "posts_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "users" ("id") ON DELETE SET NULL;
	// posts_authorId_fkey
}

func ExampleAddUnique() {
	db := users()
	run(db, ddl.AddUnique("users", "email", "age"))
	run(db, ddl.AddCheck("users", "age_positive", `"age" > 0`))
	t := db.Table("users")
	fmt.Println(t.Uniques[0].Name, t.Checks[0].Name)
	// Output:
	// ALTER TABLE "users" ADD CONSTRAINT "users_email_age_key" UNIQUE ("email", "age");
	// ALTER TABLE "users" ADD CONSTRAINT "age_positive" CHECK ("age" > 0);
	// users_email_age_key age_positive
}

// Apply refuses an operation that does not fit the schema, before any SQL
// exists.
func ExampleReplay() {
	db := users()
	err := ddl.Replay(db, ddl.AddColumn("users", ddl.Column("email", schema.Text())))
	fmt.Println(err)
	err = ddl.Replay(db, ddl.CreateTable("likes", ddl.Column("postId", schema.Integer()).References("posts", "id")))
	fmt.Println(err)
	// Output:
	// addColumn "users"."email": table "users" already has a column "email"
	// createTable "likes": foreign key "likes_postId_fkey": column "postId" references table "posts", which does not exist; create "posts" first, or fix the reference
}

// Reverse says what undoes an operation, given the schema before it: the
// down of a migration that is not written by hand.
func ExampleReverseAll() {
	before := users()
	undo, err := ddl.ReverseAll(before,
		ddl.AddColumn("users", ddl.Column("nickname", schema.String(30))),
		ddl.RenameTable("users", "accounts"),
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, op := range undo {
		fmt.Println(op)
	}
	// Output:
	// renameTable "accounts" to "users"
	// removeColumn "users"."nickname"
}

func ExampleBulkInsert() {
	db := users()
	run(db, ddl.BulkInsert("users",
		ddl.Row{"email": "ada@example.com", "age": 36},
		ddl.Row{"email": "alan@example.com", "age": 41},
	))
	// Output:
	// INSERT INTO "users" ("age", "email") VALUES ($1, $2), ($3, $4);
	// -- args: [36 ada@example.com 41 alan@example.com]
}
