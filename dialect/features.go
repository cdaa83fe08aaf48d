package dialect

import (
	"fmt"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/schema"
)

// Feature is a schema construct beyond the portable core that a dialect
// may or may not render: a column's identity or collation, an index's
// method, a deferrable foreign key.
type Feature string

// The features CheckFeatures looks for, each named after the schema field
// that asks for it.
const (
	FeatureIdentity         Feature = "Column.Identity"
	FeatureOnUpdate         Feature = "Column.OnUpdate"
	FeatureGenerated        Feature = "Column.Generated"
	FeatureCollation        Feature = "Column.Collation"
	FeatureIndexMethod      Feature = "Index.Method"
	FeatureIndexInclude     Feature = "Index.Include"
	FeatureNullsNotDistinct Feature = "Index.NullsNotDistinct"
	FeatureIndexPrefix      Feature = "Index.Lengths"
	FeatureColumnPosition   Feature = "AddColumn.After"
	FeatureDeferrable       Feature = "ForeignKey.Deferrable"
	FeaturePrimaryKeyName   Feature = "Table.PrimaryKeyName"
	FeatureStrict           Feature = "Table.Strict"
	FeatureWithoutRowID     Feature = "Table.WithoutRowID"
	FeatureInherits         Feature = "Table.Inherits"
	FeaturePartitionBy      Feature = "Table.PartitionBy"
)

// UnsupportedError is an operation that asks for a construct its dialect
// does not render. Nothing has run: an operation is refused whole, never
// rendered without the part it cannot express.
type UnsupportedError struct {
	Dialect string
	Op      string // the operation, as ddl.Op's String gives it
	Table   string
	Column  string // the column, index or constraint, when it is one
	Feature Feature
}

func (e *UnsupportedError) Error() string {
	at := e.Table
	if e.Column != "" {
		at += "." + e.Column
	}
	return fmt.Sprintf("%s: %s on %s asks for %s%s, which strata does not render on %s; leave it out for this database, or write the statement with ddl.Raw(…).For(%q, …)",
		e.Dialect, e.Op, at, e.Feature, featureWhy(e.Feature), e.Dialect, e.Dialect)
}

// featureWhy says what a feature is where its name does not.
func featureWhy(f Feature) string {
	switch f {
	case FeatureColumnPosition:
		return " (a column placed AFTER another or FIRST; only MySQL and MariaDB place a column, and Sequelize leaves after out elsewhere)"
	case FeatureIndexPrefix:
		return " (an index on a prefix of a column; only MySQL and MariaDB have prefix indexes, and Sequelize leaves the length out elsewhere)"
	}
	return ""
}

// CheckFeatures returns an *UnsupportedError for the first construct of op
// that has reports false for, so that a dialect refuses what it cannot
// render instead of leaving it out. Dialects call it first in Render.
func CheckFeatures(dialectName string, op ddl.Op, has func(Feature) bool) error {
	fail := func(table, where string, f Feature) error {
		return &UnsupportedError{Dialect: dialectName, Op: op.String(), Table: table, Column: where, Feature: f}
	}
	column := func(table string, c schema.Column) error {
		for _, f := range []struct {
			set bool
			f   Feature
		}{{c.Identity != "", FeatureIdentity}, {c.OnUpdate != nil, FeatureOnUpdate},
			{c.Generated != nil, FeatureGenerated}, {c.Collation != "", FeatureCollation}} {
			if f.set && !has(f.f) {
				return fail(table, c.Name, f.f)
			}
		}
		return nil
	}
	foreignKey := func(table string, fk schema.ForeignKey) error {
		if (fk.Deferrable || fk.InitiallyDeferred) && !has(FeatureDeferrable) {
			return fail(table, fk.Name, FeatureDeferrable)
		}
		return nil
	}
	switch o := op.(type) {
	case *ddl.CreateTableOp:
		t := o.Table()
		for _, f := range []struct {
			set bool
			f   Feature
		}{{t.PrimaryKeyName != "", FeaturePrimaryKeyName}, {t.Strict, FeatureStrict}, {t.WithoutRowID, FeatureWithoutRowID},
			{len(t.Inherits) > 0, FeatureInherits}, {t.PartitionBy != "", FeaturePartitionBy}} {
			if f.set && !has(f.f) {
				return fail(t.Name, "", f.f)
			}
		}
		for _, c := range t.Columns {
			if err := column(t.Name, c); err != nil {
				return err
			}
		}
		for _, fk := range t.ForeignKeys {
			if err := foreignKey(t.Name, fk); err != nil {
				return err
			}
		}
	case *ddl.AddColumnOp:
		if o.IsPlaced() && !has(FeatureColumnPosition) {
			return fail(o.Table, o.Column.Name, FeatureColumnPosition)
		}
		return column(o.Table, o.Column.Column)
	case *ddl.ChangeColumnOp:
		return column(o.Table, o.Column.Column)
	case *ddl.AddIndexOp:
		x := o.Index()
		for _, f := range []struct {
			set bool
			f   Feature
		}{{x.Method != "", FeatureIndexMethod}, {len(x.Include) > 0, FeatureIndexInclude}, {x.NullsNotDistinct, FeatureNullsNotDistinct},
			{x.CanonicalLengths() != nil, FeatureIndexPrefix}} {
			if f.set && !has(f.f) {
				return fail(o.Table, x.Name, f.f)
			}
		}
	case *ddl.AddConstraintOp:
		if o.Type == ddl.ForeignKeyConstraint {
			return foreignKey(o.Table, o.ForeignKey())
		}
		if o.Type == ddl.PrimaryKeyConstraint && o.Name != "" && o.Name != ddl.PrimaryKeyName(o.Table) && !has(FeaturePrimaryKeyName) {
			return fail(o.Table, o.Name, FeaturePrimaryKeyName)
		}
	}
	return nil
}
