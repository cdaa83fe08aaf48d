package diagram_test

import (
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/internal/testshop"
	"github.com/strata-orm/strata/schema"
)

// replay builds a schema from ddl operations, as a migration history would.
func replay(t *testing.T, ops ...ddl.Op) *schema.Database {
	t.Helper()
	db := &schema.Database{}
	if err := ddl.Replay(db, ops...); err != nil {
		t.Fatal(err)
	}
	return db
}

// shop is the seed's shop: users, orders, products and product_orders.
func shop(t *testing.T) *schema.Database {
	return replay(t, testshop.Ops()...)
}

func id() ddl.ColumnDef {
	return ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement()
}

// fixture is a schema with what the shop lacks: a self-reference
// (employees.managerId), a one-to-one (profiles.userId, unique), a join
// table with values of its own (enrollments: grade, a key on the pair), a
// table with two foreign keys that is no join (messages: a body), a
// composite foreign key, and a table whose name is no Mermaid identifier.
func fixture(t *testing.T) *schema.Database {
	return replay(t,
		ddl.CreateTable("users", id(), ddl.Column("email", schema.String(100)).NotNull().Unique()),
		ddl.CreateTable("profiles", id(),
			ddl.Column("userId", schema.Integer()).NotNull().Unique().References("users", "id"),
			ddl.Column("bio", schema.Text())),
		ddl.CreateTable("employees", id(),
			ddl.Column("name", schema.String(0)).NotNull(),
			ddl.Column("managerId", schema.Integer()).References("employees", "id")),
		ddl.CreateTable("students", id(), ddl.Column("name", schema.String(0))),
		ddl.CreateTable("courses", id(), ddl.Column("title", schema.String(0)),
			ddl.Column("fee", schema.Decimal(8, 2)), ddl.Column("level", schema.Enum("basic", "advanced"))),
		ddl.CreateTable("enrollments",
			ddl.Column("studentId", schema.Integer()).NotNull().References("students", "id"),
			ddl.Column("courseId", schema.Integer()).NotNull().References("courses", "id"),
			ddl.Column("grade", schema.SmallInt()),
			ddl.Column("enrolledAt", schema.DateOnly()).NotNull()),
		ddl.AddPrimaryKey("enrollments", "studentId", "courseId"),
		ddl.CreateTable("messages", id(),
			ddl.Column("senderId", schema.Integer()).NotNull().References("users", "id"),
			ddl.Column("recipientId", schema.Integer()).NotNull().References("users", "id"),
			ddl.Column("body", schema.Text()).NotNull()),
		ddl.CreateTable("grades_log", id(),
			ddl.Column("studentId", schema.Integer()).NotNull(),
			ddl.Column("courseId", schema.Integer()).NotNull()),
		ddl.AddForeignKey("grades_log", []string{"studentId", "courseId"}, "enrollments", []string{"studentId", "courseId"}),
		ddl.CreateTable("audit log", id(),
			ddl.Column("user id", schema.Integer()).References("users", "id")),
	)
}
