// Package entlib is ent as its documentation shows it: a client generated
// from the schemas in ent/schema (committed; `go generate` in ent/ rebuilds
// it), Create and CreateBulk for inserts, UpdateOneID for the update, Get and
// Query for reads, and With… (ordered by id) for every association.
// product_orders is an entity of its own with edges to its order and its
// product, since the quantity lives there.
//
// ent runs on database/sql, given as ent's docs show for pgx: pgx's stdlib
// on PostgreSQL, go-sql-driver/mysql, modernc.org/sqlite.
package entlib

import (
	"context"
	"database/sql"
	"fmt"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"github.com/strata-orm/strata/bench/libs/entlib/ent"
	"github.com/strata-orm/strata/bench/libs/entlib/ent/order"
	"github.com/strata-orm/strata/bench/libs/entlib/ent/productorder"
	"github.com/strata-orm/strata/bench/libs/entlib/ent/user"
	"github.com/strata-orm/strata/bench/shop"
	"github.com/strata-orm/strata/bench/suite"
	"github.com/strata-orm/strata/bench/target"
)

// Library describes ent to the suite.
func Library() suite.Library {
	return suite.Library{
		Name:   "ent",
		Title:  "ent",
		Module: "entgo.io/ent",
		Kinds:  []target.Kind{target.Postgres, target.SQLite, target.MySQL},
		Open:   open,
	}
}

type lib struct{ client *ent.Client }

func open(ctx context.Context, t *target.DB) (*suite.Impl, error) {
	name := map[target.Kind]string{target.Postgres: dialect.Postgres, target.MySQL: dialect.MySQL, target.SQLite: dialect.SQLite}[t.Kind]
	if name == "" {
		return nil, fmt.Errorf("ent: no dialect for %s", t.Kind)
	}
	db, err := sql.Open(t.Driver, t.DSN)
	if err != nil {
		return nil, fmt.Errorf("ent: %w", err)
	}
	l := &lib{client: ent.NewClient(ent.Driver(entsql.OpenDB(name, db)))}
	return &suite.Impl{
		InsertOne:       l.insertOne,
		InsertBulk:      l.insertBulk,
		UpdateOne:       l.updateOne,
		FindByPK:        suite.NewRead(l.findByPK, plainUser),
		FindMany100:     suite.NewRead(l.findMany, plainUsers),
		EagerHasMany:    suite.NewRead(l.eagerHasMany, plainUsers),
		EagerManyToMany: suite.NewRead(l.eagerManyToMany, plainOrders),
		EagerNested:     suite.NewRead(l.eagerNested, plainUsers),
		Close:           l.client.Close,
	}, nil
}

func (l *lib) create(u *shop.User) *ent.UserCreate {
	return l.client.User.Create().
		SetFirstName(u.FirstName).
		SetLastName(u.LastName).
		SetEmail(u.Email).
		SetAge(u.Age).
		SetCreatedAt(u.CreatedAt).
		SetUpdatedAt(u.UpdatedAt)
}

func (l *lib) insertOne(ctx context.Context, u *shop.User) error {
	m, err := l.create(u).Save(ctx)
	if err != nil {
		return err
	}
	u.ID = int64(m.ID)
	return nil
}

func (l *lib) insertBulk(ctx context.Context, us []shop.User) error {
	builders := make([]*ent.UserCreate, len(us))
	for i := range us {
		builders[i] = l.create(&us[i])
	}
	ms, err := l.client.User.CreateBulk(builders...).Save(ctx)
	if err != nil {
		return err
	}
	for i, m := range ms {
		us[i].ID = int64(m.ID)
	}
	return nil
}

func (l *lib) updateOne(ctx context.Context, id int64, lastName string, age int) error {
	return l.client.User.UpdateOneID(int(id)).SetLastName(lastName).SetAge(age).Exec(ctx)
}

func (l *lib) findByPK(ctx context.Context, id int64) (*ent.User, error) {
	return l.client.User.Get(ctx, int(id))
}

func (l *lib) users(after int64, limit int) *ent.UserQuery {
	return l.client.User.Query().Where(user.IDGT(int(after))).Order(user.ByID()).Limit(limit)
}

func (l *lib) findMany(ctx context.Context, after int64) ([]*ent.User, error) {
	return l.users(after, shop.ManyN).All(ctx)
}

func (l *lib) eagerHasMany(ctx context.Context, after int64) ([]*ent.User, error) {
	return l.users(after, shop.ManyN).
		WithOrders(func(q *ent.OrderQuery) { q.Order(order.ByID()) }).
		All(ctx)
}

func withItems(q *ent.ProductOrderQuery) { q.Order(productorder.ByID()).WithProduct() }

func (l *lib) eagerManyToMany(ctx context.Context, after int64) ([]*ent.Order, error) {
	return l.client.Order.Query().Where(order.IDGT(int(after))).Order(order.ByID()).Limit(shop.ManyN).
		WithProductOrders(withItems).
		All(ctx)
}

func (l *lib) eagerNested(ctx context.Context, after int64) ([]*ent.User, error) {
	return l.users(after, shop.NestedN).
		WithOrders(func(q *ent.OrderQuery) { q.Order(order.ByID()).WithProductOrders(withItems) }).
		All(ctx)
}

// Conversions to the plain structs, for the equality test only: an ent user
// works with the generated entities.

func plainUser(u *ent.User) shop.User {
	p := shop.User{ID: int64(u.ID), FirstName: u.FirstName, LastName: u.LastName, Email: u.Email, Age: u.Age, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt}
	if u.Edges.Orders != nil {
		p.Orders = plainOrders(u.Edges.Orders)
	}
	return p
}

func plainUsers(us []*ent.User) []shop.User {
	ps := make([]shop.User, len(us))
	for i, u := range us {
		ps[i] = plainUser(u)
	}
	return ps
}

func plainOrders(os []*ent.Order) []shop.Order {
	ps := make([]shop.Order, len(os))
	for i, o := range os {
		ps[i] = shop.Order{ID: int64(o.ID), Total: o.Total, UserID: int64(o.UserID), CreatedAt: o.CreatedAt, UpdatedAt: o.UpdatedAt}
		for _, po := range o.Edges.ProductOrders {
			pr := po.Edges.Product
			ps[i].Items = append(ps[i].Items, shop.Item{Quantity: po.Quantity, Product: shop.Product{
				ID: int64(pr.ID), Name: pr.Name, Price: pr.Price, CreatedAt: pr.CreatedAt, UpdatedAt: pr.UpdatedAt}})
		}
	}
	return ps
}
