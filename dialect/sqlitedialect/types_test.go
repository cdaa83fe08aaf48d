package sqlitedialect_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect/sqlitedialect"
	"github.com/strata-orm/strata/schema"
)

func TestColumnType(t *testing.T) {
	d := sqlitedialect.New()
	tests := []struct {
		typ  schema.Type
		want string
	}{
		{schema.String(0), "VARCHAR(255)"},
		{schema.String(20), "VARCHAR(20)"},
		{schema.Char(2), "CHAR(2)"},
		{schema.Text(), "TEXT"},
		{schema.Integer(), "INTEGER"},
		{schema.BigInt(), "BIGINT"},
		{schema.SmallInt(), "SMALLINT"},
		{schema.Float(), "FLOAT"},
		{schema.Double(), "DOUBLE"},
		{schema.Decimal(12, 3), "DECIMAL(12,3)"},
		{schema.Boolean(), "BOOLEAN"},
		{schema.Date(), "DATETIME"},
		{schema.DateOnly(), "DATE"},
		{schema.Time(), "TIME"},
		{schema.UUID(), "UUID"},
		{schema.JSON(), "JSON"},
		{schema.JSONB(), "JSONB"},
		{schema.Blob(), "BLOB"},
		{schema.Enum("a", "b"), "TEXT"},
	}
	for _, tt := range tests {
		got, err := d.ColumnType(tt.typ)
		if err != nil || got != tt.want {
			t.Errorf("ColumnType(%s) = %q, %v; want %q", tt.typ, got, err, tt.want)
		}
		// What ColumnType writes, parseDeclType reads back (ENUM as TEXT:
		// its values are in the column's CHECK).
		back, err := sqlitedialect.ParseDeclType(got)
		want := tt.typ
		if want.Kind == schema.KindEnum {
			want = schema.Text()
		}
		if err != nil || !back.Equal(want) {
			t.Errorf("ParseDeclType(%q) = %s, %v; want %s", got, back, err, want)
		}
	}
	if _, err := d.ColumnType(schema.Array(schema.Integer())); err == nil || err.Error() != "ARRAY is not supported on SQLite; use JSON" {
		t.Errorf("ColumnType(ARRAY) error = %v", err)
	}
	if _, err := d.ColumnType(schema.Type{Kind: "STRIN"}); err == nil || !strings.Contains(err.Error(), `unknown type "STRIN"`) {
		t.Errorf("ColumnType(STRIN) error = %v", err)
	}
}

func TestParseDeclType(t *testing.T) {
	tests := []struct {
		decl string
		want schema.Type
	}{
		{"varchar(100)", schema.String(100)},
		{"VARCHAR", schema.String(255)},
		{"character varying (40)", schema.String(40)},
		{"NVARCHAR(10)", schema.String(10)},
		{"char", schema.Char(255)},
		{"int", schema.Integer()},
		{"INTEGER(11)", schema.Integer()},
		{"TINYINT(1)", schema.Boolean()},
		{"tinyint", schema.SmallInt()},
		{"bool", schema.Boolean()},
		{"REAL", schema.Double()},
		{"double precision", schema.Double()},
		{"NUMERIC", schema.Decimal(0, 0)},
		{"decimal(8)", schema.Decimal(8, 0)},
		{"Decimal( 10 , 2 )", schema.Decimal(10, 2)},
		{"TIMESTAMP", schema.Date()},
		{"datetime", schema.Date()},
		{"date", schema.DateOnly()},
		{"time", schema.Time()},
		{"clob", schema.Text()},
		{"", schema.Blob()},
		{"bytea", schema.Blob()},
	}
	for _, tt := range tests {
		got, err := sqlitedialect.ParseDeclType(tt.decl)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("ParseDeclType(%q) = %s, %v; want %s", tt.decl, got, err, tt.want)
		}
	}
	bad := []struct{ decl, want string }{
		{"GEOMETRY", `"GEOMETRY" is not one strata knows`},
		{"VARCHAR(abc)", `"ABC" is not a length`},
		{"VARCHAR(10", "missing closing parenthesis"},
		{"DECIMAL(2,5)", "scale between 0 and the precision"},
		{"DECIMAL(1,2,3)", "at most 2 expected"},
	}
	for _, tt := range bad {
		_, err := sqlitedialect.ParseDeclType(tt.decl)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseDeclType(%q) error = %v, want one containing %q", tt.decl, err, tt.want)
		}
	}
}

