// Package suite defines what a library implements to take part in the
// benchmarks: one function per scenario, each written as that library's
// documentation recommends, on a database from package target.
//
// Reads return the library's own result; the benchmark times only that call,
// as a user of the library would use its result as it is. Each read carries
// a conversion to shop's plain structs that only the equality test runs.
// Writes take and fill shop's plain structs: building the library's own
// model from them is part of the timed work, as a user builds the model from
// the values at hand.
package suite

import (
	"context"

	"github.com/strata-orm/strata/bench/shop"
	"github.com/strata-orm/strata/bench/target"
)

// Scenario names, in report order.
const (
	InsertOne       = "InsertOne"       // insert one user, learning its id
	InsertBulk100   = "InsertBulk100"   // insert 100 users in one statement, learning their ids
	FindByPK        = "FindByPK"        // read one user by id
	FindMany100     = "FindMany100"     // read 100 users into a slice
	UpdateOne       = "UpdateOne"       // set one user's lastName and age (and updatedAt) by id
	EagerHasMany    = "EagerHasMany"    // 100 users, each with its 10 orders
	EagerManyToMany = "EagerManyToMany" // 100 orders, each with its 3 products and their quantities
	EagerNested     = "EagerNested"     // 50 users → orders → products
)

// Scenarios lists every scenario in report order.
func Scenarios() []string {
	return []string{InsertOne, InsertBulk100, FindByPK, FindMany100, UpdateOne, EagerHasMany, EagerManyToMany, EagerNested}
}

// BulkSize is how many users InsertBulk100 inserts at once.
const BulkSize = 100

// Impl is one library's implementation of every scenario on one database.
// A scenario the library lists in Library.Lacks is left nil.
type Impl struct {
	// InsertOne inserts u (ID zero) and sets u.ID.
	InsertOne func(ctx context.Context, u *shop.User) error
	// InsertBulk inserts us (IDs zero) in one statement and sets their IDs.
	InsertBulk func(ctx context.Context, us []shop.User) error
	// UpdateOne sets user id's lastName and age, and its updatedAt to now.
	UpdateOne func(ctx context.Context, id int64, lastName string, age int) error

	FindByPK        Read[shop.User]    // key: the user's id
	FindMany100     Read[[]shop.User]  // key: read ids after it
	EagerHasMany    Read[[]shop.User]  // key: read user ids after it
	EagerManyToMany Read[[]shop.Order] // key: read order ids after it
	EagerNested     Read[[]shop.User]  // key: read user ids after it

	// Close releases the library's connections.
	Close func() error
}

// Read is one read scenario: Run is what the benchmark times, Plain runs the
// same and converts the result for the equality test.
type Read[P any] struct {
	Run   func(ctx context.Context, key int64) error
	Plain func(ctx context.Context, key int64) (P, error)
}

// NewRead makes a Read from a library's own read function and the
// conversion of its result to plain structs (shop.User…). A library that
// returns plain structs passes Same.
func NewRead[T, P any](read func(ctx context.Context, key int64) (T, error), plain func(T) P) Read[P] {
	return Read[P]{
		Run: func(ctx context.Context, key int64) error {
			_, err := read(ctx, key)
			return err
		},
		Plain: func(ctx context.Context, key int64) (P, error) {
			r, err := read(ctx, key)
			if err != nil {
				var zero P
				return zero, err
			}
			return plain(r), nil
		},
	}
}

// Same is the conversion of a result that is plain already.
func Same[T any](v T) T { return v }

// Library is one library in the benchmarks.
type Library struct {
	// Name is short and has no slash: it is the lib= part of benchmark
	// names (pgx, sql, sqlx, gorm, bun, ent, strata).
	Name string
	// Title is the name people know it by (raw pgx, database/sql, GORM…).
	Title string
	// Module is the Go module whose version the report shows.
	Module string
	// Kinds are the databases it runs on.
	Kinds []target.Kind
	// Lacks names the scenarios the library cannot do (yet), each with
	// the reason the report gives. Their Impl functions are nil; the
	// equality test holds a library to exactly this list.
	Lacks map[string]string
	// Open connects to db and returns the implementation.
	Open func(ctx context.Context, db *target.DB) (*Impl, error)
}

// Has says whether im implements scenario.
func (im *Impl) Has(scenario string) bool {
	switch scenario {
	case InsertOne:
		return im.InsertOne != nil
	case InsertBulk100:
		return im.InsertBulk != nil
	case UpdateOne:
		return im.UpdateOne != nil
	case FindByPK:
		return im.FindByPK.Run != nil
	case FindMany100:
		return im.FindMany100.Run != nil
	case EagerHasMany:
		return im.EagerHasMany.Run != nil
	case EagerManyToMany:
		return im.EagerManyToMany.Run != nil
	case EagerNested:
		return im.EagerNested.Run != nil
	}
	return false
}

// Supports says whether the library runs on k.
func (l Library) Supports(k target.Kind) bool {
	for _, s := range l.Kinds {
		if s == k {
			return true
		}
	}
	return false
}

// Baseline is the library the others are compared with on k: raw pgx on
// PostgreSQL, database/sql elsewhere.
func Baseline(k target.Kind) string {
	if k == target.Postgres {
		return "pgx"
	}
	return "sql"
}

// Key is the key a benchmark's iteration i reads with. It walks over the
// seeded rows so that every key's result is complete.
func Key(scenario string, i int) int64 {
	switch scenario {
	case FindByPK:
		return int64(i%shop.Users) + 1
	case FindMany100, EagerHasMany:
		return int64(i%(shop.Users/shop.ManyN)) * shop.ManyN
	case EagerManyToMany:
		return int64(i%(shop.Orders/shop.ManyN)) * shop.ManyN
	case EagerNested:
		return int64(i%(shop.Users/shop.NestedN)) * shop.NestedN
	}
	return 0
}
