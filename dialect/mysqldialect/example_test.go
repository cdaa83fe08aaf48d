package mysqldialect_test

import (
	"fmt"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect/mysqldialect"
	"github.com/strata-orm/strata/schema"
)

// Render turns a migration's operations into MySQL statements, checked
// against the schema before them; Open (not run here) connects with the
// session strata relies on.
func Example() {
	d := mysqldialect.New()
	db := &schema.Database{}
	ops := []ddl.Op{
		ddl.CreateTable("users",
			ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
			ddl.Column("email", schema.String(0)).NotNull().Unique(),
		),
		ddl.CreateTable("orders",
			ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
			ddl.Column("userId", schema.Integer()).References("users", "id").OnDelete(schema.Cascade),
			ddl.Column("createdAt", schema.Date()).NotNull().DefaultNow(),
		),
	}
	for _, op := range ops {
		stmts, err := d.Render(op, db)
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, s := range stmts {
			fmt.Println(s.SQL + ";")
		}
		if err := op.Apply(db); err != nil {
			fmt.Println(err)
			return
		}
	}

	_, err := d.Open("mysql://app@db.example/shop?multiStatements=true")
	fmt.Println(err)
	// Output:
	// CREATE TABLE `users` (
	//   `id` INT NOT NULL AUTO_INCREMENT,
	//   `email` VARCHAR(255) NOT NULL,
	//   PRIMARY KEY (`id`),
	//   UNIQUE KEY `users_email_key` (`email`)
	// ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
	// CREATE TABLE `orders` (
	//   `id` INT NOT NULL AUTO_INCREMENT,
	//   `userId` INT,
	//   `createdAt` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	//   PRIMARY KEY (`id`),
	//   KEY `orders_userId_fkey` (`userId`),
	//   CONSTRAINT `orders_userId_fkey` FOREIGN KEY (`userId`) REFERENCES `users` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION
	// ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
	// mysql URL: option multiStatements=true is refused: it lets one string run several statements, so SQL injected into a value can run a statement of its own; remove the option
}
