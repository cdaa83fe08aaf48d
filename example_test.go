package strata_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialect/sqlitedialect"
)

// Customer is a model: table customers, columns id, name, email, city,
// createdAt, updatedAt.
type Customer struct {
	ID        int
	Name      string  `validate:"required,len=1..100"`
	Email     string  `strata:",notnull,unique" validate:"email"`
	City      *string // nullable
	CreatedAt time.Time
	UpdatedAt time.Time
}

// openExample opens a SQLite database in a temporary directory with the
// Customer model and creates its table.
func openExample() (*strata.DB, func()) {
	dir, err := os.MkdirTemp("", "strata-example")
	if err != nil {
		panic(err)
	}
	db, err := strata.Open(sqlitedialect.New(), "sqlite:"+filepath.Join(dir, "shop.db"), strata.WithModels(Customer{}))
	if err != nil {
		panic(err)
	}
	if err := db.Sync(context.Background()); err != nil {
		panic(err)
	}
	return db, func() { db.Close(); os.RemoveAll(dir) }
}

func Example() {
	db, done := openExample()
	defer done()
	ctx := context.Background()

	ann := Customer{Name: "Ann", Email: "ann@example.com"}
	if err := strata.Create(ctx, db, &ann); err != nil {
		panic(err)
	}
	fmt.Println("created id", ann.ID)

	found, err := strata.Find[Customer](db).Where(strata.Eq("email", "ann@example.com")).One(ctx)
	if err != nil {
		panic(err)
	}
	fmt.Println("found", found.Name, "city set:", found.City != nil)

	_, err = strata.Find[Customer](db).Where(strata.Eq("email", "bob@example.com")).One(ctx)
	fmt.Println("bob missing:", errors.Is(err, strata.ErrNotFound))
	// Output:
	// created id 1
	// found Ann city set: false
	// bob missing: true
}

func ExampleFind() {
	db, done := openExample()
	defer done()
	ctx := context.Background()
	_ = strata.BulkCreate(ctx, db, []Customer{
		{Name: "Ann", Email: "ann@example.com", City: ptr("Oslo")},
		{Name: "Bob", Email: "bob@example.com", City: ptr("Lima")},
		{Name: "Cy", Email: "cy@example.com"},
	})
	list, err := strata.Find[Customer](db).
		Where(strata.Or(strata.Eq("city", "Oslo"), strata.IsNull("city"))).
		Order("name DESC").
		Limit(10).
		All(ctx)
	if err != nil {
		panic(err)
	}
	for _, c := range list {
		fmt.Println(c.Name)
	}
	n, _ := strata.Find[Customer](db).Where(strata.Like("email", "%@example.com")).Count(ctx)
	fmt.Println(n, "customers")
	_, err = strata.Find[Customer](db).Order("name; DROP TABLE customers").All(ctx)
	fmt.Println(err)
	// Output:
	// Cy
	// Ann
	// 3 customers
	// strata: order "name; DROP TABLE customers": unknown column "name;" for model Customer (did you mean "name"?): an order term is "column [ASC|DESC] [NULLS FIRST|LAST]"; use OrderRaw for expressions
}

// A where clause decoded from JSON can only mean equalities: an operator
// smuggled in as a nested object is an error, never a broader query.
func ExampleFields() {
	db, done := openExample()
	defer done()
	ctx := context.Background()
	_ = strata.Create(ctx, db, &Customer{Name: "Ann", Email: "ann@example.com"})

	var where strata.Fields
	_ = json.Unmarshal([]byte(`{"email": {"$ne": null}}`), &where)
	_, err := strata.Find[Customer](db).Where(where).All(ctx)
	fmt.Println(errors.Is(err, strata.ErrValue))

	_ = json.Unmarshal([]byte(`{"email": "ann@example.com"}`), &where)
	list, _ := strata.Find[Customer](db).Where(where).All(ctx)
	fmt.Println(len(list))
	// Output:
	// true
	// 1
}

