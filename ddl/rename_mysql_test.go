package ddl_test

import (
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/schema"
)

// TestRenameTableNumberedKeys: MariaDB renames a foreign key named
// <old>_ibfk_N to <new>_ibfk_N on RENAME TABLE (and keeps the name of
// the index it made for it); PostgreSQL and SQLite keep every name. The
// offline schema follows what each server does, so that the live schema
// equals the replay and a later op names the key as the server does.
func TestRenameTableNumberedKeys(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		cur := tg.Dialect.Canonical(&schema.Database{})
		fk := func(col, name string) ddl.Op {
			return ddl.AddForeignKey("a", []string{col}, "p", []string{"id"}).Named(name)
		}
		tg.Apply(t, cur,
			ddl.CreateTable("p", ddl.Column("id", schema.Integer()).PrimaryKey()),
			ddl.CreateTable("a", ddl.Column("id", schema.Integer()).PrimaryKey(),
				ddl.Column("pid", schema.Integer()), ddl.Column("qid", schema.Integer()), ddl.Column("rid", schema.Integer())),
			ddl.AddIndex("a", "qid").Named("a_qid"),
			fk("pid", "a_ibfk_1"), // MySQL makes the index a_ibfk_1
			fk("qid", "a_ibfk_2"), // served by a_qid
			fk("id", "a_ibfk_x"),  // served by the primary key
			fk("rid", "a_rid_fkey"),
			ddl.RenameTable("a", "b"),
		)
		tg.Compare(t, cur, "after renameTable")
		one, two := "a_ibfk_1", "a_ibfk_2"
		if tg.Dialect.Name() == "mysql" {
			one, two = "b_ibfk_1", "b_ibfk_2"
		}
		if cur.Table("b").ForeignKey(one) == nil || cur.Table("b").ForeignKey("a_rid_fkey") == nil {
			t.Fatalf("foreign keys after the rename: %+v", cur.Table("b").ForeignKeys)
		}
		tg.Apply(t, cur, ddl.RemoveConstraint("b", one), ddl.RemoveConstraint("b", two), ddl.RenameTable("b", "c"))
		tg.Compare(t, cur, "after removeConstraint and renameTable")
	})
}
