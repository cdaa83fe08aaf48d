// Package sqllib is hand-written SQL through database/sql, the baseline on
// SQLite and MariaDB and the reference for what an ORM adds on PostgreSQL.
// Drivers: pgx's stdlib on PostgreSQL, go-sql-driver/mysql on MariaDB,
// modernc.org/sqlite on SQLite. Associations load with one query per level,
// `= ANY($1)` on PostgreSQL and an IN list elsewhere, grouped in Go.
package sqllib

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/strata-orm/strata/bench/shop"
	"github.com/strata-orm/strata/bench/suite"
	"github.com/strata-orm/strata/bench/target"
)

// Library describes database/sql to the suite.
func Library() suite.Library {
	return suite.Library{
		Name:   "sql",
		Title:  "database/sql",
		Module: "std",
		Kinds:  []target.Kind{target.Postgres, target.SQLite, target.MySQL},
		Open:   open,
	}
}

type lib struct {
	db *sql.DB
	q  queries
}

func open(ctx context.Context, t *target.DB) (*suite.Impl, error) {
	db, err := t.Open()
	if err != nil {
		return nil, err
	}
	l := &lib{db: db, q: queriesFor(t.Kind)}
	return &suite.Impl{
		InsertOne:       l.insertOne,
		InsertBulk:      l.insertBulk,
		UpdateOne:       l.updateOne,
		FindByPK:        suite.NewRead(l.findByPK, suite.Same[shop.User]),
		FindMany100:     suite.NewRead(l.findMany, suite.Same[[]shop.User]),
		EagerHasMany:    suite.NewRead(l.eagerHasMany, suite.Same[[]shop.User]),
		EagerManyToMany: suite.NewRead(l.eagerManyToMany, suite.Same[[]shop.Order]),
		EagerNested:     suite.NewRead(l.eagerNested, suite.Same[[]shop.User]),
		Close:           db.Close,
	}, nil
}

func (l *lib) insertOne(ctx context.Context, u *shop.User) error {
	args := []any{u.FirstName, u.LastName, u.Email, u.Age, u.CreatedAt, u.UpdatedAt}
	if !l.q.returning {
		res, err := l.db.ExecContext(ctx, l.q.insertOne, args...)
		if err != nil {
			return err
		}
		u.ID, err = res.LastInsertId()
		return err
	}
	return l.db.QueryRowContext(ctx, l.q.insertOne, args...).Scan(&u.ID)
}

func (l *lib) insertBulk(ctx context.Context, us []shop.User) error {
	var b strings.Builder
	b.WriteString(l.q.insertHead)
	args := make([]any, 0, 6*len(us))
	for i := range us {
		if i > 0 {
			b.WriteString(", ")
		}
		l.q.values(&b, len(args), 6)
		u := &us[i]
		args = append(args, u.FirstName, u.LastName, u.Email, u.Age, u.CreatedAt, u.UpdatedAt)
	}
	if !l.q.returning {
		// MySQL gives the first id of a multi-row insert; the rest follow it.
		res, err := l.db.ExecContext(ctx, b.String(), args...)
		if err != nil {
			return err
		}
		first, err := res.LastInsertId()
		for i := range us {
			us[i].ID = first + int64(i)
		}
		return err
	}
	b.WriteString(` RETURNING "id"`)
	rows, err := l.db.QueryContext(ctx, b.String(), args...)
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
	_, err := l.db.ExecContext(ctx, l.q.update, lastName, age, time.Now(), id)
	return err
}

type scanner interface{ Scan(dest ...any) error }

func scanUser(row scanner, u *shop.User) error {
	return row.Scan(&u.ID, &u.FirstName, &u.LastName, &u.Email, &u.Age, &u.CreatedAt, &u.UpdatedAt)
}

func (l *lib) findByPK(ctx context.Context, id int64) (shop.User, error) {
	var u shop.User
	err := scanUser(l.db.QueryRowContext(ctx, l.q.findByPK, id), &u)
	return u, err
}

func (l *lib) users(ctx context.Context, after int64, limit int) ([]shop.User, error) {
	rows, err := l.db.QueryContext(ctx, l.q.users, after, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	us := make([]shop.User, 0, limit)
	for rows.Next() {
		var u shop.User
		if err := scanUser(rows, &u); err != nil {
			return nil, err
		}
		us = append(us, u)
	}
	return us, rows.Err()
}

func (l *lib) findMany(ctx context.Context, after int64) ([]shop.User, error) {
	return l.users(ctx, after, shop.ManyN)
}

// loadOrders sets each user's orders, ordered by id.
func (l *lib) loadOrders(ctx context.Context, us []shop.User) error {
	ids := make([]int64, len(us))
	byID := make(map[int64]*shop.User, len(us))
	for i := range us {
		ids[i] = us[i].ID
		byID[us[i].ID] = &us[i]
	}
	query, args := l.q.in(l.q.ordersByUser, ids, l.q.ordersByUserTail)
	rows, err := l.db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var o shop.Order
		if err := rows.Scan(&o.ID, &o.Total, &o.UserID, &o.CreatedAt, &o.UpdatedAt); err != nil {
			return err
		}
		u := byID[o.UserID]
		u.Orders = append(u.Orders, o)
	}
	return rows.Err()
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
	query, args := l.q.in(l.q.itemsByOrder, ids, l.q.itemsByOrderTail)
	rows, err := l.db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var orderID int64
		var it shop.Item
		p := &it.Product
		if err := rows.Scan(&orderID, &it.Quantity, &p.ID, &p.Name, &p.Price, &p.CreatedAt, &p.UpdatedAt); err != nil {
			return err
		}
		o := byID[orderID]
		o.Items = append(o.Items, it)
	}
	return rows.Err()
}

func (l *lib) eagerHasMany(ctx context.Context, after int64) ([]shop.User, error) {
	us, err := l.users(ctx, after, shop.ManyN)
	if err != nil {
		return nil, err
	}
	return us, l.loadOrders(ctx, us)
}

func (l *lib) eagerManyToMany(ctx context.Context, after int64) ([]shop.Order, error) {
	rows, err := l.db.QueryContext(ctx, l.q.orders, after, shop.ManyN)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	os := make([]shop.Order, 0, shop.ManyN)
	for rows.Next() {
		var o shop.Order
		if err := rows.Scan(&o.ID, &o.Total, &o.UserID, &o.CreatedAt, &o.UpdatedAt); err != nil {
			return nil, err
		}
		os = append(os, o)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	ptrs := make([]*shop.Order, len(os))
	for i := range os {
		ptrs[i] = &os[i]
	}
	return os, l.loadItems(ctx, ptrs)
}

func (l *lib) eagerNested(ctx context.Context, after int64) ([]shop.User, error) {
	us, err := l.users(ctx, after, shop.NestedN)
	if err != nil {
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
