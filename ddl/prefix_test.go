package ddl_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/schema"
)

func articles() *ddl.CreateTableOp {
	return ddl.CreateTable("articles",
		ddl.Column("id", schema.Integer()).PrimaryKey(),
		ddl.Column("title", schema.String(200)).NotNull(),
		ddl.Column("body", schema.Text()),
		ddl.Column("views", schema.Integer()),
		ddl.Column("createdAt", schema.Date()))
}

// TestPrefixChecks: Apply takes a prefix length per key on a string, text
// or blob column, shorter than a VARCHAR, and refuses every other.
func TestPrefixChecks(t *testing.T) {
	for _, tc := range []struct {
		name string
		op   *ddl.AddIndexOp
		want string // a piece of the error; empty for none
	}{
		{"prefix and a whole DESC key", ddl.AddIndex("articles", "title", "createdAt DESC").Prefix(50, 0), ""},
		{"text with DESC", ddl.AddIndex("articles", "body DESC").Prefix(100), ""},
		{"all zero", ddl.AddIndex("articles", "title").Prefix(0), ""},
		{"fewer lengths than keys", ddl.AddIndex("articles", "title", "views").Prefix(20), ""},
		{"more lengths than keys", ddl.AddIndex("articles", "title").Prefix(20, 10), "2 prefix lengths for its 1 keys"},
		{"negative", ddl.AddIndex("articles", "title").Prefix(-1), "prefix length -1"},
		{"integer column", ddl.AddIndex("articles", "views").Prefix(4), `column "views" is INTEGER, which has no prefix`},
		{"expression", ddl.AddIndex("articles", "lower(title)").Prefix(4), "only a column takes"},
		{"whole varchar", ddl.AddIndex("articles", "title").Prefix(200), "not shorter than its type"},
		{"fulltext", ddl.AddIndex("articles", "body").Using("FULLTEXT").Prefix(10), "a FULLTEXT index takes whole columns"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := &schema.Database{}
			if err := articles().Apply(db); err != nil {
				t.Fatal(err)
			}
			err := tc.op.Apply(db)
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("Apply: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want) || !errors.Is(err, ddl.ErrInvalid)):
				t.Fatalf("Apply: %v; want an ErrInvalid with %q", err, tc.want)
			case tc.want == "":
				x := db.Table("articles").Indexes[0]
				if want := x.CanonicalLengths(); !slices.Equal(x.Lengths, want) {
					t.Errorf("Lengths = %v, want them canonical %v", x.Lengths, want)
				}
			}
		})
	}
}

// TestPrefixChangeColumn: a column indexed by a prefix cannot become a
// type without one, nor shorter than the prefix.
func TestPrefixChangeColumn(t *testing.T) {
	db := &schema.Database{}
	for _, op := range []ddl.Op{articles(), ddl.AddIndex("articles", "title DESC").Named("p").Prefix(50)} {
		if err := op.Apply(db); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		typ  schema.Type
		want string
	}{
		{schema.Text(), ""},
		{schema.String(60), ""},
		{schema.String(40), "not shorter than its type"},
		{schema.Integer(), "has no prefix"},
	} {
		err := ddl.ChangeColumn("articles", ddl.Column("title", tc.typ)).Apply(db.Clone())
		if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("changeColumn title to %s: %v, want %q", tc.typ, err, tc.want)
		}
	}
}

