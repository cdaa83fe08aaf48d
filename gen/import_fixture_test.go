package gen

import (
	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/schema"
)

// importFixture is the schema the import tests read besides the shop: a
// self-reference (employees.reports_to), a join table with extra columns
// and a composite primary key (film_actor), a hasOne through a unique
// foreign key (passports.employee_id), two foreign keys to one table
// (messages), a self-referencing join table (friendships), and a column of a type only dialect d has.
func importFixture(d string) []ddl.Op {
	native := map[string]string{"postgres": "inet", "mysql": "int unsigned", "sqlite": "INT8"}[d]
	return []ddl.Op{
		ddl.CreateTable("employees",
			ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
			ddl.Column("name", schema.String(100)).NotNull(),
			ddl.Column("reports_to", schema.Integer()).References("employees", "id").OnDelete(schema.SetNull).OnUpdate(schema.Cascade),
			ddl.Column("active", schema.Boolean()).NotNull().Default(true),
			ddl.Column("salary", schema.Decimal(12, 2)),
			ddl.Column("hired_on", schema.DateOnly()),
			ddl.Column("badge", schema.Native(d, native)),
			ddl.Column("created_at", schema.Date()).NotNull(),
			ddl.Column("updated_at", schema.Date()).NotNull(),
		),
		ddl.CreateTable("passports",
			ddl.Column("id", schema.BigInt()).PrimaryKey().AutoIncrement(),
			ddl.Column("employee_id", schema.Integer()).NotNull().Unique().References("employees", "id").OnDelete(schema.Cascade).OnUpdate(schema.Cascade),
			ddl.Column("number", schema.Char(9)).NotNull(),
			ddl.Column("meta", schema.JSON()),
		),
		ddl.CreateTable("messages",
			ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
			ddl.Column("sender_id", schema.Integer()).NotNull().References("employees", "id").OnDelete(schema.Cascade),
			ddl.Column("recipient_id", schema.Integer()).References("employees", "id").OnDelete(schema.SetNull),
			ddl.Column("body", schema.Text()).Default("hi"),
			ddl.Column("kind", schema.Enum("note", "alert")).NotNull().Default("note"),
		),
		ddl.CreateTable("actors",
			ddl.Column("actor_id", schema.Integer()).PrimaryKey().AutoIncrement(),
			ddl.Column("first_name", schema.String(45)).NotNull(),
			ddl.Column("last_name", schema.String(45)).NotNull(),
		).WithUnique("first_name", "last_name"),
		ddl.CreateTable("films",
			ddl.Column("film_id", schema.Integer()).PrimaryKey().AutoIncrement(),
			ddl.Column("title", schema.String(0)).NotNull(),
			ddl.Column("uid", schema.UUID()),
			ddl.Column("length", schema.SmallInt()),
		),
		ddl.AddIndex("films", "title"),
		ddl.CreateTable("film_actor",
			ddl.Column("actor_id", schema.Integer()).NotNull().References("actors", "actor_id").OnDelete(schema.Restrict).OnUpdate(schema.Cascade),
			ddl.Column("film_id", schema.Integer()).NotNull().References("films", "film_id").OnDelete(schema.Cascade).OnUpdate(schema.Cascade),
			ddl.Column("role", schema.String(60)),
			ddl.Column("last_update", schema.Date()).NotNull().DefaultNow(),
		).WithPrimaryKey("actor_id", "film_id"),
		ddl.CreateTable("friendships",
			ddl.Column("employee_id", schema.Integer()).NotNull().References("employees", "id").OnDelete(schema.Cascade).OnUpdate(schema.Cascade),
			ddl.Column("friend_id", schema.Integer()).NotNull().References("employees", "id").OnDelete(schema.Cascade).OnUpdate(schema.Cascade),
		).WithPrimaryKey("employee_id", "friend_id"),
	}
}
