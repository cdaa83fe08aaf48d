package pgdialect_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

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
	}
	for _, tt := range tests {
		got, err := d.ColumnType(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ColumnType(%s) = %q, %v; want an error containing %q", tt.in, got, err, tt.want)
		}
	}
}

func TestParseType(t *testing.T) {
	enums := map[string][]string{
		"enum_orders_state":   {"open", "paid"},
		`"enum_users_Status"`: {"a", "b"},
		"other.enum_x_y":      {"z"},
	}
	tests := []struct {
		in   string
		want schema.Type
	}{
		{"character varying(255)", schema.String(255)},
		{"character varying", schema.Text()},
		{"character(2)", schema.Char(2)},
		{"character", schema.Char(1)},
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
		{"timestamp(3) with time zone", schema.Date()},
		{"date", schema.DateOnly()},
		{"time without time zone", schema.Time()},
		{"time(3) without time zone", schema.Time()},
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
	}
	for _, tt := range tests {
		got, err := pgdialect.ParseType(tt.in, enums)
		if err != nil {
			t.Errorf("ParseType(%q): %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(got, tt.want); diff != "" {
			t.Errorf("ParseType(%q) (-got +want):\n%s", tt.in, diff)
		}
	}
}

func TestParseTypeErrors(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"numeric", "give it one, e.g. numeric(12,2)"},
		{"timestamp without time zone", "strata's DATE is timestamp with time zone"},
		{"time with time zone", "strata's TIME is time without time zone"},
		{"inet", `type "inet" has no strata type`},
		{"integer[][]", "arrays of arrays"},
		{"enum_unknown", `type "enum_unknown" has no strata type`},
		{"numeric(10", "missing closing parenthesis"},
	}
	for _, tt := range tests {
		got, err := pgdialect.ParseType(tt.in, nil)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseType(%q) = %s, %v; want an error containing %q", tt.in, got, err, tt.want)
		}
	}
}
