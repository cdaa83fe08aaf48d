package dialect_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

func TestLosses(t *testing.T) {
	c := func(typ schema.Type) schema.Column { return schema.Column{Name: "v", Type: typ} }
	nn := func(typ schema.Type) schema.Column { return schema.Column{Name: "v", Type: typ, NotNull: true} }
	rng := func(lo, hi string) dialect.Loss { return dialect.Loss{Kind: dialect.LossRange, Min: lo, Max: hi} }
	frac := func(s int) dialect.Loss { return dialect.Loss{Kind: dialect.LossFraction, Scale: s} }
	length := func(n int) dialect.Loss { return dialect.Loss{Kind: dialect.LossLength, Size: n} }
	tests := []struct {
		name     string
		old, new schema.Column
		want     []dialect.Loss
	}{
		// Widening, or the same values: nothing to check.
		{"same", c(schema.String(50)), c(schema.String(50)), nil},
		{"longer string", c(schema.String(50)), c(schema.String(200)), nil},
		{"string to text", c(schema.String(50)), c(schema.Text()), nil},
		{"char to longer string", c(schema.Char(3)), c(schema.String(3)), nil},
		{"integer to bigint", c(schema.Integer()), c(schema.BigInt()), nil},
		{"smallint to integer", c(schema.SmallInt()), c(schema.Integer()), nil},
		{"boolean to smallint", c(schema.Boolean()), c(schema.SmallInt()), nil},
		{"wider decimal", c(schema.Decimal(10, 2)), c(schema.Decimal(12, 3)), nil},
		{"decimal to double", c(schema.Decimal(10, 2)), c(schema.Double()), nil},
		{"float to double", c(schema.Float()), c(schema.Double()), nil},
		{"integer to float", c(schema.BigInt()), c(schema.Float()), nil},
		{"decimal(10,0) to bigint", c(schema.Decimal(10, 0)), c(schema.BigInt()), nil},
		{"integer to decimal", c(schema.Integer()), c(schema.Decimal(12, 2)), nil},
		{"smallint to string(6)", c(schema.SmallInt()), c(schema.String(6)), nil},
		{"uuid to string(36)", c(schema.UUID()), c(schema.String(36)), nil},
		{"enum to string as long", c(schema.Enum("draft", "paid")), c(schema.String(5)), nil},
		{"enum gains a value", c(schema.Enum("a", "b")), c(schema.Enum("a", "b", "c")), nil},
		{"dateonly to date", c(schema.DateOnly()), c(schema.Date()), nil},
		{"drop not null", nn(schema.Text()), c(schema.Text()), nil},
		{"not null stays", nn(schema.Text()), nn(schema.Text()), nil},
		{"auto increment is not null", schema.Column{Name: "v", Type: schema.Integer(), AutoIncrement: true}, nn(schema.BigInt()), nil},

		// Narrowing.
		{"not null", c(schema.Text()), nn(schema.Text()), []dialect.Loss{{Kind: dialect.LossNull}}},
		{"shorter string", c(schema.String(200)), c(schema.String(50)), []dialect.Loss{length(50)}},
		{"text to char", c(schema.Text()), nn(schema.Char(2)), []dialect.Loss{{Kind: dialect.LossNull}, length(2)}},
		{"enum to shorter string", c(schema.Enum("draft", "paid")), c(schema.String(4)), []dialect.Loss{length(4)}},
		{"date to string", c(schema.Date()), c(schema.String(64)), []dialect.Loss{length(64)}},
		{"double to string", c(schema.Double()), c(schema.String(64)), []dialect.Loss{length(64)}},
		{"bigint to integer", c(schema.BigInt()), c(schema.Integer()), []dialect.Loss{rng("-2147483648", "2147483647")}},
		{"integer to smallint", c(schema.Integer()), c(schema.SmallInt()), []dialect.Loss{rng("-32768", "32767")}},
		{"integer to boolean", c(schema.Integer()), c(schema.Boolean()), []dialect.Loss{rng("0", "1")}},
		{"decimal to integer", c(schema.Decimal(12, 2)), c(schema.Integer()), []dialect.Loss{rng("-2147483648", "2147483647"), frac(0)}},
		{"double to bigint", c(schema.Double()), c(schema.BigInt()), []dialect.Loss{rng("-9223372036854775808", "9223372036854775807"), frac(0)}},
		{"decimal scale", c(schema.Decimal(10, 3)), c(schema.Decimal(10, 2)), []dialect.Loss{frac(2)}},
		{"decimal precision", c(schema.Decimal(10, 2)), c(schema.Decimal(5, 2)), []dialect.Loss{rng("-999.99", "999.99")}},
		{"integer to small decimal", c(schema.Integer()), c(schema.Decimal(4, 1)), []dialect.Loss{rng("-999.9", "999.9")}},
		{"double to decimal", c(schema.Double()), c(schema.Decimal(10, 2)), []dialect.Loss{rng("-99999999.99", "99999999.99"), frac(2)}},
		{"double to float", c(schema.Double()), c(schema.Float()), []dialect.Loss{rng("-3.4028234663852886e38", "3.4028234663852886e38")}},
		{"huge decimal to float", c(schema.Decimal(60, 0)), c(schema.Float()), []dialect.Loss{rng("-3.4028234663852886e38", "3.4028234663852886e38")}},
		{"string to integer", c(schema.String(20)), c(schema.Integer()), []dialect.Loss{{Kind: dialect.LossNotInteger}, rng("-2147483648", "2147483647")}},
		{"text to decimal", c(schema.Text()), c(schema.Decimal(6, 2)), []dialect.Loss{{Kind: dialect.LossNotNumber}, rng("-9999.99", "9999.99"), frac(2)}},
		{"string to double", c(schema.String(20)), c(schema.Double()), []dialect.Loss{{Kind: dialect.LossNotNumber}}},
		{"enum loses a value", c(schema.Enum("a", "b", "c")), c(schema.Enum("a", "c")), []dialect.Loss{{Kind: dialect.LossEnum, Values: []string{"a", "c"}}}},
		{"string to enum", c(schema.String(10)), c(schema.Enum("a")), []dialect.Loss{{Kind: dialect.LossEnum, Values: []string{"a"}}}},
		{"date to dateonly", c(schema.Date()), c(schema.DateOnly()), []dialect.Loss{{Kind: dialect.LossTimeOfDay}}},
		{"string to uuid", c(schema.String(40)), c(schema.UUID()), []dialect.Loss{{Kind: dialect.LossUUID}}},
		{"array elements", c(schema.Array(schema.BigInt())), c(schema.Array(schema.SmallInt())), []dialect.Loss{{Kind: dialect.LossRange, Min: "-32768", Max: "32767", Elem: true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(dialect.Losses(tt.old, tt.new), tt.want); diff != "" {
				t.Errorf("Losses(%s, %s) (-got +want):\n%s", tt.old.Type, tt.new.Type, diff)
			}
		})
	}
}

func TestLossString(t *testing.T) {
	for _, tt := range []struct {
		l    dialect.Loss
		want string
	}{
		{dialect.Loss{Kind: dialect.LossNull}, "is NULL"},
		{dialect.Loss{Kind: dialect.LossLength, Size: 50}, "is longer than 50 characters"},
		{dialect.Loss{Kind: dialect.LossFraction}, "has digits after the decimal point"},
		{dialect.Loss{Kind: dialect.LossFraction, Scale: 2}, "has more than 2 digits after the decimal point"},
		{dialect.Loss{Kind: dialect.LossEnum, Values: []string{"it's", "b"}}, "is not one of 'it''s', 'b'"},
		{dialect.Loss{Kind: dialect.LossLength, Size: 3, Elem: true}, "has an element that is longer than 3 characters"},
	} {
		if got := tt.l.String(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.l, got, tt.want)
		}
	}
}
