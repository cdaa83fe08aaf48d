package schema_test

import (
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/strata-orm/strata/schema"
)

// The constructors build the types a column can have; String prints them in
// Sequelize's notation.
func ExampleType() {
	for _, t := range []schema.Type{
		schema.String(100),
		schema.Text(),
		schema.Integer(),
		schema.BigInt(),
		schema.Decimal(10, 2),
		schema.Boolean(),
		schema.Date(),
		schema.DateOnly(),
		schema.UUID(),
		schema.JSONB(),
		schema.Enum("draft", "published"),
		schema.Array(schema.Integer()),
	} {
		fmt.Println(t)
	}
	// Output:
	// STRING(100)
	// TEXT
	// INTEGER
	// BIGINT
	// DECIMAL(10,2)
	// BOOLEAN
	// DATE
	// DATEONLY
	// UUID
	// JSONB
	// ENUM('draft','published')
	// ARRAY(INTEGER)
}

func ExampleParseType() {
	for _, s := range []string{"string", "varchar(40)", "decimal(10,2)", "enum('a','b')", "array(int)", "strin"} {
		t, err := schema.ParseType(s)
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println(t)
	}
	// Output:
	// STRING(255)
	// STRING(40)
	// DECIMAL(10,2)
	// ENUM('a','b')
	// ARRAY(INTEGER)
	// error: unknown type "strin" (known: STRING, CHAR, TEXT, INTEGER, BIGINT, SMALLINT, FLOAT, DOUBLE, DECIMAL, BOOLEAN, DATE, DATEONLY, TIME, UUID, JSON, JSONB, BLOB, ENUM, ARRAY)
}

func ExampleType_Validate() {
	fmt.Println(schema.Decimal(2, 5).Validate())
	fmt.Println(schema.Enum().Validate())
	fmt.Println(schema.Array(schema.Array(schema.Integer())).Validate())
	// Output:
	// type DECIMAL(2,5): precision must be positive and scale between 0 and the precision
	// type ENUM needs at least one value
	// type ARRAY of ARRAY is not supported
}

// A column is a name, a type, NULL-ability and an optional default.
func ExampleColumn() {
	cols := []schema.Column{
		{Name: "id", Type: schema.Integer(), NotNull: true, AutoIncrement: true},
		{Name: "email", Type: schema.String(100), NotNull: true},
		{Name: "active", Type: schema.Boolean(), Default: schema.Literal(true)},
		{Name: "score", Type: schema.Decimal(5, 2), Default: schema.Literal(1.50)},
		{Name: "createdAt", Type: schema.Date(), NotNull: true, Default: schema.Now()},
		{Name: "uid", Type: schema.UUID(), Default: schema.UUIDv4()},
	}
	for _, c := range cols {
		fmt.Printf("%s %s notNull=%t", c.Name, c.Type, c.NotNull)
		if c.Default != nil {
			fmt.Printf(" default=%s:%q", c.Default.Kind, c.Default.Value)
		}
		fmt.Println()
	}
	// Output:
	// id INTEGER notNull=true
	// email STRING(100) notNull=true
	// active BOOLEAN notNull=false default=literal:"true"
	// score DECIMAL(5,2) notNull=false default=literal:"1.5"
	// createdAt DATE notNull=true default=now:""
	// uid UUID notNull=false default=uuidv4:""
}

// Normalize puts two descriptions of the same schema in one form, so that
// they compare equal; column order is kept.
func ExampleDatabase_Normalize() {
	a := &schema.Database{Tables: []schema.Table{
		{Name: "users", Columns: []schema.Column{{Name: "id", Type: schema.Integer()}}},
		{Name: "orders", Columns: []schema.Column{{Name: "id", Type: schema.Integer()}, {Name: "userId", Type: schema.Integer()}},
			ForeignKeys: []schema.ForeignKey{{Name: "orders_userId_fkey", Columns: []string{"userId"}, RefTable: "users", RefColumns: []string{"id"}}},
			Indexes:     []schema.Index{}},
	}}
	b := a.Clone()
	b.Tables[0], b.Tables[1] = b.Tables[1], b.Tables[0]
	b.Table("orders").ForeignKeys[0].OnDelete = schema.NoAction
	fmt.Println(reflect.DeepEqual(a, b))
	a.Normalize()
	b.Normalize()
	fmt.Println(reflect.DeepEqual(a, b), a.TableNames())
	out, _ := json.Marshal(a.Table("orders").ForeignKeys)
	fmt.Println(string(out))
	// Output:
	// false
	// true [orders users]
	// [{"name":"orders_userId_fkey","columns":["userId"],"refTable":"users","refColumns":["id"],"onDelete":"NO ACTION","onUpdate":"NO ACTION"}]
}

// The names strata derives for unnamed constraints and indexes; a name past
// MaxNameLen is shortened with a stable hash.
func ExampleDeriveName() {
	fmt.Println(schema.IndexName("users", []string{"email"}))
	fmt.Println(schema.UniqueName("users", []string{"email", "tenantId"}))
	fmt.Println(schema.ForeignKeyName("orders", []string{"userId"}))
	fmt.Println(schema.DeriveName("a_table_with_a_rather_long_name", "and_a_column_with_a_long_name_too", "idx"))
	// Output:
	// users_email
	// users_email_tenantId_key
	// orders_userId_fkey
	// a_table_with_a_rather_long_name_and_a_column_with_a_lo_0cc47ecc
}

func ExampleParseAction() {
	for _, s := range []string{"cascade", "set_null", "", "explode"} {
		a, err := schema.ParseAction(s)
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println(a)
	}
	// Output:
	// CASCADE
	// SET NULL
	// NO ACTION
	// error: unknown referential action "explode" (use CASCADE, SET NULL, SET DEFAULT, RESTRICT or NO ACTION)
}