func TestDefaults(t *testing.T) {
	tests := []struct {
		name     string
		col      schema.Column
		rendered string
		read     *schema.Default // what Inspect reads back, when not the same
	}{
		{"string", schema.Column{Type: schema.String(0), Default: schema.Literal("it's me")}, "'it''s me'", nil},
		{"numeric-looking string", schema.Column{Type: schema.Text(), Default: schema.Literal("42")}, "'42'", nil},
		{"empty string", schema.Column{Type: schema.Text(), Default: schema.Literal("")}, "''", nil},
		{"integer", schema.Column{Type: schema.Integer(), Default: schema.Literal(0)}, "0", nil},
		{"negative", schema.Column{Type: schema.BigInt(), Default: schema.Literal(-42)}, "-42", nil},
		{"decimal", schema.Column{Type: schema.Decimal(10, 2), Default: schema.Literal("9.99")}, "9.99", nil},
		{"float", schema.Column{Type: schema.Double(), Default: schema.Literal(0.5)}, "0.5", nil},
		{"true", schema.Column{Type: schema.Boolean(), Default: schema.Literal(true)}, "1", nil},
		{"false", schema.Column{Type: schema.Boolean(), Default: schema.Literal(false)}, "0", nil},
		{"enum", schema.Column{Type: schema.Enum("new", "done"), Default: schema.Literal("new")}, "'new'", nil},
		{"now", schema.Column{Type: schema.Date(), Default: schema.Now()}, "CURRENT_TIMESTAMP", nil},
		{"today", schema.Column{Type: schema.DateOnly(), Default: schema.Now()}, "CURRENT_DATE", nil},
		{"time of day", schema.Column{Type: schema.Time(), Default: schema.Now()}, "CURRENT_TIME", nil},
		{"uuid", schema.Column{Type: schema.UUID(), Default: schema.UUIDv4()}, sqlitedialect.UUIDv4Expr, nil},
		{"expression", schema.Column{Type: schema.Integer(), Default: schema.Expr("1 + 2")}, "(1 + 2)", nil},
		{"expression keyword", schema.Column{Type: schema.Date(), Default: schema.Expr("CURRENT_TIMESTAMP")}, "(CURRENT_TIMESTAMP)", nil},
		{"explicit NULL", schema.Column{Type: schema.Text(), Default: schema.Expr("NULL")}, "NULL", nil},
	}
	for _, tt := range tests {
		got, err := sqlitedialect.RenderDefault(tt.col)
		if err != nil || got != tt.rendered {
			t.Errorf("%s: RenderDefault = %q, %v; want %q", tt.name, got, err, tt.rendered)
			continue
		}
		want := tt.col.Default
		if tt.read != nil {
			want = tt.read
		}
		if back := sqlitedialect.ParseDefault(got, tt.col.Type); !back.Equal(want) {
			t.Errorf("%s: ParseDefault(%q) = %+v, want %+v", tt.name, got, back, want)
		}
	}
	for _, bad := range []schema.Column{
		{Name: "n", Type: schema.Integer(), Default: schema.Literal("Inf")},
		{Name: "b", Type: schema.Boolean(), Default: schema.Literal("yes")},
		{Name: "x", Type: schema.Integer(), Default: &schema.Default{Kind: "magic"}},
	} {
		if got, err := sqlitedialect.RenderDefault(bad); err == nil {
			t.Errorf("RenderDefault(%+v) = %q, want an error", bad.Default, got)
		}
	}
}

func TestParseDefault(t *testing.T) {
	tests := []struct {
		text string
		typ  schema.Type
		want *schema.Default
	}{
		{"", schema.Text(), nil},
		{"NULL", schema.Text(), schema.Expr("NULL")}, // an explicit DEFAULT NULL, kept
		{"null", schema.Integer(), schema.Expr("null")},
		{"current_timestamp", schema.Date(), schema.Now()},
		{"TRUE", schema.Boolean(), schema.Literal(true)},
		{"false", schema.Integer(), schema.Literal(false)},
		{"1", schema.Boolean(), schema.Literal(true)},
		{"1", schema.Integer(), schema.Literal("1")},
		{"+5", schema.Integer(), schema.Literal("+5")},
		{"1.5e3", schema.Double(), schema.Literal("1.5e3")},
		{"'a''b'", schema.Text(), schema.Literal("a'b")},
		{"((1 + 2))", schema.Integer(), schema.Expr("1 + 2")},
		{"(datetime('now'))", schema.Date(), schema.Expr("datetime('now')")},
		{"X'00FF'", schema.Blob(), schema.Expr("X'00FF'")},
		{"'unterminated", schema.Text(), schema.Expr("'unterminated")},
	}
	for _, tt := range tests {
		if got := sqlitedialect.ParseDefault(tt.text, tt.typ); !got.Equal(tt.want) {
			t.Errorf("ParseDefault(%q, %s) = %+v, want %+v", tt.text, tt.typ, got, tt.want)
		}
	}
	// The UUID expression is recognised however it is spaced or cased.
	spaced := strings.ReplaceAll(strings.ReplaceAll(sqlitedialect.UUIDv4Expr, " || ", "||"), "lower(", "LOWER (")
	if got := sqlitedialect.ParseDefault(spaced, schema.UUID()); !cmp.Equal(got, schema.UUIDv4()) {
		t.Errorf("ParseDefault(UUID expression respaced) = %+v", got)
	}
}

func TestRenderErrors(t *testing.T) {
	d := sqlitedialect.New()
	raw := ddl.Raw("").For("postgres", "SELECT 1")
	if _, err := d.Render(raw, nil); err == nil || strings.Count(err.Error(), `raw "SELECT 1"`) != 1 || !strings.Contains(err.Error(), `no variant for dialect "sqlite"`) {
		t.Errorf("Render(raw for postgres only) error = %v", err)
	}
	// ParseFloat, which the offline check uses, accepts NaN; SQL does not.
	bad := ddl.CreateTable("t", ddl.Column("n", schema.Double()).Default("NaN"))
	if _, err := d.Render(bad, nil); err == nil || !strings.Contains(err.Error(), `createTable "t": column "n": default "NaN" is not a plain decimal number`) {
		t.Errorf("Render(NaN default) error = %v", err)
	}
}
