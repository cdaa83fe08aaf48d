package mysqldialect_test

import (
	"database/sql"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/dialect/mysqldialect"
	"github.com/strata-orm/strata/schema"
)

func TestParseColumnType(t *testing.T) {
	tests := []struct {
		in   string
		want schema.Type
	}{
		{"varchar(255)", schema.String(255)},
		{"VARCHAR(20)", schema.String(20)},
		{"char(2)", schema.Char(2)},
		{"char(36)", schema.Char(36)},
		{"text", schema.Text()},
		{"mediumtext", schema.Native("mysql", "mediumtext")},
		{"longtext", schema.Native("mysql", "longtext")},
		{"int(11)", schema.Integer()},
		{"int", schema.Integer()},
		{"int(10) unsigned", schema.Native("mysql", "int(10) unsigned")},
		{"int unsigned", schema.Native("mysql", "int unsigned")},
		{"tinyint(3) unsigned", schema.Native("mysql", "tinyint(3) unsigned")},
		{"smallint unsigned", schema.Native("mysql", "smallint unsigned")},
		{"mediumint(9)", schema.Native("mysql", "mediumint(9)")},
		{"year(4)", schema.Native("mysql", "year(4)")},
		{"year", schema.Native("mysql", "year")},
		{"set('a','B')", schema.Native("mysql", "set('a','B')")},
		{"bit(1)", schema.Native("mysql", "bit(1)")},
		{"binary(16)", schema.Native("mysql", "binary(16)")},
		{"varbinary(10)", schema.Native("mysql", "varbinary(10)")},
		{"datetime(3)", schema.Native("mysql", "datetime(3)")},
		{"time(3)", schema.Native("mysql", "time(3)")},
		{"double(8,2)", schema.Native("mysql", "double(8,2)")},
		{"float unsigned", schema.Native("mysql", "float unsigned")},
		{"point", schema.Native("mysql", "point")},
		{"geometry", schema.Native("mysql", "geometry")},
		{"tinyint(4)", schema.Native("mysql", "tinyint(4)")},
		{"enum('G','PG-13','NC-17')", schema.Enum("G", "PG-13", "NC-17")},
		{"bigint(20)", schema.BigInt()},
		{"smallint(6)", schema.SmallInt()},
		{"float", schema.Float()},
		{"double", schema.Double()},
		{"decimal(10,2)", schema.Decimal(10, 2)},
		{"decimal(12,0)", schema.Decimal(12, 0)},
		{"tinyint(1)", schema.Boolean()},
		{"datetime(6)", schema.Date()},
		{"datetime", schema.Native("mysql", "datetime")},
		{"timestamp(6)", schema.Native("mysql", "timestamp(6)")},
		{"timestamp", schema.Native("mysql", "timestamp")},
		{"date", schema.DateOnly()},
		{"time", schema.Time()},
		{"json", schema.JSON()},
		{"blob", schema.Blob()},
		{"longblob", schema.Native("mysql", "longblob")},
		{"mediumblob", schema.Native("mysql", "mediumblob")},
		{"enum('draft','paid','it''s')", schema.Enum("draft", "paid", "it's")},
		{`enum('a\\b','x,y')`, schema.Enum(`a\b`, "x,y")},
	}
	for _, tt := range tests {
		got, err := mysqldialect.ParseColumnType(tt.in)
		if err != nil {
			t.Errorf("ParseColumnType(%q): %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(got, tt.want); diff != "" {
			t.Errorf("ParseColumnType(%q) (-got +want):\n%s", tt.in, diff)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"varchar", "needs a length"},
		{"varchar(x)", "needs a length"},
		{"enum('a'", "cannot read"}, {"enum('a)", "unterminated"},
		{"enum(a)", "should start with a quote"},
		{"", "cannot read MySQL column type"},
	} {
		if _, err := mysqldialect.ParseColumnType(tt.in); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseColumnType(%q) error = %v, want one containing %q", tt.in, err, tt.want)
		}
	}
}

