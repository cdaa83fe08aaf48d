package pgdialect_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/dialect/pgdialect"
	"github.com/strata-orm/strata/schema"
)

// The inputs are defaults as pg_get_expr prints them on PostgreSQL 15.
func TestParseDefault(t *testing.T) {
	tests := []struct {
		in   string
		want *schema.Default
	}{
		{"", nil},
		{"NULL::character varying", nil},
		{"0", schema.Literal("0")},
		{"'-42'::integer", schema.Literal("-42")},
		{"('-42'::integer)::bigint", schema.Literal("-42")},
		{"9.99", schema.Literal("9.99")},
		{"'100000000000000000000'::numeric", schema.Literal("100000000000000000000")},
		{"'NaN'::double precision", schema.Literal("NaN")},
		{"true", schema.Literal("true")},
		{"false", schema.Literal("false")},
		{"'it''s me'::character varying", schema.Literal("it's me")},
		{`'a\b'::text`, schema.Literal(`a\b`)},
		{`E'a\\b\nc'::text`, schema.Literal("a\\b\nc")},
		{"'new'::enum_defaults_status", schema.Literal("new")},
		{`'new'::"enum_users_Status"`, schema.Literal("new")},
		{"'{}'::integer[]", schema.Literal("{}")},
		{"'{}'::jsonb", schema.Literal("{}")},
		{`'\x00'::bytea`, schema.Literal(`\x00`)},
		{"'2026-01-01 00:00:00+00'::timestamp(6) with time zone", schema.Literal("2026-01-01 00:00:00+00")},
		{"CURRENT_TIMESTAMP", schema.Now()},
		{"CURRENT_TIMESTAMP(3)", schema.Now()},
		{"CURRENT_DATE", schema.Now()},
		{"CURRENT_TIME", schema.Now()},
		{"LOCALTIMESTAMP", schema.Now()},
		{"now()", schema.Now()},
		{"(now())::date", schema.Now()},
		{"gen_random_uuid()", schema.UUIDv4()},
		{"(gen_random_uuid())::character varying", schema.UUIDv4()},
		{"uuid_generate_v4()", schema.UUIDv4()},
		{"nextval('users_id_seq'::regclass)", schema.Expr("nextval('users_id_seq'::regclass)")},
		{"(now() + '1 day'::interval)", schema.Expr("(now() + '1 day'::interval)")},
		{"lower('X'::text)", schema.Expr("lower('X'::text)")},
		{"'a'::text || 'b'::text", schema.Expr("'a'::text || 'b'::text")},
	}
	for _, tt := range tests {
		got := pgdialect.ParseDefault(tt.in)
		if diff := cmp.Diff(got, tt.want); diff != "" {
			t.Errorf("ParseDefault(%q) (-got +want):\n%s", tt.in, diff)
		}
	}
}

// Canonical spells a default the way both an offline replay and the live
// database agree on.
func TestCanonicalDefaults(t *testing.T) {
	col := func(typ schema.Type, d *schema.Default) schema.Column {
		return schema.Column{Name: "c", Type: typ, Default: d}
	}
	tests := []struct {
		in   schema.Column
		want *schema.Default
	}{
		{col(schema.Integer(), schema.Literal("+007")), schema.Literal("7")},
		{col(schema.BigInt(), schema.Expr("'-42'::integer")), schema.Literal("-42")},
		{col(schema.Double(), schema.Literal("1e20")), schema.Literal("1e+20")},
		{col(schema.Double(), schema.Literal("100000000000000000000")), schema.Literal("1e+20")},
		{col(schema.Float(), schema.Literal("1.50")), schema.Literal("1.5")},
		{col(schema.Decimal(12, 2), schema.Literal("9.90")), schema.Literal("9.9")},
		{col(schema.Decimal(12, 2), schema.Literal("-0.00")), schema.Literal("0")},
		{col(schema.Decimal(12, 2), schema.Literal("0010")), schema.Literal("10")},
		{col(schema.Boolean(), schema.Literal("TRUE")), schema.Literal("true")},
		{col(schema.String(9), schema.Literal(" x ")), schema.Literal(" x ")},
		{col(schema.String(9), schema.Expr("'x'")), schema.Literal("x")},
		{col(schema.String(9), schema.Expr("NULL")), nil},
		{col(schema.Date(), schema.Expr("now()")), schema.Now()},
		{col(schema.Date(), schema.Expr("now() + interval '1 day'")), schema.Expr("now() + '1 day'")},
		{col(schema.Date(), schema.Expr("(now() + '1 day'::interval)")), schema.Expr("now() + '1 day'")},
		{schema.Column{Name: "id", Type: schema.Integer(), AutoIncrement: true, Default: schema.Literal("1")}, nil},
	}
	d := pgdialect.New()
	for _, tt := range tests {
		db := d.Canonical(&schema.Database{Tables: []schema.Table{{Name: "t", Columns: []schema.Column{tt.in}}}})
		got := db.Tables[0].Columns[0].Default
		if diff := cmp.Diff(got, tt.want); diff != "" {
			t.Errorf("Canonical default of %s %+v (-got +want):\n%s", tt.in.Type, tt.in.Default, diff)
		}
	}
}

// FuzzParseDefault checks that any text parses without a panic and that a
// string constant comes back as the literal it quotes.
func FuzzParseDefault(f *testing.F) {
	for _, s := range []string{"'-42'::integer", "('x'::text)::character varying(3)", "now()", `E'a\\b'`, "'a''b'", "(((1)))"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		pgdialect.ParseDefault(s)
		lit := "'" + strings.ReplaceAll(s, "'", "''") + "'::text"
		got := pgdialect.ParseDefault(lit)
		if diff := cmp.Diff(got, schema.Literal(s)); diff != "" {
			t.Errorf("ParseDefault(%q) (-got +want):\n%s", lit, diff)
		}
	})
}
