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
	"postgres": {dialect.FeaturePrimaryKeyName},
	"mysql":    {dialect.FeaturePrimaryKeyName, dialect.FeatureOnUpdate, dialect.FeatureCollation},
	"sqlite": {dialect.FeaturePrimaryKeyName, dialect.FeatureStrict, dialect.FeatureWithoutRowID,
		dialect.FeatureCollation, dialect.FeatureGenerated},
}

// collations is a collation each database has, for the column that asks
// for one ("C" where the dialect refuses it anyway).
var collations = map[string]string{"mysql": "utf8mb4_bin", "sqlite": "NOCASE"}

// TestUnsupportedFeaturesLive: on every database, an operation asking for
// a construct the dialect does not render fails before anything runs,
// with an *UnsupportedError naming the dialect, the table and the
// feature, and leaves no table behind; one it renders runs and reads back.
func TestUnsupportedFeaturesLive(t *testing.T) {
	asks := map[dialect.Feature]func(table, dialectName string) ddl.Op{
		dialect.FeatureOnUpdate: func(table, _ string) ddl.Op {
			return ddl.CreateTable(table, ddl.Column("id", schema.Integer()).PrimaryKey(),
				ddl.Column("seen", schema.Date()).NotNull().DefaultNow().OnUpdateNow())
		},
		dialect.FeatureIdentity: func(table, _ string) ddl.Op {
			c := ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement()
			c.Identity = schema.IdentityAlways
			return ddl.CreateTable(table, c)
		},
		dialect.FeatureCollation: func(table, dialectName string) ddl.Op {
			c := ddl.Column("name", schema.String(20))
			c.Collation = "C"
			if name, ok := collations[dialectName]; ok {
				c.Collation = name
			}
			return ddl.CreateTable(table, c)
		},
		dialect.FeatureGenerated: func(table, _ string) ddl.Op {
			c := ddl.Column("twice", schema.Integer())
			c.Generated = &schema.Generated{Expr: "1 + 1", Stored: true}
			return ddl.CreateTable(table, ddl.Column("id", schema.Integer()).PrimaryKey(), c)
		},
		dialect.FeatureStrict: func(table, _ string) ddl.Op {
			op := ddl.CreateTable(table, ddl.Column("id", schema.Integer()).PrimaryKey())
			op.Strict = true
			return op
		},
		dialect.FeatureWithoutRowID: func(table, _ string) ddl.Op {
			op := ddl.CreateTable(table, ddl.Column("code", schema.String(20)).PrimaryKey())
			op.WithoutRowID = true
			return op
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
			err := tg.TryApply(t, cur, ask(table, tg.Dialect.Name()))
			if has[f] {
				if err != nil {
					t.Errorf("%s: %v", f, err)
					continue
				}
				tg.Compare(t, cur, string(f)) // Inspect reads it back
				tg.Exec(t, "DROP TABLE "+tg.Dialect.Quote(table))
				continue
			}
			var u *dialect.UnsupportedError
			if !errors.As(err, &u) || u.Feature != f || u.Dialect != tg.Dialect.Name() || u.Table != table {
				t.Errorf("%s: error %v (%#v), want an *UnsupportedError for %s on %s", f, err, u, table, tg.Dialect.Name())
			}
			if live := tg.Inspect(t); live.Table(table) != nil {
				t.Errorf("%s: table %s was made though the operation was refused", f, table)
			}
		}
	})
}
