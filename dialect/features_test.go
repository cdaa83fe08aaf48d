package dialect_test

import (
	"errors"
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

func TestCheckFeatures(t *testing.T) {
	none := func(dialect.Feature) bool { return false }
	all := func(dialect.Feature) bool { return true }
	collated := ddl.Column("name", schema.String(10))
	collated.Column.Collation = "C"
	cases := []struct {
		op   ddl.Op
		want dialect.Feature
	}{
		{ddl.AddColumn("t", collated), dialect.FeatureCollation},
		{ddl.CreateTable("t", collated), dialect.FeatureCollation},
		{ddl.AddIndex("t", "body").Using("gin"), dialect.FeatureIndexMethod},
		{ddl.AddIndex("t", "a").Including("b"), dialect.FeatureIndexInclude},
		{ddl.AddIndex("t", "a").AsUnique().AsNullsNotDistinct(), dialect.FeatureNullsNotDistinct},
		{ddl.AddForeignKey("t", []string{"a"}, "u", []string{"id"}).WithDeferrable(true), dialect.FeatureDeferrable},
		{&ddl.CreateTableOp{Name: "t", Columns: []ddl.ColumnDef{collated}, Strict: true}, dialect.FeatureStrict},
		{ddl.AddPrimaryKey("t", "a").Named("PK_t"), dialect.FeaturePrimaryKeyName},
	}
	for _, c := range cases {
		err := dialect.CheckFeatures("test", c.op, none)
		var ue *dialect.UnsupportedError
		if !errors.As(err, &ue) || ue.Feature != c.want {
			t.Errorf("%s: got %v, want an UnsupportedError for %s", c.op, err, c.want)
			continue
		}
		if err := dialect.CheckFeatures("test", c.op, all); err != nil {
			t.Errorf("%s with every feature: %v", c.op, err)
		}
	}
	if err := dialect.CheckFeatures("test", ddl.AddIndex("t", "a"), none); err != nil {
		t.Errorf("a plain index needs no feature: %v", err)
	}
}