// TestPrefixIndexLive: MySQL/MariaDB make an index on a column prefix and
// Inspect reads its lengths back, a unique one too; PostgreSQL and SQLite,
// which have no prefix indexes, refuse it with an UnsupportedError naming
// the index, before anything runs.
func TestPrefixIndexLive(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		cur := tg.Dialect.Canonical(&schema.Database{})
		tg.Apply(t, cur, articles())
		prefix := ddl.AddIndex("articles", "title", "createdAt DESC").Named("articles_title_prefix").Prefix(50, 0)
		unique := ddl.AddIndex("articles", "body").Named("articles_body_key").AsUnique().Prefix(100)
		if tg.Dialect.Name() != "mysql" {
			for _, op := range []*ddl.AddIndexOp{prefix, unique} {
				err := tg.TryApply(t, cur, op)
				var ue *dialect.UnsupportedError
				if !errors.As(err, &ue) || ue.Feature != dialect.FeatureIndexPrefix || ue.Column != op.Name ||
					!strings.Contains(err.Error(), "only MySQL and MariaDB have prefix indexes") {
					t.Fatalf("%s on %s: %v; want an UnsupportedError for %s naming the index", op, tg.Dialect.Name(), err, dialect.FeatureIndexPrefix)
				}
			}
			tg.Compare(t, cur, "after the refused prefix indexes")
			return
		}
		tg.Apply(t, cur, prefix, unique)
		tg.Compare(t, cur, "after addIndex with prefix lengths")
		live := tg.Inspect(t).Table("articles")
		if x := live.Index("articles_title_prefix"); x == nil || !slices.Equal(x.Lengths, []int{50, 0}) || !slices.Equal(x.Columns, []string{"title", "createdAt DESC"}) {
			t.Fatalf("articles_title_prefix read back as %+v; want title(50), createdAt DESC", x)
		}
		if x := live.Index("articles_body_key"); x == nil || !x.Unique || !slices.Equal(x.Lengths, []int{100}) {
			t.Fatalf("articles_body_key read back as %+v (uniques %+v); want a unique index on body(100)", x, live.Uniques)
		}
		tg.Apply(t, cur, ddl.RemoveIndex("articles", "articles_title_prefix"), ddl.RemoveIndex("articles", "articles_body_key"),
			ddl.AddIndex("articles", "title").Named("articles_title_prefix").Prefix(20))
		tg.Compare(t, cur, "after the prefix indexes are made again")
	})
}

// TestPlacedColumnLive: MySQL/MariaDB add a placed column after the one
// named, or first; PostgreSQL and SQLite, which add every column last,
// refuse a placed one with an UnsupportedError naming the column.
func TestPlacedColumnLive(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		cur := tg.Dialect.Canonical(&schema.Database{})
		tg.Apply(t, cur, articles())
		after := ddl.AddColumn("articles", ddl.Column("subtitle", schema.String(100))).Placed("title")
		first := ddl.AddColumn("articles", ddl.Column("rank", schema.Integer())).PlacedFirst()
		if tg.Dialect.Name() != "mysql" {
			for _, op := range []*ddl.AddColumnOp{after, first} {
				err := tg.TryApply(t, cur, op)
				var ue *dialect.UnsupportedError
				if !errors.As(err, &ue) || ue.Feature != dialect.FeatureColumnPosition || ue.Column != op.Column.Name {
					t.Fatalf("%s on %s: %v; want an UnsupportedError for %s", op, tg.Dialect.Name(), err, dialect.FeatureColumnPosition)
				}
			}
			tg.Compare(t, cur, "after the refused placed columns")
			return
		}
		tg.Apply(t, cur, after, first)
		tg.Compare(t, cur, "after the placed columns")
		var names []string
		for _, c := range tg.Inspect(t).Table("articles").Columns {
			names = append(names, c.Name)
		}
		if want := []string{"rank", "id", "title", "subtitle", "body", "views", "createdAt"}; !slices.Equal(names, want) {
			t.Fatalf("columns %v, want %v", names, want)
		}
	})
}

// TestPlacedChecks: a column is placed after a column the table has, and
// in one place only.
func TestPlacedChecks(t *testing.T) {
	db := &schema.Database{}
	if err := articles().Apply(db); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		op   *ddl.AddColumnOp
		want error
	}{
		{ddl.AddColumn("articles", ddl.Column("x", schema.Integer())).Placed("titel"), ddl.ErrNotFound},
		{ddl.AddColumn("articles", ddl.Column("x", schema.Integer())).Placed("title").PlacedFirst(), ddl.ErrInvalid},
	} {
		if err := tc.op.Apply(db.Clone()); !errors.Is(err, tc.want) {
			t.Errorf("%#v: %v, want %v", tc.op, err, tc.want)
		}
	}
}
