// Package pgxlib is the baseline on PostgreSQL: hand-written SQL through
// pgx's native interface (pgxpool), scanning each column into the plain
// structs, loading associations with one `= ANY($1)` query per level and
// grouping the rows in Go.
package pgxlib

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/strata-orm/strata/bench/shop"
	"github.com/strata-orm/strata/bench/suite"
	"github.com/strata-orm/strata/bench/target"
)

// Library describes raw pgx to the suite.
func Library() suite.Library {
	return suite.Library{
		Name:   "pgx",
		Title:  "raw pgx",
		Module: "github.com/jackc/pgx/v5",
		Kinds:  []target.Kind{target.Postgres},
		Open:   open,
	}
}

type lib struct{ pool *pgxpool.Pool }

func open(ctx context.Context, db *target.DB) (*suite.Impl, error) {
	pool, err := pgxpool.New(ctx, db.DSN)
	if err != nil {
		return nil, fmt.Errorf("pgx: %w", err)
	}
	l := &lib{pool: pool}
	return &suite.Impl{
		InsertOne:       l.insertOne,
		InsertBulk:      l.insertBulk,
		UpdateOne:       l.updateOne,
		FindByPK:        suite.NewRead(l.findByPK, suite.Same[shop.User]),
		FindMany100:     suite.NewRead(l.findMany, suite.Same[[]shop.User]),
		EagerHasMany:    suite.NewRead(l.eagerHasMany, suite.Same[[]shop.User]),
		EagerManyToMany: suite.NewRead(l.eagerManyToMany, suite.Same[[]shop.Order]),
		EagerNested:     suite.NewRead(l.eagerNested, suite.Same[[]shop.User]),
		Close:           func() error { pool.Close(); return nil },
	}, nil
}

const (
	userColumns    = `"id", "firstName", "lastName", "email", "age", "createdAt", "updatedAt"`
	insertUserHead = `INSERT INTO "users" ("firstName", "lastName", "email", "age", "createdAt", "updatedAt") VALUES `
)

func (l *lib) insertOne(ctx context.Context, u *shop.User) error {
	return l.pool.QueryRow(ctx, insertUserHead+`($1, $2, $3, $4, $5, $6) RETURNING "id"`,
		u.FirstName, u.LastName, u.Email, u.Age, u.CreatedAt, u.UpdatedAt).Scan(&u.ID)
}

func (l *lib) insertBulk(ctx context.Context, us []shop.User) error {
	var b strings.Builder
	b.WriteString(insertUserHead)
	args := make([]any, 0, 6*len(us))
	for i := range us {
		if i > 0 {
			b.WriteString(", ")
		}
		n := len(args)
		b.WriteString("($")
		for j := 1; j <= 6; j++ {
			if j > 1 {
				b.WriteString(", $")
			}
			b.WriteString(strconv.Itoa(n + j))
		}
		b.WriteByte(')')
		u := &us[i]
		args = append(args, u.FirstName, u.LastName, u.Email, u.Age, u.CreatedAt, u.UpdatedAt)
	}
	b.WriteString(` RETURNING "id"`)
	rows, err := l.pool.Query(ctx, b.String(), args...)
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
	_, err := l.pool.Exec(ctx, `UPDATE "users" SET "lastName" = $1, "age" = $2, "updatedAt" = $3 WHERE "id" = $4`,
		lastName, age, time.Now(), id)
	return err
}

func scanUser(row pgx.Row, u *shop.User) error {
	return row.Scan(&u.ID, &u.FirstName, &u.LastName, &u.Email, &u.Age, &u.CreatedAt, &u.UpdatedAt)
}

func (l *lib) findByPK(ctx context.Context, id int64) (shop.User, error) {
	var u shop.User
	err := scanUser(l.pool.QueryRow(ctx, `SELECT `+userColumns+` FROM "users" WHERE "id" = $1`, id), &u)
	return u, err
}

func (l *lib) users(ctx context.Context, after int64, limit int) ([]shop.User, error) {
	rows, err := l.pool.Query(ctx, `SELECT `+userColumns+` FROM "users" WHERE "id" > $1 ORDER BY "id" LIMIT $2`, after, limit)
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
	rows, err := l.pool.Query(ctx, `SELECT "id", "total", "userId", "createdAt", "updatedAt" FROM "orders" WHERE "userId" = ANY($1) ORDER BY "id"`, ids)
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
	rows, err := l.pool.Query(ctx, `SELECT po."orderId", po."quantity", p."id", p."name", p."price", p."createdAt", p."updatedAt"
		FROM "product_orders" po JOIN "products" p ON p."id" = po."productId"
		WHERE po."orderId" = ANY($1) ORDER BY po."id"`, ids)
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
	rows, err := l.pool.Query(ctx, `SELECT "id", "total", "userId", "createdAt", "updatedAt" FROM "orders" WHERE "id" > $1 ORDER BY "id" LIMIT $2`, after, shop.ManyN)
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
