package schema_test

import (
	"fmt"

	"github.com/strata-orm/strata/schema"
)

// A type prints as the constructor call that builds it (%#v calls
// GoString); ParseType reads Sequelize's notation, String writes it.
func ExampleType_GoString() {
	for _, s := range []string{"string", "decimal(12,4)", "enum('a','b')", "array(integer)"} {
		t, err := schema.ParseType(s)
		if err != nil {
			panic(err)
		}
		fmt.Printf("%-16s %-14s %#v\n", s, t, t)
	}
	// Output:
	// string           STRING(255)    schema.String(255)
	// decimal(12,4)    DECIMAL(12,4)  schema.Decimal(12, 4)
	// enum('a','b')    ENUM('a','b')  schema.Enum("a", "b")
	// array(integer)   ARRAY(INTEGER) schema.Array(schema.Integer())
}

// Actions print as their constants.
func ExampleAction_GoString() {
	a, err := schema.ParseAction("set_null")
	if err != nil {
		panic(err)
	}
	fmt.Printf("%#v\n", a)
	// Output:
	// schema.SetNull
}