func ExampleDB_Transaction() {
	db, done := openExample()
	defer done()
	ctx := context.Background()
	err := db.Transaction(ctx, func(tx *strata.Tx) error {
		if err := strata.Create(ctx, tx, &Customer{Name: "Ann", Email: "ann@example.com"}); err != nil {
			return err
		}
		// A nested transaction is a savepoint: its failure is its own.
		_ = tx.Transaction(ctx, func(tx *strata.Tx) error {
			_ = strata.Create(ctx, tx, &Customer{Name: "Dup", Email: "ann@example.com"})
			return errors.New("changed my mind")
		})
		return nil
	})
	n, _ := strata.Find[Customer](db).Count(ctx)
	fmt.Println(err, n)
	// Output:
	// <nil> 1
}

func ExampleCreate_errors() {
	db, done := openExample()
	defer done()
	ctx := context.Background()
	_ = strata.Create(ctx, db, &Customer{Name: "Ann", Email: "ann@example.com"})

	err := strata.Create(ctx, db, &Customer{Name: "", Email: "not an address"})
	var ve *strata.ValidationError
	if errors.As(err, &ve) {
		for _, fe := range ve.Errors {
			fmt.Println(fe.Column, fe.Rule, fe.Message)
		}
	}
	err = strata.Create(ctx, db, &Customer{Name: "Ann again", Email: "ann@example.com"})
	var ue *strata.UniqueConstraintError
	if errors.As(err, &ue) {
		fmt.Println(ue.Fields, ue.Values["email"])
	}
	// Output:
	// name required is required
	// email email must be an e-mail address
	// [email] ann@example.com
}

func ExampleUpdate() {
	db, done := openExample()
	defer done()
	ctx := context.Background()
	c := Customer{Name: "Ann", Email: "ann@example.com", City: ptr("Oslo")}
	_ = strata.Create(ctx, db, &c)

	// Only the named fields are written; nil writes NULL.
	c.City = nil
	c.Name = "not written"
	if err := strata.Update(ctx, db, &c, "City"); err != nil {
		panic(err)
	}
	got, _ := strata.Find[Customer](db).ByPK(ctx, c.ID)
	fmt.Println(got.Name, got.City == nil)
	// Output:
	// Ann true
}

func ExampleRawAll() {
	db, done := openExample()
	defer done()
	ctx := context.Background()
	_ = strata.BulkCreate(ctx, db, []Customer{{Name: "Ann", Email: "a@x.org"}, {Name: "Bob", Email: "b@x.org"}})
	// ? placeholders are rewritten for the dialect; the '?' in the string
	// literal is left alone, and a slice expands for IN.
	names, err := strata.RawAll[string](ctx, db, "SELECT name || '?' FROM customers WHERE email IN (?) ORDER BY name", []string{"a@x.org", "b@x.org"})
	fmt.Println(names, err)
	// Output:
	// [Ann? Bob?] <nil>
}

// A service on MySQL with a pool of 20 connections keeps at most 128
// statements prepared per connection: 2,560 on the server, well inside
// max_prepared_stmt_count. On SQLite, as here, a kept statement is parsed
// once instead of on every call.
func ExampleWithStatementCache() {
	dir, err := os.MkdirTemp("", "strata-example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	db, err := strata.Open(sqlitedialect.New(), "sqlite:"+filepath.Join(dir, "shop.db"),
		strata.WithModels(Customer{}), strata.WithStatementCache(128))
	if err != nil {
		panic(err)
	}
	defer db.Close()
	db.SQL().SetMaxOpenConns(20)
	ctx := context.Background()
	if err := db.Sync(ctx); err != nil {
		panic(err)
	}
	ann := Customer{Name: "Ann", Email: "ann@example.com"}
	if err := strata.Create(ctx, db, &ann); err != nil {
		panic(err)
	}
	for range 3 { // one statement, prepared on first use
		c, err := strata.Find[Customer](db).ByPK(ctx, ann.ID)
		if err != nil {
			panic(err)
		}
		fmt.Println(c.Name)
	}
	// Output:
	// Ann
	// Ann
	// Ann
}
