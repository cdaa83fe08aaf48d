package strata_test

import (
	"context"
	"fmt"

	"github.com/strata-orm/strata"
)

// Batches reads a table in key order, a batch at a time.
func ExampleQuery_Batches() {
	db, done := openExample()
	defer done()
	ctx := context.Background()
	for _, name := range []string{"Ann", "Bo", "Cy", "Di", "Ed"} {
		if err := strata.Create(ctx, db, &Customer{Name: name, Email: name + "@example.com"}); err != nil {
			panic(err)
		}
	}
	for batch, err := range strata.Find[Customer](db).Batches(ctx, 2) {
		if err != nil {
			panic(err)
		}
		var names []string
		for _, c := range batch {
			names = append(names, c.Name)
		}
		fmt.Println(names)
	}
	// Output:
	// [Ann Bo]
	// [Cy Di]
	// [Ed]
}
