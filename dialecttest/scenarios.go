package dialecttest

import (
	"strings"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/internal/testshop"
	"github.com/strata-orm/strata/schema"
)

// Scenario is one operation checked against every dialect: Setup runs first
// (on top of the seed's shop when Shop is set), then Op.
type Scenario struct {
	Name  string
	Shop  bool     // start from the seed's shop schema
	Setup []ddl.Op // more setup, after the shop
	Op    ddl.Op
	// Unsupported maps a dialect name to a fragment of the error Render
	// must return there instead of SQL.
	Unsupported map[string]string
	// Rows are row counts per table to check after Op.
	Rows map[string]int
	// BeforeReverse runs after Op and its checks, before Op's reverse: the
	// data changes the reverse needs, since a reverse restores the schema,
	// not the rows (or references) the operation lost.
	BeforeReverse []ddl.Op
}

func shopRows() []ddl.Op {
	now := "2026-11-26 18:45:03"
	return []ddl.Op{
		ddl.BulkInsert("users",
			ddl.Row{"id": 1, "firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.com", "createdAt": now, "updatedAt": now},
			ddl.Row{"id": 2, "firstName": "Alan", "lastName": "Turing", "email": "alan@example.com", "createdAt": now, "updatedAt": now},
		),
		ddl.BulkInsert("orders",
			ddl.Row{"id": 1, "total": "12.50", "userId": 1, "createdAt": now, "updatedAt": now},
			ddl.Row{"id": 2, "total": "3.00", "userId": 2, "createdAt": now, "updatedAt": now},
		),
		ddl.BulkInsert("products",
			ddl.Row{"id": 1, "name": "tea", "price": "2.50", "createdAt": now, "updatedAt": now},
		),
		ddl.BulkInsert("product_orders",
			ddl.Row{"id": 1, "productId": 1, "orderId": 1, "createdAt": now, "updatedAt": now},
		),
	}
}

