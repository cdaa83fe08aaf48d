package migrate_test

import (
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

// keyTables are a parent and a child pointing at it, with rows, for the
// migrations of TestUndoUniqueKeys.
func keyTables() migrate.Migration {
	return migrate.Migration{
		Name: "20260101000000-tables",
		Up: []ddl.Op{
			ddl.CreateTable("parents", ddl.Column("id", schema.Integer()).PrimaryKey(), ddl.Column("code", schema.String(20))),
			ddl.CreateTable("children",
				ddl.Column("id", schema.Integer()).PrimaryKey(),
				ddl.Column("parentId", schema.Integer()).References("parents", "id"),
				ddl.Column("twinId", schema.Integer()).Unique().References("parents", "id"),
				ddl.Column("name", schema.String(20)),
				ddl.Column("nick", schema.String(20))),
			ddl.BulkInsert("parents", ddl.Row{"id": 1, "code": "a"}, ddl.Row{"id": 2, "code": "b"}),
			ddl.BulkInsert("children", ddl.Row{"id": 1, "parentId": 1, "twinId": 1, "name": "x", "nick": "p"},
				ddl.Row{"id": 2, "parentId": 2, "twinId": 2, "name": "y", "nick": "q"}),
		},
		Down: []ddl.Op{ddl.DropTable("children"), ddl.DropTable("parents")},
	}
}

// TestUndoUniqueKeys is issue 12 defect 6: undoing a migration that added
// a unique key (as a unique index or a unique constraint, on plain columns
// or on the columns of a foreign key, with the down derived or written by
// hand either way) works on every database and puts the schema back as it
// was. MariaDB reads every unique index back as a unique constraint, which
// made a down that removes a unique index fail there.
func TestUndoUniqueKeys(t *testing.T) {
	steps := []migrate.Migration{
		{Name: "20260102000000-unique-index", Change: []ddl.Op{ddl.AddIndex("children", "name").AsUnique()}},
		{Name: "20260103000000-unique-constraint", Change: []ddl.Op{ddl.AddUnique("children", "nick")}},
		{Name: "20260104000000-unique-index-down-constraint",
			Up:   []ddl.Op{ddl.AddIndex("parents", "code").AsUnique().Named("parents_code_ux")},
			Down: []ddl.Op{ddl.RemoveConstraint("parents", "parents_code_ux")}},
		{Name: "20260105000000-unique-constraint-down-index",
			Up:   []ddl.Op{ddl.AddUnique("children", "name", "nick").Named("children_name_nick_uq")},
			Down: []ddl.Op{ddl.RemoveIndex("children", "children_name_nick_uq")}},
		{Name: "20260106000000-unique-index-on-foreign-key", Change: []ddl.Op{ddl.AddIndex("children", "parentId").AsUnique()}},
		{Name: "20260107000000-unique-constraint-on-foreign-key", Change: []ddl.Op{ddl.AddUnique("children", "parentId", "name")}},
		{Name: "20260108000000-index-on-foreign-key", Change: []ddl.Op{ddl.AddIndex("children", "parentId", "nick")}},
		// twinId's foreign key is served by its unique constraint alone:
		// MySQL refuses to drop that index unless another one takes over.
		{Name: "20260109000000-drop-unique-of-foreign-key",
			Up:   []ddl.Op{ddl.RemoveConstraint("children", "children_twinId_key")},
			Down: []ddl.Op{ddl.AddUnique("children", "twinId")}},
		{Name: "20260110000000-drop-unique-index-of-foreign-key",
			Up:   []ddl.Op{ddl.AddIndex("children", "twinId", "name").AsUnique().Named("children_twin_name"), ddl.RemoveConstraint("children", "children_twinId_key")},
			Down: []ddl.Op{ddl.AddUnique("children", "twinId"), ddl.RemoveIndex("children", "children_twin_name")}},
	}
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		reg := append(migrate.Registry{keyTables()}, steps...)
		m := newMigrator(t, tg, migrate.WithGo(reg))
		if _, err := m.Up(ctx, migrate.To(keyTables().Name)); err != nil {
			t.Fatal(err)
		}
		for _, s := range steps {
			before := tg.Inspect(t)
			if _, err := m.Up(ctx, migrate.Only(s.Name)); err != nil {
				t.Fatalf("up %s: %v", s.Name, err)
			}
			if _, err := m.Undo(ctx); err != nil {
				t.Fatalf("undo %s: %v", s.Name, err)
			}
			if diff := cmpSchemas(tg.Inspect(t), before); diff != "" {
				t.Fatalf("after undoing %s the schema differs from before it (-after +before):\n%s", s.Name, diff)
			}
		}
		if got := tg.Count(t, "children"); got != 2 {
			t.Fatalf("children has %d rows, want 2", got)
		}
	})
}
