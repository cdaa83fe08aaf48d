// Package sqlxlib is hand-written SQL through jmoiron/sqlx as its README
// shows it: Get and Select scan rows into the plain structs by their db tags,
// named parameters bind inserts (a slice of structs for the bulk insert),
// sqlx.In expands id lists, and Rebind turns `?` into the database's
// placeholders. Same drivers as database/sql.
package sqlxlib

import (
	"context"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/strata-orm/strata/bench/shop"
	"github.com/strata-orm/strata/bench/suite"
	"github.com/strata-orm/strata/bench/target"
)

// Library describes sqlx to the suite.
func Library() suite.Library {
	return suite.Library{
		Name:   "sqlx",
		Title:  "sqlx",
		Module: "github.com/jmoiron/sqlx",
		Kinds:  []target.Kind{target.Postgres, target.SQLite, target.MySQL},
		Open:   open,
	}
}

type lib struct {
	db        *sqlx.DB
	returning bool // INSERT … RETURNING "id"; otherwise LastInsertId

	insert, update, findByPK, users, orders, ordersByUser, itemsByOrder string
}

const userColumns = `"id", "firstName", "lastName", "email", "age", "createdAt", "updatedAt"`

func open(ctx context.Context, t *target.DB) (*suite.Impl, error) {
	db, err := sqlx.Open(t.Driver, t.DSN)
	if err != nil {
		return nil, err
	}
	l := &lib{
		db:        db,
		returning: t.Kind != target.MySQL,
		insert: `INSERT INTO "users" ("firstName", "lastName", "email", "age", "createdAt", "updatedAt")
			VALUES (:firstName, :lastName, :email, :age, :createdAt, :updatedAt)`,
		update:       `UPDATE "users" SET "lastName" = ?, "age" = ?, "updatedAt" = ? WHERE "id" = ?`,
		findByPK:     `SELECT ` + userColumns + ` FROM "users" WHERE "id" = ?`,
		users:        `SELECT ` + userColumns + ` FROM "users" WHERE "id" > ? ORDER BY "id" LIMIT ?`,
		orders:       `SELECT "id", "total", "userId", "createdAt", "updatedAt" FROM "orders" WHERE "id" > ? ORDER BY "id" LIMIT ?`,
		ordersByUser: `SELECT "id", "total", "userId", "createdAt", "updatedAt" FROM "orders" WHERE "userId" IN (?) ORDER BY "id"`,
		itemsByOrder: `SELECT po."orderId", po."quantity", p."id", p."name", p."price", p."createdAt", p."updatedAt"
			FROM "product_orders" po JOIN "products" p ON p."id" = po."productId" WHERE po."orderId" IN (?) ORDER BY po."id"`,
	}
	if l.returning {
		l.insert += ` RETURNING "id"`
	}
	for _, q := range []*string{&l.insert, &l.update, &l.findByPK, &l.users, &l.orders, &l.ordersByUser, &l.itemsByOrder} {
		if t.Kind == target.MySQL {
			*q = strings.ReplaceAll(*q, `"`, "`")
		}
		if q != &l.ordersByUser && q != &l.itemsByOrder { // these are rebound after sqlx.In
			*q = db.Rebind(*q)
		}
	}
	return &suite.Impl{
		InsertOne:       l.insertOne,
		InsertBulk:      l.insertBulk,
		UpdateOne:       l.updateOne,
		FindByPK:        suite.NewRead(l.findOne, suite.Same[shop.User]),
		FindMany100:     suite.NewRead(l.findMany, suite.Same[[]shop.User]),
		EagerHasMany:    suite.NewRead(l.eagerHasMany, suite.Same[[]shop.User]),
		EagerManyToMany: suite.NewRead(l.eagerManyToMany, suite.Same[[]shop.Order]),
		EagerNested:     suite.NewRead(l.eagerNested, suite.Same[[]shop.User]),
		Close:           db.Close,
	}, nil
}

