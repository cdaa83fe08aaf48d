package dialect_test

import (
	"errors"
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/schema"
)

// renders lists, per dialect, the features its Render writes; every other
// feature must be refused whole with an *UnsupportedError.
var renders = map[string][]dialect.Feature{
	"postgres": {dialect.FeaturePrimaryKeyName, dialect.FeatureIdentity, dialect.FeatureGenerated, dialect.FeatureCollation,
		dialect.FeatureIndexMethod, dialect.FeatureIndexInclude, dialect.FeatureNullsNotDistinct, dialect.FeatureDeferrable,
		dialect.FeatureInherits, dialect.FeaturePartitionBy},
	"mysql": {dialect.FeaturePrimaryKeyName, dialect.FeatureOnUpdate, dialect.FeatureIndexMethod, dialect.FeatureCollation, dialect.FeaturePartitionBy,
		dialect.FeatureGenerated},
	"sqlite": {dialect.FeaturePrimaryKeyName, dialect.FeatureStrict, dialect.FeatureWithoutRowID,
		dialect.FeatureCollation, dialect.FeatureGenerated, dialect.FeatureDeferrable},
}

// TestUnsupportedFeaturesLive: on every database, an operation asking for
// a construct the dialect does not render fails before anything runs,
// with an *UnsupportedError naming the dialect, the table and the
// feature, and leaves no table behind; one it renders runs and reads back.
func TestUnsupportedFeaturesLive(t *testing.T) {
	// Each ask is the operations that set it up, then the one that asks
	// for the feature, spelled for the dialect where that matters.
	asks := map[dialect.Feature]func(dialectName, table string) []ddl.Op{
		dialect.FeatureOnUpdate: func(_, table string) []ddl.Op {
			return []ddl.Op{ddl.CreateTable(table, ddl.Column("id", schema.Integer()).PrimaryKey(),
				ddl.Column("seen", schema.Date()).NotNull().DefaultNow().OnUpdateNow())}
		},
		dialect.FeatureIdentity: func(_, table string) []ddl.Op {
			c := ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement()
			c.Identity = schema.IdentityAlways
			return []ddl.Op{ddl.CreateTable(table, c)}
		},
		dialect.FeatureCollation: func(name, table string) []ddl.Op {
			c := ddl.Column("name", schema.String(20))
			c.Collation = map[string]string{"postgres": "C", "mysql": "utf8mb4_bin", "sqlite": "NOCASE"}[name]
			return []ddl.Op{ddl.CreateTable(table, c)}
		},
		dialect.FeatureGenerated: func(_, table string) []ddl.Op {
			c := ddl.Column("twice", schema.Integer())
			c.Generated = &schema.Generated{Expr: "1 + 1", Stored: true}
			return []ddl.Op{ddl.CreateTable(table, ddl.Column("id", schema.Integer()).PrimaryKey(), c)}
		},
		dialect.FeatureStrict: func(_, table string) []ddl.Op {
			op := ddl.CreateTable(table, ddl.Column("id", schema.Integer()).PrimaryKey())
			op.Strict = true
			return []ddl.Op{op}
		},
		dialect.FeatureInherits: func(_, table string) []ddl.Op {
			return []ddl.Op{ddl.CreateTable(table+"_parent", ddl.Column("paid", schema.Date()).NotNull()).WithCheck(table+"_paid", `"paid" IS NOT NULL`),
				&ddl.CreateTableOp{Name: table, Columns: []ddl.ColumnDef{ddl.Column("amount", schema.Integer())}, Inherits: []string{table + "_parent"}}}
		},
		dialect.FeaturePartitionBy: func(name, table string) []ddl.Op {
			by := "RANGE (taken)" // PostgreSQL: the key; the partitions are objects
			if name == "mysql" {
				by = "RANGE (`yr`) (PARTITION `p0` VALUES LESS THAN MAXVALUE ENGINE = InnoDB)" // as SHOW CREATE TABLE prints it
			}
			return []ddl.Op{&ddl.CreateTableOp{Name: table, Columns: []ddl.ColumnDef{ddl.Column("taken", schema.DateOnly()), ddl.Column("yr", schema.Integer())}, PartitionBy: by}}
		},
		dialect.FeatureWithoutRowID: func(_, table string) []ddl.Op {
			op := ddl.CreateTable(table, ddl.Column("code", schema.String(20)).PrimaryKey())
			op.WithoutRowID = true
			return []ddl.Op{op}
		},
		dialect.FeatureDeferrable: func(_, table string) []ddl.Op {
			op := ddl.CreateTable(table, ddl.Column("id", schema.Integer()).PrimaryKey(), ddl.Column("parent", schema.Integer()))
			op.ForeignKeys = []schema.ForeignKey{{Name: table + "_parent_fk", Columns: []string{"parent"},
				RefTable: table, RefColumns: []string{"id"}, Deferrable: true, InitiallyDeferred: true}}
			return []ddl.Op{op}
		},
		dialect.FeatureIndexMethod: func(name, table string) []ddl.Op {
			typ, method := schema.JSONB(), "gin"
			if name == "mysql" {
				typ, method = schema.Text(), "FULLTEXT"
			}
			return []ddl.Op{ddl.CreateTable(table, ddl.Column("doc", typ)), ddl.AddIndex(table, "doc").Using(method)}
		},
		dialect.FeatureIndexInclude: func(_, table string) []ddl.Op {
			return []ddl.Op{ddl.CreateTable(table, ddl.Column("a", schema.Integer()), ddl.Column("b", schema.Integer())),
				ddl.AddIndex(table, "a").Including("b")}
		},
		dialect.FeatureNullsNotDistinct: func(_, table string) []ddl.Op {
			return []ddl.Op{ddl.CreateTable(table, ddl.Column("a", schema.Integer())),
				ddl.AddIndex(table, "a").AsUnique().AsNullsNotDistinct()}
		},
	}
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		has := map[dialect.Feature]bool{}
		for _, f := range renders[tg.Dialect.Name()] {
			has[f] = true
		}
		for f, ask := range asks {
			cur := &schema.Database{}
			table := "t_" + schema.DeriveName(string(f))
			ops := ask(tg.Dialect.Name(), table)
			setup, op := ops[:len(ops)-1], ops[len(ops)-1]
			tg.Apply(t, cur, setup...)
			err := tg.TryApply(t, cur, op)
			if has[f] {
				if err != nil {
					t.Errorf("%s: %v", f, err)
				} else {
					tg.Compare(t, cur, string(f)) // Inspect reads it back
				}
				dropAll(t, tg, cur)
				continue
			}
			var u *dialect.UnsupportedError
			if !errors.As(err, &u) || u.Feature != f || u.Dialect != tg.Dialect.Name() || u.Table != table {
				t.Errorf("%s: error %v (%#v), want an *UnsupportedError for %s on %s", f, err, u, table, tg.Dialect.Name())
			}
			if len(setup) > 0 {
				// Nothing of the refused operation ran.
				tg.Compare(t, cur, string(f)+" refused")
				dropAll(t, tg, cur)
			} else if live := tg.Inspect(t); live.Table(table) != nil {
				t.Errorf("%s: table %s was made though the operation was refused", f, table)
			}
		}
	})
}

// dropAll drops the tables of cur, the last made first.
func dropAll(t *testing.T, tg *dialecttest.Target, cur *schema.Database) {
	names := cur.TableNames()
	for i := len(names) - 1; i >= 0; i-- {
		tg.Exec(t, "DROP TABLE "+tg.Dialect.Quote(names[i]))
	}
}
