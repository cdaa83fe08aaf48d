// Package bunlib is Bun as its documentation shows it: models with bun tags
// (has-many and belongs-to relations), NewInsert for one row and a slice,
// NewUpdate of the named columns by primary key, NewSelect for reads, and
// Relation (ordered by id) for every association. product_orders is a model
// of its own, with a has-many from orders and a belongs-to product, since a
// Bun m2m relation does not load the join table's quantity.
//
// Money (orders.total, products.price) is a float64 that also scans an
// integer: SQLite stores a whole DECIMAL value such as 999.00 as INTEGER, and
// Bun's float64 scanner refuses int64 (uptrace/bun issue 1311, open), so a
// Bun user on SQLite needs a type like it. The models use it on every
// database, as one model set serves them all.
//
// Bun runs on database/sql: pgx's stdlib on PostgreSQL (as Bun's docs show
// for pgx), go-sql-driver/mysql, modernc.org/sqlite.
package bunlib

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strconv"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/mysqldialect"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	"github.com/uptrace/bun/schema"

	"github.com/strata-orm/strata/bench/shop"
	"github.com/strata-orm/strata/bench/suite"
	"github.com/strata-orm/strata/bench/target"
)

// Library describes Bun to the suite.
func Library() suite.Library {
	return suite.Library{
		Name:   "bun",
		Title:  "Bun",
		Module: "github.com/uptrace/bun",
		Kinds:  []target.Kind{target.Postgres, target.SQLite, target.MySQL},
		Open:   open,
	}
}

// User is the users model.
type User struct {
	bun.BaseModel `bun:"table:users,alias:u"`

	ID        int64     `bun:"id,pk,autoincrement"`
	FirstName string    `bun:"firstName"`
	LastName  string    `bun:"lastName"`
	Email     string    `bun:"email"`
	Age       int       `bun:"age"`
	CreatedAt time.Time `bun:"createdAt"`
	UpdatedAt time.Time `bun:"updatedAt"`
	Orders    []*Order  `bun:"rel:has-many,join:id=userId"`
}

// Order is the orders model.
type Order struct {
	bun.BaseModel `bun:"table:orders,alias:o"`

	ID            int64           `bun:"id,pk,autoincrement"`
	Total         Money           `bun:"total"`
	UserID        int64           `bun:"userId"`
	CreatedAt     time.Time       `bun:"createdAt"`
	UpdatedAt     time.Time       `bun:"updatedAt"`
	ProductOrders []*ProductOrder `bun:"rel:has-many,join:id=orderId"`
}

// ProductOrder is the product_orders model: the join table with its
// quantity, belonging to a product.
type ProductOrder struct {
	bun.BaseModel `bun:"table:product_orders,alias:po"`

	ID        int64     `bun:"id,pk,autoincrement"`
	ProductID int64     `bun:"productId"`
	OrderID   int64     `bun:"orderId"`
	Quantity  int       `bun:"quantity"`
	CreatedAt time.Time `bun:"createdAt"`
	UpdatedAt time.Time `bun:"updatedAt"`
	Product   *Product  `bun:"rel:belongs-to,join:productId=id"`
}

// Product is the products model.
type Product struct {
	bun.BaseModel `bun:"table:products,alias:p"`

	ID        int64     `bun:"id,pk,autoincrement"`
	Name      string    `bun:"name"`
	Price     Money     `bun:"price"`
	CreatedAt time.Time `bun:"createdAt"`
	UpdatedAt time.Time `bun:"updatedAt"`
}

// Money is a decimal column read as float64, from a float, an integer or
// text.
type Money float64

// Scan implements sql.Scanner.
func (m *Money) Scan(src any) error {
	switch v := src.(type) {
	case float64:
		*m = Money(v)
	case int64:
		*m = Money(v)
	case []byte:
		f, err := strconv.ParseFloat(string(v), 64)
		*m = Money(f)
		return err
	case string:
		f, err := strconv.ParseFloat(v, 64)
		*m = Money(f)
		return err
	case nil:
		*m = 0
	default:
		return fmt.Errorf("bunlib: cannot scan %T into Money", src)
	}
	return nil
}

// Value implements driver.Valuer.
func (m Money) Value() (driver.Value, error) { return float64(m), nil }

type lib struct{ db *bun.DB }

