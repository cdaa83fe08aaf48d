package pgdialect_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect/pgdialect"
	"github.com/strata-orm/strata/schema"
)

func TestColumnType(t *testing.T) {
	d := pgdialect.New()
	tests := []struct {
		in   schema.Type
		want string
	}{
		{schema.String(0), "VARCHAR(255)"},
		{schema.String(20), "VARCHAR(20)"},
		{schema.Char(2), "CHAR(2)"},
		{schema.Text(), "TEXT"},
		{schema.Integer(), "INTEGER"},
		{schema.BigInt(), "BIGINT"},
		{schema.SmallInt(), "SMALLINT"},
		{schema.Float(), "REAL"},
		{schema.Double(), "DOUBLE PRECISION"},
		{schema.Decimal(12, 3), "DECIMAL(12,3)"},
		{schema.Decimal(0, 0), "DECIMAL(10,2)"},
		{schema.Boolean(), "BOOLEAN"},
		{schema.Date(), "TIMESTAMP(6) WITH TIME ZONE"},
		{schema.DateOnly(), "DATE"},
		{schema.Time(), "TIME"},
		{schema.UUID(), "UUID"},
		{schema.JSON(), "JSON"},
		{schema.JSONB(), "JSONB"},
		{schema.Blob(), "BYTEA"},
		{schema.Array(schema.String(30)), "VARCHAR(30)[]"},
		{schema.Array(schema.Integer()), "INTEGER[]"},
		{schema.Native("postgres", "tsvector"), "tsvector"},
		{schema.Native("postgres", "timestamp(3) without time zone"), "timestamp(3) without time zone"},
		{schema.Native("postgres", "inet[]"), "inet[]"},
		{schema.Array(schema.Native("postgres", "inet")), "inet[]"},
	}
	for _, tt := range tests {
		got, err := d.ColumnType(tt.in)
		if err != nil {
			t.Errorf("ColumnType(%s): %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(got, tt.want); diff != "" {
			t.Errorf("ColumnType(%s) (-got +want):\n%s", tt.in, diff)
		}
	}
}

func TestColumnTypeErrors(t *testing.T) {
	d := pgdialect.New()
	tests := []struct {
		in   schema.Type
		want string
	}{
		{schema.Enum("a", "b"), "enum_<table>_<column>"},
		{schema.Type{Kind: "STRIN"}, `unknown type "STRIN"`},
		{schema.Type{Kind: schema.KindString}, "positive length"},
		{schema.Array(schema.Array(schema.Integer())), "ARRAY of ARRAY"},
		{schema.Native("mysql", "year"), `type NATIVE(mysql,'year') is MySQL's own; on PostgreSQL use a portable type or schema.Native("postgres", …)`},
		{schema.Native("sqlite", "NVARCHAR(160)"), "SQLite's own"},
		{schema.Array(schema.Native("mysql", "int unsigned")), "MySQL's own"},
		{schema.Native("postgres", ""), "needs the database's spelling"},
	}
	for _, tt := range tests {
		got, err := d.ColumnType(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ColumnType(%s) = %q, %v; want an error containing %q", tt.in, got, err, tt.want)
		}
	}
}

func TestSerialTypeRefusesNative(t *testing.T) {
	d := pgdialect.New()
	op := ddl.CreateTable("t", ddl.Column("id", schema.Native("postgres", "numeric")).PrimaryKey().AutoIncrement())
	if _, err := d.Render(op, &schema.Database{}); err == nil || !strings.Contains(err.Error(), "cannot auto-increment") {
		t.Errorf("Render of an auto-increment NATIVE column: %v, want an error saying it cannot auto-increment", err)
	}
}

func TestParseType(t *testing.T) {
	enums := map[string][]string{
		"enum_orders_state":   {"open", "paid"},
		`"enum_users_Status"`: {"a", "b"},
		"other.enum_x_y":      {"z"},
	}
	native := func(s string) schema.Type { return schema.Native("postgres", s) }
	tests := []struct {
		in   string
		want schema.Type
	}{
		{"character varying(255)", schema.String(255)},
		{"character(2)", schema.Char(2)},
		{"text", schema.Text()},
		{"integer", schema.Integer()},
		{"bigint", schema.BigInt()},
		{"smallint", schema.SmallInt()},
		{"real", schema.Float()},
		{"double precision", schema.Double()},
		{"numeric(12,3)", schema.Decimal(12, 3)},
		{"numeric(7)", schema.Decimal(7, 0)},
		{"boolean", schema.Boolean()},
		{"timestamp with time zone", schema.Date()},
		{"timestamp(6) with time zone", schema.Date()},
		{"date", schema.DateOnly()},
		{"time without time zone", schema.Time()},
		{"uuid", schema.UUID()},
		{"json", schema.JSON()},
		{"jsonb", schema.JSONB()},
		{"bytea", schema.Blob()},
		{"enum_orders_state", schema.Enum("open", "paid")},
		{`"enum_users_Status"`, schema.Enum("a", "b")},
		{"other.enum_x_y", schema.Enum("z")},
		{"integer[]", schema.Array(schema.Integer())},
		{"character varying(30)[]", schema.Array(schema.String(30))},
		{`"enum_users_Status"[]`, schema.Array(schema.Enum("a", "b"))},

		// No portable kind renders these exactly: they read as PostgreSQL
		// spells them.
		{"numeric", native("numeric")},
		{"numeric(3,-2)", native("numeric(3,-2)")},
		{"numeric(2,5)", native("numeric(2,5)")},
		{"character varying", native("character varying")},
		{"character", native("character")},
		{"bpchar", native("bpchar")},
		{"timestamp(3) with time zone", native("timestamp(3) with time zone")},
		{"timestamp(0) with time zone", native("timestamp(0) with time zone")},
		{"time(3) without time zone", native("time(3) without time zone")},
		{"time with time zone", native("time with time zone")},
		{"timestamp without time zone", native("timestamp without time zone")},
		{"timestamp(3) without time zone", native("timestamp(3) without time zone")},
		{"inet", native("inet")},
		{"cidr", native("cidr")},
		{"macaddr", native("macaddr")},
		{"tsvector", native("tsvector")},
		{"money", native("money")},
		{"interval", native("interval")},
		{"interval day to second(3)", native("interval day to second(3)")},
		{"point", native("point")},
		{"xml", native("xml")},
		{"bit(3)", native("bit(3)")},
		{`"char"`, native(`"char"`)},
		{"year", native("year")},
		{"enum_unknown", native("enum_unknown")},
		{"integer[][]", native("integer[][]")},
		{"inet[]", native("inet[]")},
		{"character varying[]", native("character varying[]")},
		{"numeric[]", native("numeric[]")},
		{"timestamp without time zone[]", native("timestamp without time zone[]")},
		// Spellings it cannot read are native too rather than an error.
		{"numeric(10", native("numeric(10")},
		{"numeric(a,b)", native("numeric(a,b)")},
		{"character varying(x)", native("character varying(x)")},
		{"integer(4)", native("integer(4)")},
	}
	for _, tt := range tests {
		got := pgdialect.ParseType(tt.in, enums)
		if diff := cmp.Diff(got, tt.want); diff != "" {
			t.Errorf("ParseType(%q) (-got +want):\n%s", tt.in, diff)
		}
		if tt.want.Kind != schema.KindNative {
			continue
		}
		// A native type renders back exactly as it was read.
		if sql, err := pgdialect.New().ColumnType(got); err != nil || sql != tt.in {
			t.Errorf("ColumnType(ParseType(%q)) = %q, %v; want it as read", tt.in, sql, err)
		}
	}
}
