// Package stratalib is strata as its documentation shows it: the shop's
// plain structs are the models (User is table users, FirstName is column
// firstName), strata.Open with the database's URL, Create and BulkCreate
// for inserts, Update of the named fields, Find with ByPK or Where/Order/
// Limit/All for reads.
//
// The eager scenarios use strata's own models (models.go): the same
// tables, with the associations declared in Associate methods, loaded by
// Include; their rows are converted to the plain structs for the equality
// test only.
package stratalib

import (
	"context"
	"fmt"

	"github.com/strata-orm/strata"

	"github.com/strata-orm/strata/bench/shop"
	"github.com/strata-orm/strata/bench/suite"
	"github.com/strata-orm/strata/bench/target"
)

// Library describes strata to the suite.
func Library() suite.Library {
	return suite.Library{
		Name:   "strata",
		Title:  "strata",
		Module: "github.com/strata-orm/strata",
		Kinds:  []target.Kind{target.Postgres, target.SQLite, target.MySQL},
		Open:   open,
	}
}

type lib struct {
	db    *strata.DB // the plain structs as models
	eager *strata.DB // the same pool, with the associated models
}

func open(ctx context.Context, t *target.DB) (*suite.Impl, error) {
	db, err := strata.Open(t.Kind.Dialect(), t.URL, strata.WithModels(shop.User{}, shop.Order{}, shop.Product{}))
	if err != nil {
		return nil, fmt.Errorf("strata: %w", err)
	}
	eager, err := strata.New(db.SQL(), db.Dialect(), strata.WithModels(User{}, Order{}, Product{}, ProductOrder{}))
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("strata: %w", err)
	}
	l := &lib{db: db, eager: eager}
	return &suite.Impl{
		InsertOne:       l.insertOne,
		InsertBulk:      l.insertBulk,
		UpdateOne:       l.updateOne,
		FindByPK:        suite.NewRead(l.findByPK, deref),
		FindMany100:     suite.NewRead(l.findMany, suite.Same[[]shop.User]),
		EagerHasMany:    suite.NewRead(l.eagerHasMany, plainUsers),
		EagerManyToMany: suite.NewRead(l.eagerManyToMany, plainOrders),
		EagerNested:     suite.NewRead(l.eagerNested, plainUsers),
		Close:           db.Close,
	}, nil
}

func deref(u *shop.User) shop.User { return *u }

func (l *lib) insertOne(ctx context.Context, u *shop.User) error {
	return strata.Create(ctx, l.db, u)
}

func (l *lib) insertBulk(ctx context.Context, us []shop.User) error {
	return strata.BulkCreate(ctx, l.db, us)
}

func (l *lib) updateOne(ctx context.Context, id int64, lastName string, age int) error {
	u := shop.User{ID: id, LastName: lastName, Age: age}
	return strata.Update(ctx, l.db, &u, "LastName", "Age")
}

func (l *lib) findByPK(ctx context.Context, id int64) (*shop.User, error) {
	return strata.Find[shop.User](l.db).ByPK(ctx, id)
}

func (l *lib) findMany(ctx context.Context, after int64) ([]shop.User, error) {
	return strata.Find[shop.User](l.db).Where(strata.Gt("id", after)).Order("id").Limit(shop.ManyN).All(ctx)
}
