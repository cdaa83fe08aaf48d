package schema

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseType(t *testing.T) {
	tests := []struct {
		in   string
		want Type
	}{
		{"string", String(255)},
		{"STRING(100)", String(100)},
		{"varchar(20)", String(20)},
		{"char(2)", Char(2)},
		{"text", Text()},
		{"integer", Integer()},
		{"int", Integer()},
		{"bigint", BigInt()},
		{"smallint", SmallInt()},
		{"float", Float()},
		{"double", Double()},
		{"decimal", Decimal(10, 2)},
		{"decimal(8)", Decimal(8, 0)},
		{"decimal(10,2)", Decimal(10, 2)},
		{"boolean", Boolean()},
		{"date", Date()},
		{"dateonly", DateOnly()},
		{"time", Time()},
		{"uuid", UUID()},
		{"json", JSON()},
		{"jsonb", JSONB()},
		{"blob", Blob()},
		{"enum('a','b''c')", Enum("a", "b'c")},
		{"enum(a, b)", Enum("a", "b")},
		{"array(integer)", Array(Integer())},
		{"ARRAY(STRING(20))", Array(String(20))},
	}
	for _, tt := range tests {
		got, err := ParseType(tt.in)
		if err != nil {
			t.Errorf("ParseType(%q): %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(got, tt.want); diff != "" {
			t.Errorf("ParseType(%q) (-got +want):\n%s", tt.in, diff)
		}
		back, err := ParseType(got.String())
		if err != nil || !back.Equal(got) {
			t.Errorf("ParseType(%q.String()=%q) = %v, %v; want round trip", tt.in, got.String(), back, err)
		}
	}
}

func TestParseTypeErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"strin", `unknown type "strin"`},
		{"string(abc)", `"abc" is not a non-negative whole number`},
		{"string(0)", "length must be positive"},
		{"decimal(2,5)", "scale between 0 and the precision"},
		{"enum()", "at least one value"},
		{"enum('a','a')", `lists "a" twice`},
		{"array", "needs an element type"},
		{"array(array(integer))", "ARRAY of ARRAY"},
		{"text(5)", "takes no arguments"},
		{"string(5", "missing closing parenthesis"},
	}
	for _, tt := range tests {
		_, err := ParseType(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseType(%q) error = %v, want it to contain %q", tt.in, err, tt.want)
		}
	}
}

func TestLiteral(t *testing.T) {
	tests := []struct {
		in   any
		want string
	}{
		{"x", "x"}, {true, "true"}, {42, "42"}, {int64(-7), "-7"}, {1.5, "1.5"}, {float32(0.25), "0.25"},
	}
	for _, tt := range tests {
		if got := Literal(tt.in); got.Kind != DefaultLiteral || got.Value != tt.want {
			t.Errorf("Literal(%#v) = %+v, want literal %q", tt.in, got, tt.want)
		}
	}
}

func TestDeriveName(t *testing.T) {
	short := ForeignKeyName("orders", []string{"userId"})
	if short != "orders_userId_fkey" {
		t.Errorf("ForeignKeyName = %q", short)
	}
	long := IndexName(strings.Repeat("t", 40), []string{strings.Repeat("c", 40)})
	if len(long) != MaxNameLen {
		t.Errorf("long name has length %d, want %d: %q", len(long), MaxNameLen, long)
	}
	if again := IndexName(strings.Repeat("t", 40), []string{strings.Repeat("c", 40)}); again != long {
		t.Errorf("derived names are not stable: %q vs %q", again, long)
	}
}

func TestCloneIsDeep(t *testing.T) {
	db := &Database{Tables: []Table{{
		Name:        "users",
		Columns:     []Column{{Name: "role", Type: Enum("a", "b"), Default: Literal("a")}},
		PrimaryKey:  []string{"id"},
		ForeignKeys: []ForeignKey{{Name: "fk", Columns: []string{"x"}, RefTable: "t", RefColumns: []string{"id"}}},
	}}}
	c := db.Clone()
	c.Tables[0].Columns[0].Type.Values[0] = "z"
	c.Tables[0].Columns[0].Default.Value = "z"
	c.Tables[0].PrimaryKey[0] = "z"
	c.Tables[0].ForeignKeys[0].Columns[0] = "z"
	if diff := cmp.Diff(db.Tables[0].Columns[0].Type.Values, []string{"a", "b"}); diff != "" {
		t.Error(diff)
	}
	if db.Tables[0].Columns[0].Default.Value != "a" || db.Tables[0].PrimaryKey[0] != "id" || db.Tables[0].ForeignKeys[0].Columns[0] != "x" {
		t.Error("Clone shares memory with the original")
	}
}

func TestNormalize(t *testing.T) {
	db := &Database{Tables: []Table{
		{Name: "b", ForeignKeys: []ForeignKey{{Name: "z"}, {Name: "a", OnDelete: Cascade}}, Uniques: []Unique{}},
		{Name: "a"},
	}}
	db.Normalize()
	if got := db.TableNames(); !cmp.Equal(got, []string{"a", "b"}) {
		t.Errorf("tables = %v", got)
	}
	b := db.Table("b")
	if b.ForeignKeys[0].Name != "a" || b.ForeignKeys[0].OnUpdate != NoAction || b.ForeignKeys[1].OnDelete != NoAction {
		t.Errorf("foreign keys not normalized: %+v", b.ForeignKeys)
	}
	if b.Uniques != nil {
		t.Error("empty slice not made nil")
	}
}
