package schemadiff

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/schema"
)

var randomTypes = []schema.Type{schema.Integer(), schema.BigInt(), schema.SmallInt(), schema.String(0), schema.String(20),
	schema.Text(), schema.Decimal(10, 2), schema.Boolean(), schema.Date(), schema.Enum("a", "b"), schema.Enum("a", "b", "c")}

// mutate returns db changed by n random operations, each kept only when
// it applies.
func mutate(r *rand.Rand, db *schema.Database, n int) *schema.Database {
	out := db.Clone()
	for i := 0; i < n*4 && n > 0; i++ {
		if len(out.Tables) == 0 {
			break
		}
		t := &out.Tables[r.IntN(len(out.Tables))]
		c := t.Columns[r.IntN(len(t.Columns))]
		other := out.Tables[r.IntN(len(out.Tables))]
		typ := randomTypes[r.IntN(len(randomTypes))]
		var op ddl.Op
		switch r.IntN(11) {
		case 0:
			def := ddl.Column(fmt.Sprintf("c%d", r.IntN(100)), typ)
			if r.IntN(2) == 0 {
				def = def.NotNull()
			}
			op = ddl.AddColumn(t.Name, def)
		case 1:
			op = ddl.RemoveColumn(t.Name, c.Name)
		case 2:
			nc := c.Clone()
			nc.Type = typ
			op = ddl.ChangeColumn(t.Name, ddl.ColumnOf(nc))
		case 3:
			nc := c.Clone()
			nc.NotNull = !nc.NotNull
			op = ddl.ChangeColumn(t.Name, ddl.ColumnOf(nc))
		case 4:
			nc := c.Clone()
			nc.Default = map[bool]*schema.Default{true: nil, false: schema.Literal("1")}[nc.Default != nil]
			op = ddl.ChangeColumn(t.Name, ddl.ColumnOf(nc))
		case 5:
			op = ddl.AddUnique(t.Name, c.Name)
		case 6:
			if len(t.Uniques) > 0 {
				op = ddl.RemoveConstraint(t.Name, t.Uniques[0].Name)
			}
		case 7:
			if len(t.ForeignKeys) > 0 {
				op = ddl.RemoveConstraint(t.Name, t.ForeignKeys[0].Name)
			}
		case 8:
			if len(other.PrimaryKey) == 1 {
				col := fmt.Sprintf("ref%d", r.IntN(100))
				if ddl.AddColumn(t.Name, ddl.Column(col, schema.Integer())).Apply(out) == nil {
					op = ddl.AddForeignKey(t.Name, []string{col}, other.Name, other.PrimaryKey).WithOnDelete(schema.Cascade)
				}
			}
		case 9:
			name := fmt.Sprintf("t%d", r.IntN(100))
			ct := ddl.CreateTable(name, ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(), ddl.Column("v", typ))
			if len(other.PrimaryKey) == 1 {
				ct.Columns = append(ct.Columns, ddl.Column("otherId", schema.Integer()).References(other.Name, other.PrimaryKey[0]))
			}
			op = ct
		case 10:
			op = ddl.DropTable(t.Name)
		}
		if op != nil && op.Apply(out) == nil {
			n--
		}
	}
	return out
}

// TestRandomPairs diffs random pairs of schemas grown from the shop and
// checks that every Result round-trips.
func TestRandomPairs(t *testing.T) {
	renamed := 0
	for seed := range uint64(2000) {
		r := rand.New(rand.NewPCG(seed, 7))
		from := mutate(r, shop(t), r.IntN(4))
		to := mutate(r, from, 1+r.IntN(6))
		o := Options{DropTables: true, KeepForeignKeys: seed%3 == 0}
		if seed%4 == 0 { // a confirmed rename of a table and of a column in it
			tn := to.Tables[r.IntN(len(to.Tables))].Name
			if from.Table(tn) != nil {
				col := to.Table(tn).Columns[r.IntN(len(to.Table(tn).Columns))].Name
				ops := []ddl.Op{ddl.RenameTable(tn, tn+"_r"), ddl.RenameColumn(tn+"_r", col, col+"_r")}
				if ddl.Replay(to, ops...) == nil && from.Table(tn).Column(col) != nil {
					o.Renames = []Rename{{From: tn, To: tn + "_r"}, {Table: tn + "_r", From: col, To: col + "_r"}}
					renamed++
				}
			}
		}
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			res := roundTrip(t, from, to, o)
			if o.Renames != nil && res.Changes[0].Kind != RenameTable {
				t.Fatalf("changes %s, want the table renamed first", kindsText(res))
			}
			o.Renames = nil
			if again, err := Diff(to, to.Clone(), o); err != nil || !again.Empty() {
				t.Fatalf("Diff(to, to) = %v, %v", again, err)
			}
		})
	}
	if renamed < 100 {
		t.Errorf("only %d pairs had confirmed renames", renamed)
	}
}
