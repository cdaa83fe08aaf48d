package strata_test

import (
	"context"
	"fmt"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialect/sqlitedialect"
)

// Memo is a tracked model: strata remembers what each row held.
type Memo struct {
	strata.Tracked
	ID    int
	Title string
	Body  string
}

// A tracked row knows what changed since it was read, and Save writes
// only that.
func ExampleChanged() {
	ctx := context.Background()
	db, err := strata.Open(sqlitedialect.New(), "sqlite::memory:", strata.WithModels(Memo{}))
	if err != nil {
		panic(err)
	}
	defer db.Close()
	if err := db.Sync(ctx); err != nil {
		panic(err)
	}
	n := &Memo{Title: "groceries", Body: "milk"}
	if err := strata.Create(ctx, db, n); err != nil {
		panic(err)
	}
	n.Body = "milk, eggs"
	prev, _, _ := strata.Previous(n, "Body")
	fmt.Println("changed:", strata.Changed(n), "was:", prev)
	if err := strata.Save(ctx, db, n); err != nil { // UPDATE memos SET body = … only
		panic(err)
	}
	fmt.Println("after save:", strata.Changed(n))
	// Output:
	// changed: [Body] was: milk
	// after save: []
}
