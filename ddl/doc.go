// Package ddl is strata's query interface as data: the operations a
// migration performs (CreateTable, AddColumn, ChangeColumn, AddIndex,
// AddConstraint, BulkInsert, Raw …), named and shaped after Sequelize's
// queryInterface.
//
// An operation is a value. It does nothing by itself: Apply replays it on a
// *schema.Database offline (checking it as it goes: a foreign key to a
// missing table, a duplicate column and an unknown type are errors before
// any SQL exists), Reverse says what undoes it given the schema before it,
// and a dialect renders it to SQL. That one choice gives dry runs,
// reversible migrations without a hand-written down, and offline replay of
// a whole history.
//
//	ddl.CreateTable("orders",
//		ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
//		ddl.Column("userId", schema.Integer()).NotNull().
//			References("users", "id").OnDelete(schema.Cascade),
//		ddl.Column("createdAt", schema.Date()).NotNull(),
//	)
//
// RequireEmpty is an operation that changes nothing: a check that tables
// hold no rows, which the dialects render as guards (see dialect.Guard)
// that stop the migration with a *dialect.NotEmptyError before the
// operations after it run. A migration recorded from a sequelize-cli file
// that reads rows to change them (a backfill) starts with one: the
// recording answered the read with no rows, which is right only where the
// tables are empty. It reverses to nothing and is part of the checksum.
//
// An operation of a history imported from sequelize-cli, marked with
// Import, passes the checks the history's database passed (a forward
// foreign-key reference, removeIndex of a missing index, …); Warnings
// names each.
package ddl
