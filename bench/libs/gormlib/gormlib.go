// Package gormlib is GORM as its documentation shows it: models with column
// tags for the shop's camelCase columns, Create for one row and a slice,
// Model(…).Updates for an update, First and Find for reads, and Preload
// (ordered by id) for every association. The configuration is the one GORM's
// performance guide recommends: SkipDefaultTransaction and PrepareStmt; the
// logger is silenced, as no other library here logs.
//
// Drivers: gorm.io/driver/postgres (pgx's stdlib), gorm.io/driver/mysql
// (go-sql-driver/mysql), and gorm.io/driver/sqlite given DriverName
// "sqlite", so it runs on modernc.org/sqlite like every other library here.
// That package links mattn/go-sqlite3 too, so the bench module builds with
// cgo; the pure-Go github.com/glebarez/sqlite cannot be linked beside
// modernc.org/sqlite, as both register the database/sql driver "sqlite".
package gormlib

import (
	"context"
	"fmt"
	"time"

	"gorm.io/driver/mysql"
	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/strata-orm/strata/bench/shop"
	"github.com/strata-orm/strata/bench/suite"
	"github.com/strata-orm/strata/bench/target"
)

// Library describes GORM to the suite.
func Library() suite.Library {
	return suite.Library{
		Name:   "gorm",
		Title:  "GORM",
		Module: "gorm.io/gorm",
		Kinds:  []target.Kind{target.Postgres, target.SQLite, target.MySQL},
		Open:   open,
	}
}

// User is the users model.
type User struct {
	ID        int64
	FirstName string `gorm:"column:firstName"`
	LastName  string `gorm:"column:lastName"`
	Email     string
	Age       int
	CreatedAt time.Time `gorm:"column:createdAt"`
	UpdatedAt time.Time `gorm:"column:updatedAt"`
	Orders    []Order
}

// Order is the orders model.
type Order struct {
	ID            int64
	Total         float64
	UserID        int64     `gorm:"column:userId"`
	CreatedAt     time.Time `gorm:"column:createdAt"`
	UpdatedAt     time.Time `gorm:"column:updatedAt"`
	ProductOrders []ProductOrder
}

// ProductOrder is the product_orders model: the join table with its
// quantity, belonging to a product.
type ProductOrder struct {
	ID        int64
	ProductID int64 `gorm:"column:productId"`
	OrderID   int64 `gorm:"column:orderId"`
	Quantity  int
	CreatedAt time.Time `gorm:"column:createdAt"`
	UpdatedAt time.Time `gorm:"column:updatedAt"`
	Product   Product
}

// Product is the products model.
type Product struct {
	ID        int64
	Name      string
	Price     float64
	CreatedAt time.Time `gorm:"column:createdAt"`
	UpdatedAt time.Time `gorm:"column:updatedAt"`
}

type lib struct{ db *gorm.DB }

func open(ctx context.Context, t *target.DB) (*suite.Impl, error) {
	var dialector gorm.Dialector
	switch t.Kind {
	case target.Postgres:
		dialector = postgres.Open(t.DSN)
	case target.MySQL:
		dialector = mysql.Open(t.DSN)
	case target.SQLite:
		dialector = sqlite.New(sqlite.Config{DriverName: t.Driver, DSN: t.DSN})
	default:
		return nil, fmt.Errorf("gorm: no dialector for %s", t.Kind)
	}
	db, err := gorm.Open(dialector, &gorm.Config{
		SkipDefaultTransaction: true,
		PrepareStmt:            true,
		Logger:                 logger.Discard,
	})
	if err != nil {
		return nil, fmt.Errorf("gorm: %w", err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("gorm: %w", err)
	}
	l := &lib{db: db}
	return &suite.Impl{
		InsertOne:       l.insertOne,
		InsertBulk:      l.insertBulk,
		UpdateOne:       l.updateOne,
		FindByPK:        suite.NewRead(l.findByPK, plainUser),
		FindMany100:     suite.NewRead(l.findMany, plainUsers),
		EagerHasMany:    suite.NewRead(l.eagerHasMany, plainUsers),
		EagerManyToMany: suite.NewRead(l.eagerManyToMany, plainOrders),
		EagerNested:     suite.NewRead(l.eagerNested, plainUsers),
		Close:           sqlDB.Close,
	}, nil
}

func model(u *shop.User) User {
	return User{FirstName: u.FirstName, LastName: u.LastName, Email: u.Email, Age: u.Age, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt}
}

func (l *lib) insertOne(ctx context.Context, u *shop.User) error {
	m := model(u)
	if err := l.db.WithContext(ctx).Create(&m).Error; err != nil {
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
	if err := l.db.WithContext(ctx).Create(&ms).Error; err != nil {
		return err
	}
	for i := range ms {
		us[i].ID = ms[i].ID
	}
	return nil
}

func (l *lib) updateOne(ctx context.Context, id int64, lastName string, age int) error {
	return l.db.WithContext(ctx).Model(&User{ID: id}).Updates(User{LastName: lastName, Age: age}).Error
}

func (l *lib) findByPK(ctx context.Context, id int64) (User, error) {
	var u User
	err := l.db.WithContext(ctx).First(&u, id).Error
	return u, err
}

func (l *lib) findMany(ctx context.Context, after int64) ([]User, error) {
	var us []User
	err := l.db.WithContext(ctx).Where("id > ?", after).Order("id").Limit(shop.ManyN).Find(&us).Error
	return us, err
}

func byID(db *gorm.DB) *gorm.DB { return db.Order("id") }

func (l *lib) eagerHasMany(ctx context.Context, after int64) ([]User, error) {
	var us []User
	err := l.db.WithContext(ctx).Preload("Orders", byID).
		Where("id > ?", after).Order("id").Limit(shop.ManyN).Find(&us).Error
	return us, err
}

func (l *lib) eagerManyToMany(ctx context.Context, after int64) ([]Order, error) {
	var os []Order
	err := l.db.WithContext(ctx).Preload("ProductOrders", byID).Preload("ProductOrders.Product").
		Where("id > ?", after).Order("id").Limit(shop.ManyN).Find(&os).Error
	return os, err
}

func (l *lib) eagerNested(ctx context.Context, after int64) ([]User, error) {
	var us []User
	err := l.db.WithContext(ctx).Preload("Orders", byID).Preload("Orders.ProductOrders", byID).Preload("Orders.ProductOrders.Product").
		Where("id > ?", after).Order("id").Limit(shop.NestedN).Find(&us).Error
	return us, err
}

// Conversions to the plain structs, for the equality test only: a GORM user
// works with the models above.

func plainUser(u User) shop.User {
	p := shop.User{ID: u.ID, FirstName: u.FirstName, LastName: u.LastName, Email: u.Email, Age: u.Age, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt}
	if u.Orders != nil {
		p.Orders = plainOrders(u.Orders)
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

func plainOrders(os []Order) []shop.Order {
	ps := make([]shop.Order, len(os))
	for i, o := range os {
		ps[i] = shop.Order{ID: o.ID, Total: o.Total, UserID: o.UserID, CreatedAt: o.CreatedAt, UpdatedAt: o.UpdatedAt}
		for _, po := range o.ProductOrders {
			p := po.Product
			ps[i].Items = append(ps[i].Items, shop.Item{Quantity: po.Quantity, Product: shop.Product{
				ID: p.ID, Name: p.Name, Price: p.Price, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}})
		}
	}
	return ps
}
