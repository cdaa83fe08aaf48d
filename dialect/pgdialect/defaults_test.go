package pgdialect_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect/pgdialect"
	"github.com/strata-orm/strata/dialecttest"
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
		// Sakila's customer.create_date: cast on every insert, the day of
		// the insert (never the literal 'now', which would freeze it).
		{"('now'::text)::date", schema.Now()},
		{"('today'::text)::date", schema.Now()},
		{"('tomorrow'::text)::date", schema.Expr("('tomorrow'::text)::date")},
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
		// Casts to types strata reads as NATIVE.
		{"'0.0.0.0'::inet", schema.Literal("0.0.0.0")},
		{"'2006-02-15 09:34:33'::timestamp without time zone", schema.Literal("2006-02-15 09:34:33")},
		{"'2006-02-15 09:34:33.5'::timestamp(3) without time zone", schema.Literal("2006-02-15 09:34:33.5")},
		{"'12:00:00+02'::time with time zone", schema.Literal("12:00:00+02")},
		{"'1 day'::interval", schema.Literal("1 day")},
		{"'$0.00'::money", schema.Literal("$0.00")},
		{"'{10.0.0.1}'::inet[]", schema.Literal("{10.0.0.1}")},
		{"'x'::character varying", schema.Literal("x")},
		{"1901", schema.Literal("1901")},
		{"'1999'::year", schema.Literal("1999")},
		{"('1999'::integer)::year", schema.Literal("1999")},
		{"'101'::bit(3)", schema.Literal("101")},
		{"'a:1'::tsvector", schema.Literal("a:1")},
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
		{col(schema.Date(), schema.Literal("2026-01-01")), schema.Literal("2026-01-01 00:00:00+00")},
		{col(schema.Date(), schema.Literal("2026-01-01T10:00:00.5+02:00")), schema.Literal("2026-01-01 08:00:00.5+00")},
		{col(schema.Date(), schema.Literal("2026-01-01 08:00:00.5+00")), schema.Literal("2026-01-01 08:00:00.5+00")},
		{col(schema.DateOnly(), schema.Literal("2026-1-2")), schema.Literal("2026-01-02")},
		{col(schema.Time(), schema.Literal("12:00")), schema.Literal("12:00:00")},
		{col(schema.UUID(), schema.Literal("{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}")), schema.Literal("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")},
		{col(schema.JSONB(), schema.Literal(`{"b":1, "a":[1.0,"<x>"]}`)), schema.Literal(`{"a":[1.0,"<x>"],"b":1}`)},
		{col(schema.JSON(), schema.Literal(`{"b":1, "a":2}`)), schema.Literal(`{"b":1, "a":2}`)},
		{col(schema.Blob(), schema.Literal("abc")), schema.Literal(`\x616263`)},
		{col(schema.Blob(), schema.Literal(`\xABCD`)), schema.Literal(`\xabcd`)},
		{col(schema.Date(), schema.Literal("not a time")), schema.Literal("not a time")},
		// A NATIVE column's literal is left as it is written.
		{col(schema.Native("postgres", "inet"), schema.Literal("0.0.0.0")), schema.Literal("0.0.0.0")},
		{col(schema.Native("postgres", "inet"), schema.Expr("'0.0.0.0'::inet")), schema.Literal("0.0.0.0")},
		{col(schema.Native("postgres", "timestamp without time zone"), schema.Literal("2006-02-15 09:34:33")), schema.Literal("2006-02-15 09:34:33")},
		{col(schema.Native("postgres", "numeric"), schema.Literal("1.50")), schema.Literal("1.50")},
		{col(schema.Native("postgres", "numeric"), schema.Expr("now()")), schema.Now()},
		{col(schema.Native("postgres", "inet[]"), schema.Literal("{10.0.0.1}")), schema.Literal("{10.0.0.1}")},
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

// Literal defaults of every kind read back from the database equal to what
// the migration wrote, in canonical form.
func TestLiteralDefaultsRoundTrip(t *testing.T) {
	d := pgdialect.New()
	tg := dialecttest.Fresh(t, d, serverURL(t))
	cur := &schema.Database{}
	tg.Apply(t, cur, ddl.CreateTable("lits",
		ddl.Column("s", schema.String(20)).Default(`it's "x" \ y`),
		ddl.Column("c", schema.Char(3)).Default("ab"),
		ddl.Column("t", schema.Text()).Default(""),
		ddl.Column("i", schema.Integer()).Default(-7),
		ddl.Column("si", schema.SmallInt()).Default(-1),
		ddl.Column("bi", schema.BigInt()).Default(int64(9007199254740993)),
		ddl.Column("f", schema.Float()).Default(0.1),
		ddl.Column("dbl", schema.Double()).Default(1e20),
		ddl.Column("nan", schema.Double()).Default("NaN"),
		ddl.Column("dec", schema.Decimal(20, 4)).Default("1e3"),
		ddl.Column("dec2", schema.Decimal(8, 2)).Default("-0.50"),
		ddl.Column("b", schema.Boolean()).Default(false),
		ddl.Column("ts", schema.Date()).Default("2026-01-01T10:00:00.5+02:00"),
		ddl.Column("day", schema.DateOnly()).Default("2026-1-2"),
		ddl.Column("tod", schema.Time()).Default("12:00"),
		ddl.Column("u", schema.UUID()).Default("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"),
		ddl.Column("j", schema.JSON()).Default(`{"b":1,  "a":2}`),
		ddl.Column("jb", schema.JSONB()).Default(`{"b":1,"a":[1.0,"<x>"]}`),
		ddl.Column("bl", schema.Blob()).Default("abc"),
		ddl.Column("arr", schema.Array(schema.Integer())).Default("{1,2}"),
		ddl.Column("e", schema.Enum("x", "y'z")).Default("y'z"),
		ddl.Column("ex", schema.Integer()).DefaultExpr("(1 + 2)"),
		ddl.Column("tomorrow", schema.Date()).DefaultExpr("now() + interval '1 day'"),
	))
	tg.Compare(t, cur, "after creating a table with literal defaults")
}

// Literal defaults of NATIVE columns read back as the migration wrote them
// when PostgreSQL prints the constant the same way.
func TestNativeDefaultsRoundTrip(t *testing.T) {
	d := pgdialect.New()
	tg := dialecttest.Fresh(t, d, serverURL(t))
	cur := &schema.Database{}
	native := func(s string) schema.Type { return schema.Native("postgres", s) }
	tg.Apply(t, cur, ddl.CreateTable("natives",
		ddl.Column("ip", native("inet")).Default("0.0.0.0"),
		ddl.Column("ips", native("inet[]")).Default("{10.0.0.1}"),
		ddl.Column("seen", native("timestamp without time zone")).Default("2006-02-15 09:34:33"),
		ddl.Column("seen3", native("timestamp(3) without time zone")).Default("2006-02-15 09:34:33.5"),
		ddl.Column("amount", native("numeric")).Default("1.50"),
		ddl.Column("span", native("interval")).Default("1 day"),
		ddl.Column("nick", native("character varying")).Default("x"),
		ddl.Column("at", native("timestamp without time zone")).DefaultNow(),
	))
	tg.Compare(t, cur, "after creating a table of native columns with literal defaults")
}
