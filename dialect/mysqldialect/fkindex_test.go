package mysqldialect_test

import (
	"os"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect/mysqldialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/schema"
)

// TestForeignKeyIndexes checks the rule strata keeps for the index MySQL
// needs under every foreign key: an index named after the key exists
// exactly when no other index starts with the key's columns. It reads the
// raw schema (not the canonical one, which leaves those indexes out) after
// each operation that can change which index serves a key.
func TestForeignKeyIndexes(t *testing.T) {
	d := mysqldialect.New()
	tg := dialecttest.Fresh(t, d, os.Getenv(dialecttest.EnvMySQL))
	cur := &schema.Database{}
	tg.Apply(t, cur,
		ddl.CreateTable("parents", ddl.Column("id", schema.Integer()).PrimaryKey(), ddl.Column("code", schema.String(10)).NotNull().Unique()),
		ddl.CreateTable("kids",
			ddl.Column("id", schema.Integer()).PrimaryKey(),
			ddl.Column("a", schema.Integer()).References("parents", "id"),
			ddl.Column("b", schema.Integer()),
			ddl.Column("c", schema.String(10)),
		).WithForeignKey(schema.ForeignKey{Columns: []string{"c"}, RefTable: "parents", RefColumns: []string{"code"}}),
	)
	steps := []ddl.Op{
		ddl.AddIndex("kids", "a", "b"),                           // now serves kids_a_fkey: its own index goes
		ddl.RemoveIndex("kids", "kids_a_b"),                      // kids_a_fkey needs its own index again
		ddl.AddUnique("kids", "c", "b"),                          // serves kids_c_fkey
		ddl.RemoveColumn("kids", "b"),                            // the unique goes with b: kids_c_fkey needs its index
		ddl.AddColumn("kids", ddl.Column("b", schema.Integer())), // nothing changes
		ddl.AddIndex("kids", "a").Named("kids_by_a"),             // serves kids_a_fkey exactly
		ddl.RemoveConstraint("kids", "kids_a_fkey"),              // the key goes; kids_by_a stays
		ddl.AddForeignKey("kids", []string{"a"}, "parents", []string{"id"}).Named("kids_a_again"),
		ddl.RemoveIndex("kids", "kids_by_a"),   // kids_a_again needs its own index now
		ddl.DropTable("parents").WithCascade(), // both keys go, with their indexes
	}
	for _, op := range steps {
		tg.Apply(t, cur, op)
		tg.Compare(t, cur, "after "+op.String())
		for _, want := range cur.Tables {
			if diff := cmp.Diff(keyIndexes(t, tg, &want), expectedKeyIndexes(&want)); diff != "" {
				t.Errorf("after %s: indexes named after foreign keys of %s (-live +expected):\n%s", op, want.Name, diff)
			}
		}
	}
}

// keyIndexes lists the indexes of t named after one of its foreign keys,
// as information_schema has them (Inspect leaves out those it can tell are
// there from the table alone).
func keyIndexes(t *testing.T, tg *dialecttest.Target, want *schema.Table) []string {
	t.Helper()
	rows, err := tg.DB.QueryContext(t.Context(), `SELECT DISTINCT INDEX_NAME FROM information_schema.STATISTICS
WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY INDEX_NAME`, want.Name)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		if want.ForeignKey(name) != nil {
			out = append(out, name)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// expectedKeyIndexes lists the foreign keys of t that no other index serves.
func expectedKeyIndexes(t *schema.Table) []string {
	var out []string
	for _, fk := range t.ForeignKeys {
		served := false
		for _, idx := range append([][]string{t.PrimaryKey}, columnsOf(t)...) {
			if len(idx) >= len(fk.Columns) && slices.Equal(idx[:len(fk.Columns)], fk.Columns) {
				served = true
			}
		}
		if !served {
			out = append(out, fk.Name)
		}
	}
	slices.Sort(out)
	return out
}

func columnsOf(t *schema.Table) [][]string {
	var out [][]string
	for _, u := range t.Uniques {
		out = append(out, u.Columns)
	}
	for _, x := range t.Indexes {
		out = append(out, x.Columns)
	}
	return out
}