func (l *lib) insertOne(ctx context.Context, u *shop.User) error {
	if !l.returning {
		res, err := l.db.NamedExecContext(ctx, l.insert, u)
		if err != nil {
			return err
		}
		u.ID, err = res.LastInsertId()
		return err
	}
	rows, err := l.db.NamedQueryContext(ctx, l.insert, u)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := rows.Scan(&u.ID); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (l *lib) insertBulk(ctx context.Context, us []shop.User) error {
	if !l.returning {
		// MySQL gives the first id of a multi-row insert; the rest follow it.
		res, err := l.db.NamedExecContext(ctx, l.insert, us)
		if err != nil {
			return err
		}
		first, err := res.LastInsertId()
		for i := range us {
			us[i].ID = first + int64(i)
		}
		return err
	}
	rows, err := l.db.NamedQueryContext(ctx, l.insert, us)
	if err != nil {
		return err
	}
	defer rows.Close()
	i := 0
	for rows.Next() {
		if err := rows.Scan(&us[i].ID); err != nil {
			return err
		}
		i++
	}
	return rows.Err()
}

func (l *lib) updateOne(ctx context.Context, id int64, lastName string, age int) error {
	_, err := l.db.ExecContext(ctx, l.update, lastName, age, time.Now(), id)
	return err
}

func (l *lib) findOne(ctx context.Context, id int64) (shop.User, error) {
	var u shop.User
	err := l.db.GetContext(ctx, &u, l.findByPK, id)
	return u, err
}

func (l *lib) findMany(ctx context.Context, after int64) ([]shop.User, error) {
	var us []shop.User
	err := l.db.SelectContext(ctx, &us, l.users, after, shop.ManyN)
	return us, err
}

// loadOrders sets each user's orders, ordered by id.
func (l *lib) loadOrders(ctx context.Context, us []shop.User) error {
	ids := make([]int64, len(us))
	byID := make(map[int64]*shop.User, len(us))
	for i := range us {
		ids[i] = us[i].ID
		byID[us[i].ID] = &us[i]
	}
	query, args, err := sqlx.In(l.ordersByUser, ids)
	if err != nil {
		return err
	}
	var os []shop.Order
	if err := l.db.SelectContext(ctx, &os, l.db.Rebind(query), args...); err != nil {
		return err
	}
	for _, o := range os {
		u := byID[o.UserID]
		u.Orders = append(u.Orders, o)
	}
	return nil
}

// item is one row of the items query: the product with its order and
// quantity.
type item struct {
	OrderID  int64 `db:"orderId"`
	Quantity int   `db:"quantity"`
	shop.Product
}

// loadItems sets each order's items (product and quantity), ordered by the
// product_orders id.
func (l *lib) loadItems(ctx context.Context, os []*shop.Order) error {
	ids := make([]int64, len(os))
	byID := make(map[int64]*shop.Order, len(os))
	for i, o := range os {
		ids[i] = o.ID
		byID[o.ID] = o
	}
	query, args, err := sqlx.In(l.itemsByOrder, ids)
	if err != nil {
		return err
	}
	var items []item
	if err := l.db.SelectContext(ctx, &items, l.db.Rebind(query), args...); err != nil {
		return err
	}
	for _, it := range items {
		o := byID[it.OrderID]
		o.Items = append(o.Items, shop.Item{Quantity: it.Quantity, Product: it.Product})
	}
	return nil
}

func (l *lib) eagerHasMany(ctx context.Context, after int64) ([]shop.User, error) {
	us, err := l.findMany(ctx, after)
	if err != nil {
		return nil, err
	}
	return us, l.loadOrders(ctx, us)
}

func (l *lib) eagerManyToMany(ctx context.Context, after int64) ([]shop.Order, error) {
	var os []shop.Order
	if err := l.db.SelectContext(ctx, &os, l.orders, after, shop.ManyN); err != nil {
		return nil, err
	}
	ptrs := make([]*shop.Order, len(os))
	for i := range os {
		ptrs[i] = &os[i]
	}
	return os, l.loadItems(ctx, ptrs)
}

func (l *lib) eagerNested(ctx context.Context, after int64) ([]shop.User, error) {
	var us []shop.User
	if err := l.db.SelectContext(ctx, &us, l.users, after, shop.NestedN); err != nil {
		return nil, err
	}
	if err := l.loadOrders(ctx, us); err != nil {
		return nil, err
	}
	var os []*shop.Order
	for i := range us {
		for j := range us[i].Orders {
			os = append(os, &us[i].Orders[j])
		}
	}
	return us, l.loadItems(ctx, os)
}