func open(ctx context.Context, t *target.DB) (*suite.Impl, error) {
	var dialect schema.Dialect
	switch t.Kind {
	case target.Postgres:
		dialect = pgdialect.New()
	case target.MySQL:
		dialect = mysqldialect.New()
	case target.SQLite:
		dialect = sqlitedialect.New()
	default:
		return nil, fmt.Errorf("bun: no dialect for %s", t.Kind)
	}
	sqldb, err := sql.Open(t.Driver, t.DSN)
	if err != nil {
		return nil, fmt.Errorf("bun: %w", err)
	}
	l := &lib{db: bun.NewDB(sqldb, dialect)}
	return &suite.Impl{
		InsertOne:       l.insertOne,
		InsertBulk:      l.insertBulk,
		UpdateOne:       l.updateOne,
		FindByPK:        suite.NewRead(l.findByPK, plainUser),
		FindMany100:     suite.NewRead(l.findMany, plainUsers),
		EagerHasMany:    suite.NewRead(l.eagerHasMany, plainUsers),
		EagerManyToMany: suite.NewRead(l.eagerManyToMany, plainOrders),
		EagerNested:     suite.NewRead(l.eagerNested, plainUsers),
		Close:           l.db.Close,
	}, nil
}

func model(u *shop.User) User {
	return User{FirstName: u.FirstName, LastName: u.LastName, Email: u.Email, Age: u.Age, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt}
}

func (l *lib) insertOne(ctx context.Context, u *shop.User) error {
	m := model(u)
	if _, err := l.db.NewInsert().Model(&m).Exec(ctx); err != nil {
		return err
	}
	u.ID = m.ID
	return nil
}

func (l *lib) insertBulk(ctx context.Context, us []shop.User) error {
	ms := make([]User, len(us))
	for i := range us {
		ms[i] = model(&us[i])
	}
	if _, err := l.db.NewInsert().Model(&ms).Exec(ctx); err != nil {
		return err
	}
	for i := range ms {
		us[i].ID = ms[i].ID
	}
	return nil
}

func (l *lib) updateOne(ctx context.Context, id int64, lastName string, age int) error {
	m := &User{ID: id, LastName: lastName, Age: age, UpdatedAt: time.Now()}
	_, err := l.db.NewUpdate().Model(m).Column("lastName", "age", "updatedAt").WherePK().Exec(ctx)
	return err
}

func (l *lib) findByPK(ctx context.Context, id int64) (User, error) {
	var u User
	err := l.db.NewSelect().Model(&u).Where("u.id = ?", id).Scan(ctx)
	return u, err
}

func (l *lib) findMany(ctx context.Context, after int64) ([]User, error) {
	var us []User
	err := l.db.NewSelect().Model(&us).Where("u.id > ?", after).Order("u.id").Limit(shop.ManyN).Scan(ctx)
	return us, err
}

func ordersByID(q *bun.SelectQuery) *bun.SelectQuery        { return q.Order("o.id") }
func productOrdersByID(q *bun.SelectQuery) *bun.SelectQuery { return q.Order("po.id") }

func (l *lib) eagerHasMany(ctx context.Context, after int64) ([]User, error) {
	var us []User
	err := l.db.NewSelect().Model(&us).Relation("Orders", ordersByID).
		Where("u.id > ?", after).Order("u.id").Limit(shop.ManyN).Scan(ctx)
	return us, err
}

func (l *lib) eagerManyToMany(ctx context.Context, after int64) ([]Order, error) {
	var os []Order
	err := l.db.NewSelect().Model(&os).Relation("ProductOrders", productOrdersByID).Relation("ProductOrders.Product").
		Where("o.id > ?", after).Order("o.id").Limit(shop.ManyN).Scan(ctx)
	return os, err
}

func (l *lib) eagerNested(ctx context.Context, after int64) ([]User, error) {
	var us []User
	err := l.db.NewSelect().Model(&us).
		Relation("Orders", ordersByID).Relation("Orders.ProductOrders", productOrdersByID).Relation("Orders.ProductOrders.Product").
		Where("u.id > ?", after).Order("u.id").Limit(shop.NestedN).Scan(ctx)
	return us, err
}

// Conversions to the plain structs, for the equality test only: a Bun user
// works with the models above.

func plainUser(u User) shop.User {
	p := shop.User{ID: u.ID, FirstName: u.FirstName, LastName: u.LastName, Email: u.Email, Age: u.Age, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt}
	for _, o := range u.Orders {
		p.Orders = append(p.Orders, plainOrder(*o))
	}
	return p
}

func plainUsers(us []User) []shop.User {
	ps := make([]shop.User, len(us))
	for i, u := range us {
		ps[i] = plainUser(u)
	}
	return ps
}

func plainOrder(o Order) shop.Order {
	p := shop.Order{ID: o.ID, Total: float64(o.Total), UserID: o.UserID, CreatedAt: o.CreatedAt, UpdatedAt: o.UpdatedAt}
	for _, po := range o.ProductOrders {
		pr := po.Product
		p.Items = append(p.Items, shop.Item{Quantity: po.Quantity, Product: shop.Product{
			ID: pr.ID, Name: pr.Name, Price: float64(pr.Price), CreatedAt: pr.CreatedAt, UpdatedAt: pr.UpdatedAt}})
	}
	return p
}

func plainOrders(os []Order) []shop.Order {
	ps := make([]shop.Order, len(os))
	for i, o := range os {
		ps[i] = plainOrder(o)
	}
	return ps
}