// Scenarios is the list every dialect runs, covering every ddl operation.
func Scenarios() []Scenario {
	long := strings.Repeat("x", 70)
	return []Scenario{
		{Name: "create_table_all_types", Op: ddl.CreateTable("everything",
			ddl.Column("id", schema.BigInt()).PrimaryKey().AutoIncrement(),
			ddl.Column("s", schema.String(0)),
			ddl.Column("s20", schema.String(20)).NotNull(),
			ddl.Column("c", schema.Char(2)),
			ddl.Column("t", schema.Text()),
			ddl.Column("i", schema.Integer()),
			ddl.Column("si", schema.SmallInt()),
			ddl.Column("bi", schema.BigInt()),
			ddl.Column("f", schema.Float()),
			ddl.Column("d", schema.Double()),
			ddl.Column("dec", schema.Decimal(12, 3)),
			ddl.Column("b", schema.Boolean()),
			ddl.Column("ts", schema.Date()),
			ddl.Column("day", schema.DateOnly()),
			ddl.Column("tod", schema.Time()),
			ddl.Column("u", schema.UUID()),
			ddl.Column("j", schema.JSON()),
			ddl.Column("jb", schema.JSONB()),
			ddl.Column("bl", schema.Blob()),
			ddl.Column("e", schema.Enum("draft", "paid", "it's")),
		)},
		{Name: "create_table_defaults", Op: ddl.CreateTable("defaults",
			ddl.Column("id", schema.UUID()).PrimaryKey().DefaultUUIDv4(),
			ddl.Column("name", schema.String(0)).NotNull().Default("it's me"),
			ddl.Column("count", schema.Integer()).NotNull().Default(0),
			ddl.Column("neg", schema.BigInt()).Default(-42),
			ddl.Column("price", schema.Decimal(10, 2)).Default("9.99"),
			ddl.Column("ratio", schema.Double()).Default(0.5),
			ddl.Column("active", schema.Boolean()).NotNull().Default(true),
			ddl.Column("off", schema.Boolean()).Default(false),
			ddl.Column("status", schema.Enum("new", "done")).Default("new"),
			ddl.Column("createdAt", schema.Date()).NotNull().DefaultNow(),
			ddl.Column("day", schema.DateOnly()).DefaultNow(),
		)},
		{Name: "create_table_composite", Op: ddl.CreateTable("memberships",
			ddl.Column("groupId", schema.Integer()).NotNull(),
			ddl.Column("userId", schema.Integer()).NotNull().References("users", "id").OnDelete(schema.Cascade).OnUpdate(schema.Cascade),
			ddl.Column("role", schema.String(20)).NotNull(),
			ddl.Column("rank", schema.Integer()),
		).WithPrimaryKey("groupId", "userId").WithUnique("groupId", "rank").WithCheck("memberships_rank_check", "\"rank\" > 0"), Shop: true},
		{Name: "create_table_self_reference", Op: ddl.CreateTable("categories",
			ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
			ddl.Column("parentId", schema.Integer()).References("categories", "id").OnDelete(schema.SetNull),
		)},
		{Name: "create_table_array", Op: ddl.CreateTable("tagged",
			ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
			ddl.Column("tags", schema.Array(schema.String(30))),
			ddl.Column("scores", schema.Array(schema.Integer())),
		), Unsupported: map[string]string{"mysql": "ARRAY", "sqlite": "ARRAY"}},
		{Name: "drop_table", Shop: true, Op: ddl.DropTable("product_orders")},
		{Name: "drop_table_cascade", Shop: true, Setup: shopRows(), Op: ddl.DropTable("users").WithCascade(), Rows: map[string]int{"orders": 2},
			// The orders now point at users that are gone; the foreign key the
			// reverse adds back would refuse them.
			BeforeReverse: []ddl.Op{ddl.BulkUpdate("orders", ddl.Row{"userId": nil}, nil)}},
		{Name: "drop_table_enum", Setup: []ddl.Op{ddl.CreateTable("tickets", ddl.Column("id", schema.Integer()).PrimaryKey(), ddl.Column("state", schema.Enum("open", "closed")))},
			Op: ddl.DropTable("tickets")},
		{Name: "rename_table", Shop: true, Setup: shopRows(), Op: ddl.RenameTable("users", "people"), Rows: map[string]int{"people": 2, "orders": 2}},
		{Name: "add_column", Shop: true, Setup: shopRows(), Op: ddl.AddColumn("users", ddl.Column("points", schema.SmallInt())), Rows: map[string]int{"users": 2}},
		{Name: "add_column_not_null_default", Shop: true, Setup: shopRows(), Op: ddl.AddColumn("users", ddl.Column("active", schema.Boolean()).NotNull().Default(true)), Rows: map[string]int{"users": 2}},
		{Name: "add_column_unique", Shop: true, Setup: shopRows(), Op: ddl.AddColumn("users", ddl.Column("nick", schema.String(30)).Unique())},
		{Name: "add_column_references", Shop: true, Setup: shopRows(), Op: ddl.AddColumn("orders", ddl.Column("productId", schema.Integer()).References("products", "id").OnDelete(schema.SetNull).OnUpdate(schema.Cascade))},
		{Name: "add_column_enum", Shop: true, Op: ddl.AddColumn("orders", ddl.Column("state", schema.Enum("open", "paid")).NotNull().Default("open"))},
		{Name: "remove_column", Shop: true, Setup: shopRows(), Op: ddl.RemoveColumn("users", "lastName"), Rows: map[string]int{"users": 2, "orders": 2}},
		{Name: "remove_column_unique", Shop: true, Setup: shopRows(), Op: ddl.RemoveColumn("users", "email"), Rows: map[string]int{"users": 2, "orders": 2},
			// The reverse adds email back NOT NULL and unique, which rows without
			// an email cannot satisfy.
			BeforeReverse: []ddl.Op{ddl.BulkDelete("users", nil)}},
		{Name: "remove_column_indexed", Shop: true, Setup: append(shopRows(), ddl.AddIndex("users", "lastName", "firstName")), Op: ddl.RemoveColumn("users", "firstName")},
		{Name: "remove_column_foreign_key", Shop: true, Setup: shopRows(), Op: ddl.RemoveColumn("orders", "userId"), Rows: map[string]int{"orders": 2, "product_orders": 1}},
		{Name: "change_column_type", Shop: true, Setup: shopRows(), Op: ddl.ChangeColumn("users", ddl.Column("firstName", schema.String(100)).NotNull()), Rows: map[string]int{"users": 2, "orders": 2}},
		{Name: "change_column_default", Shop: true, Setup: shopRows(), Op: ddl.ChangeColumn("orders", ddl.Column("total", schema.Decimal(12, 2)).NotNull().Default(0)), Rows: map[string]int{"orders": 2, "product_orders": 1}},
		{Name: "change_column_drop_not_null", Shop: true, Op: ddl.ChangeColumn("products", ddl.Column("name", schema.Text()))},
		// Narrowing changes count first the rows they would lose (none here).
		{Name: "change_column_narrow_string", Shop: true, Setup: shopRows(), Op: ddl.ChangeColumn("users", ddl.Column("lastName", schema.String(20))), Rows: map[string]int{"users": 2}},
		{Name: "change_column_narrow_not_null", Shop: true, Setup: shopRows(), Op: ddl.ChangeColumn("users", ddl.Column("lastName", schema.Char(10)).NotNull()), Rows: map[string]int{"users": 2}},
		{Name: "change_column_narrow_decimal", Shop: true, Setup: shopRows(), Op: ddl.ChangeColumn("orders", ddl.Column("total", schema.Decimal(6, 1))), Rows: map[string]int{"orders": 2}},
		{Name: "change_column_narrow_integer", Shop: true, Setup: shopRows(), Op: ddl.ChangeColumn("users", ddl.Column("age", schema.SmallInt())), Rows: map[string]int{"users": 2}},
		{Name: "change_column_text_to_number", Setup: []ddl.Op{
			ddl.CreateTable("codes", ddl.Column("id", schema.Integer()).PrimaryKey(), ddl.Column("code", schema.String(20))),
			ddl.BulkInsert("codes", ddl.Row{"id": 1, "code": "12.50"}, ddl.Row{"id": 2, "code": " -3 "}, ddl.Row{"id": 3, "code": nil}),
		}, Op: ddl.ChangeColumn("codes", ddl.Column("code", schema.Decimal(10, 2))), Rows: map[string]int{"codes": 3}},
		{Name: "change_column_date_to_dateonly", Shop: true, Op: ddl.ChangeColumn("orders", ddl.Column("createdAt", schema.DateOnly()).NotNull())},
		{Name: "change_column_add_reference", Shop: true, Setup: append(shopRows(), ddl.AddColumn("products", ddl.Column("ownerId", schema.Integer()))),
			Op: ddl.ChangeColumn("products", ddl.Column("ownerId", schema.Integer()).References("users", "id").OnDelete(schema.Cascade))},
		{Name: "rename_column", Shop: true, Setup: shopRows(), Op: ddl.RenameColumn("users", "firstName", "givenName"), Rows: map[string]int{"users": 2}},
		{Name: "rename_column_referenced", Shop: true, Setup: shopRows(), Op: ddl.RenameColumn("users", "id", "userId"), Rows: map[string]int{"users": 2, "orders": 2}},
		{Name: "rename_column_foreign_key", Shop: true, Setup: shopRows(), Op: ddl.RenameColumn("orders", "userId", "customerId"), Rows: map[string]int{"orders": 2}},
		{Name: "add_index", Shop: true, Op: ddl.AddIndex("users", "lastName", "firstName")},
		{Name: "add_index_unique_named", Shop: true, Op: ddl.AddIndex("products", "name").AsUnique().Named("products_name_unique")},
		{Name: "add_index_partial", Shop: true, Op: ddl.AddIndex("orders", "userId").Named("orders_open").Partial(`"total" > 0`),
			Unsupported: map[string]string{"mysql": "partial"}},
		{Name: "add_index_prefix", Shop: true, Setup: shopRows(), Op: ddl.AddIndex("users", "lastName", "firstName DESC").Named("users_name_prefix").Prefix(10, 0),
			Unsupported: map[string]string{"postgres": "only MySQL and MariaDB have prefix indexes", "sqlite": "only MySQL and MariaDB have prefix indexes"}},
		{Name: "add_column_placed", Shop: true, Setup: shopRows(), Op: ddl.AddColumn("users", ddl.Column("nick", schema.String(20))).Placed("firstName"),
			Rows: map[string]int{"users": 2}, Unsupported: map[string]string{"postgres": "only MySQL and MariaDB place a column", "sqlite": "only MySQL and MariaDB place a column"}},
		{Name: "remove_index", Shop: true, Setup: []ddl.Op{ddl.AddIndex("users", "lastName")}, Op: ddl.RemoveIndex("users", "users_lastName")},
		// A unique key is removed by removeIndex or removeConstraint,
		// whichever way it was made (MySQL reads both back the same way).
		{Name: "remove_index_unique", Shop: true, Setup: append(shopRows(), ddl.AddIndex("users", "lastName").AsUnique()), Op: ddl.RemoveIndex("users", "users_lastName")},
		{Name: "remove_index_of_unique_constraint", Shop: true, Setup: append(shopRows(), ddl.AddUnique("users", "firstName", "lastName")),
			Op: ddl.RemoveIndex("users", "users_firstName_lastName_key")},
		{Name: "remove_constraint_of_unique_index", Shop: true, Setup: append(shopRows(), ddl.AddIndex("products", "name").AsUnique().Named("products_name_unique")),
			Op: ddl.RemoveConstraint("products", "products_name_unique")},
		// A unique key on a foreign key's columns serves the key: MySQL
		// needs the key's own index back before it drops it.
		{Name: "add_index_unique_foreign_key", Shop: true, Setup: shopRows(), Op: ddl.AddIndex("orders", "userId").AsUnique(), Rows: map[string]int{"orders": 2}},
		{Name: "remove_constraint_unique_of_foreign_key", Shop: true, Setup: append(shopRows(), ddl.AddUnique("orders", "userId")),
			Op: ddl.RemoveConstraint("orders", "orders_userId_key"), Rows: map[string]int{"orders": 2}},
		{Name: "add_constraint_unique", Shop: true, Setup: shopRows(), Op: ddl.AddUnique("users", "firstName", "lastName")},
		{Name: "add_constraint_check", Shop: true, Setup: shopRows(), Op: ddl.AddCheck("orders", "orders_total_positive", `"total" >= 0`)},
		{Name: "add_constraint_primary_key", Setup: []ddl.Op{ddl.CreateTable("tags", ddl.Column("name", schema.String(40)).NotNull(), ddl.Column("label", schema.Text()))},
			Op: ddl.AddPrimaryKey("tags", "name")},
		{Name: "add_constraint_foreign_key", Shop: true, Setup: append(shopRows(), ddl.AddColumn("products", ddl.Column("ownerId", schema.Integer()))),
			Op: ddl.AddForeignKey("products", []string{"ownerId"}, "users", []string{"id"}).Named("products_owner_fk").WithOnDelete(schema.SetNull).WithOnUpdate(schema.Restrict)},
		{Name: "remove_constraint_unique", Shop: true, Setup: shopRows(), Op: ddl.RemoveConstraint("users", "users_email_key")},
		{Name: "remove_constraint_foreign_key", Shop: true, Setup: shopRows(), Op: ddl.RemoveConstraint("orders", "orders_userId_fkey")},
		{Name: "remove_constraint_check", Shop: true, Setup: []ddl.Op{ddl.AddCheck("orders", "orders_total_positive", `"total" >= 0`)}, Op: ddl.RemoveConstraint("orders", "orders_total_positive")},
		{Name: "remove_constraint_primary_key", Setup: []ddl.Op{ddl.CreateTable("tags", ddl.Column("name", schema.String(40)).PrimaryKey(), ddl.Column("label", schema.Text()))},
			Op: ddl.RemoveConstraint("tags", "tags_pkey")},
		{Name: "bulk_insert", Shop: true, Setup: shopRows(), Op: ddl.BulkInsert("products",
			ddl.Row{"id": 10, "name": "coffee", "price": "3.10", "createdAt": "2026-11-26 18:45:03", "updatedAt": "2026-11-26 18:45:03"},
			ddl.Row{"id": 11, "name": "it's \"quoted\" -- not a comment; DROP TABLE users", "price": nil, "createdAt": "2026-11-26 18:45:03", "updatedAt": "2026-11-26 18:45:03"},
		), Rows: map[string]int{"products": 3}},
		{Name: "bulk_update", Shop: true, Setup: shopRows(), Op: ddl.BulkUpdate("users", ddl.Row{"lastName": "L."}, ddl.Where{"id": []int{1, 2}, "firstName": "Ada"}), Rows: map[string]int{"users": 2}},
		{Name: "bulk_delete", Shop: true, Setup: shopRows(), Op: ddl.BulkDelete("users", ddl.Where{"email": "alan@example.com"}), Rows: map[string]int{"users": 1, "orders": 1}},
		{Name: "bulk_delete_null", Shop: true, Setup: shopRows(), Op: ddl.BulkDelete("products", ddl.Where{"price": nil}), Rows: map[string]int{"products": 1}},
		{Name: "require_empty", Shop: true, Op: ddl.RequireEmpty("users", "orders").At("20200101000000-backfill.js", 6)},
		{Name: "raw_variants", Shop: true, Op: ddl.Raw("CREATE VIEW user_emails AS SELECT email FROM users").
			For("mysql", "CREATE VIEW user_emails AS SELECT `email` FROM `users`").
			WithReverse(ddl.Raw("DROP VIEW user_emails"))},
		{Name: "identifier_too_long", Op: ddl.CreateTable("t", ddl.Column(long, schema.Integer())),
			Unsupported: map[string]string{"postgres": "at most 63", "mysql": "at most 64"}},
	}
}

// ShopSetup returns the seed's shop operations.
func ShopSetup() []ddl.Op { return testshop.Ops() }