func TestParseDefault(t *testing.T) {
	null := sql.NullString{}
	str := func(s string) sql.NullString { return sql.NullString{String: s, Valid: true} }
	lit := func(s string) *schema.Default { return &schema.Default{Kind: schema.DefaultLiteral, Value: s} }
	tests := []struct {
		name   string
		raw    sql.NullString
		extra  string
		typ    schema.Type
		flavor mysqldialect.Flavor
		want   *schema.Default
	}{
		{"no default", null, "", schema.Integer(), mysqldialect.MariaDB, nil},
		{"MariaDB DEFAULT NULL", str("NULL"), "", schema.Text(), mysqldialect.MariaDB, nil},
		{"MariaDB quoted", str("'it''s me'"), "", schema.String(255), mysqldialect.MariaDB, lit("it's me")},
		{"MariaDB backslash", str(`'C:\\temp\\''x'''`), "", schema.String(50), mysqldialect.MariaDB, lit(`C:\temp\'x'`)},
		{"MariaDB the string NULL", str("'NULL'"), "", schema.String(10), mysqldialect.MariaDB, lit("NULL")},
		{"MariaDB number", str("-42"), "", schema.BigInt(), mysqldialect.MariaDB, lit("-42")},
		{"MariaDB decimal", str("9.99"), "", schema.Decimal(10, 2), mysqldialect.MariaDB, lit("9.99")},
		{"MariaDB true", str("1"), "", schema.Boolean(), mysqldialect.MariaDB, lit("true")},
		{"MariaDB false", str("0"), "", schema.Boolean(), mysqldialect.MariaDB, lit("false")},
		{"MariaDB now", str("current_timestamp(6)"), "", schema.Date(), mysqldialect.MariaDB, schema.Now()},
		{"MariaDB today", str("curdate()"), "", schema.DateOnly(), mysqldialect.MariaDB, schema.Now()},
		{"MariaDB time", str("curtime()"), "", schema.Time(), mysqldialect.MariaDB, schema.Now()},
		{"MariaDB uuid", str("uuid()"), "", schema.Char(36), mysqldialect.MariaDB, schema.UUIDv4()},
		{"MariaDB expression", str("1 + 2"), "", schema.Integer(), mysqldialect.MariaDB, schema.Expr("1 + 2")},
		{"MySQL no default", null, "", schema.Integer(), mysqldialect.MySQL, nil},
		{"MySQL literal", str("it's me"), "", schema.String(255), mysqldialect.MySQL, lit("it's me")},
		{"MySQL true", str("1"), "", schema.Boolean(), mysqldialect.MySQL, lit("true")},
		{"MySQL now", str("CURRENT_TIMESTAMP(6)"), "DEFAULT_GENERATED", schema.Date(), mysqldialect.MySQL, schema.Now()},
		{"MySQL 5.7 now", str("CURRENT_TIMESTAMP"), "", schema.Date(), mysqldialect.MySQL, schema.Now()},
		{"MySQL today", str("curdate()"), "DEFAULT_GENERATED", schema.DateOnly(), mysqldialect.MySQL, schema.Now()},
		{"MySQL uuid", str("uuid()"), "DEFAULT_GENERATED", schema.Char(36), mysqldialect.MySQL, schema.UUIDv4()},
		{"MySQL text literal", str(`_utf8mb4\'it\'\'s\'`), "DEFAULT_GENERATED", schema.Text(), mysqldialect.MySQL, lit("it's")},
		{"MySQL expression", str("(1 + 2)"), "DEFAULT_GENERATED", schema.Integer(), mysqldialect.MySQL, schema.Expr("1 + 2")},
	}
	for _, tt := range tests {
		got := mysqldialect.ParseDefault(tt.raw, tt.extra, tt.typ, tt.flavor)
		if diff := cmp.Diff(got, tt.want); diff != "" {
			t.Errorf("%s: ParseDefault(%q, %q) (-got +want):\n%s", tt.name, tt.raw.String, tt.extra, diff)
		}
	}
}

func TestNormalizeExpr(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"standard SQL", `"rank" > 0`, "`rank` > 0"},
		{"MariaDB", "`rank` > 0", "`rank` > 0"},
		{"bare name, spacing, outer parentheses", "((rank>0))", "`rank` > 0"},
		{"MySQL 8 introducer", "(`status` in (_utf8mb4'a',_utf8mb4'b'))", "`status` in ('a','b')"},
		{"keywords lower-case", `"a" IS NOT NULL AND "b" BETWEEN 1 AND 2`, "`a` is not null and `b` between 1 and 2"},
		{"MariaDB keywords", "`a` is not null and `b` between 1 and 2", "`a` is not null and `b` between 1 and 2"},
		{"names are case-insensitive", `"Total" >= 0`, "`total` >= 0"},
		{"booleans", `"b" = TRUE OR "c" = false`, "`b` = 1 or `c` = 0"},
		{"operators", `"a" != 5 && "b" || "c"`, "`a` <> 5 and `b` or `c`"},
		{"NOT", `NOT ("a" <=> NULL)`, "!(`a` <=> null)"},
		{"MariaDB NOT", "!(`a` <=> NULL)", "!(`a` <=> null)"},
		{"NOT IN stays", `"a" NOT IN (1, 2)`, "`a` not in (1,2)"},
		{"functions", `LENGTH("s") > 0 AND Cast("a" AS SIGNED) > -5`, "octet_length(`s`) > 0 and cast(`a` as signed) > - 5"},
		{"MariaDB functions", "octet_length(`s`) > 0 and cast(`a` as signed) > -5", "octet_length(`s`) > 0 and cast(`a` as signed) > - 5"},
		{"strings", `"s" <> 'it''s \\ ok'`, "`s` <> 'it''s \\\\ ok'"},
		{"MariaDB strings", "`s` <> 'it\\'s \\\\ ok'", "`s` <> 'it''s \\\\ ok'"},
		{"inner parentheses stay", `("a" > 0) AND ("b" > 0)`, "(`a` > 0) and (`b` > 0)"},
		{"does not lex", `"a" = 'x`, `"a" = 'x`},
	}
	for _, tt := range tests {
		if got := mysqldialect.NormalizeExpr(tt.in); got != tt.want {
			t.Errorf("%s: NormalizeExpr(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}
