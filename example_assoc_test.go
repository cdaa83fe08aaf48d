package strata_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialect/sqlitedialect"
)

// openShop opens a SQLite database in a temporary directory with the
// seed's shop (User, Order, Product, ProductOrder, Profile) and creates
// its tables, foreign keys included.
func openShop() (*strata.DB, func()) {
	dir, err := os.MkdirTemp("", "strata-example")
	if err != nil {
		panic(err)
	}
	db, err := strata.Open(sqlitedialect.New(), "sqlite:"+filepath.Join(dir, "shop.db"),
		strata.WithModels(User{}, Order{}, Product{}, ProductOrder{}, Profile{}))
	if err != nil {
		panic(err)
	}
	if err := db.Sync(context.Background()); err != nil {
		panic(err)
	}
	return db, func() { db.Close(); os.RemoveAll(dir) }
}

// Models declare their associations in an Associate method (see
// Associations); strata.New resolves them, with Sequelize's default keys.
func ExampleAssociations() {
	db, done := openShop()
	defer done()
	for _, table := range []string{"orders", "products"} {
		m, _ := db.Registry().ByTable(table)
		for _, a := range m.Associations() {
			fmt.Printf("%s: key %s.%s, on delete %s\n", a, a.ForeignKey.Name, a.ForeignKey.Column, a.OnDelete)
		}
	}
	// Output:
	// Order.User (belongsTo User): key UserID.userId, on delete SET NULL
	// Order.Products (belongsToMany Product through product_orders): key OrderID.orderId, on delete CASCADE
	// Product.Orders (belongsToMany Order through product_orders): key ProductID.productId, on delete CASCADE
}

// Review belongs to Product, but is registered without it.
type Review struct {
	ID        int
	ProductID int
	Product   *Product
}

func (Review) Associate(a *strata.Associations) { a.BelongsTo(Product{}) }

// A broken association graph fails when the database handle is made, not
// at the first query.
func ExampleAssociationError() {
	_, err := strata.Open(sqlitedialect.New(), "sqlite::memory:", strata.WithModels(Review{}))
	fmt.Println(err)
	// Output:
	// strata.New: the models' associations: model Review, association belongsTo Product: the target Product is not registered; add Product{} to strata.WithModels
}

// Include loads associations with one query per level, whatever the
// number of rows; the through row of a belongsToMany comes along.
func ExampleQuery_Include() {
	db, done := openShop()
	defer done()
	ctx := context.Background()
	ann := User{LastName: "Ann", Email: "ann@shop.test", Orders: []Order{
		{Total: "9.99", Products: []Product{
			{Name: "apple", Price: "1.00", ProductOrder: &ProductOrder{Quantity: 3}},
			{Name: "pear", Price: "2.00", ProductOrder: &ProductOrder{Quantity: 1}},
		}},
		{Total: "4.50"},
	}}
	if err := strata.Create(ctx, db, &ann, strata.WithAssociations("Orders.Products")); err != nil {
		panic(err)
	}

	users, err := strata.Find[User](db).Include("Orders.Products").All(ctx)
	if err != nil {
		panic(err)
	}
	for _, u := range users {
		for _, o := range u.Orders {
			fmt.Printf("%s, order %d (%s):", u.LastName, o.ID, o.Total)
			for _, p := range o.Products {
				fmt.Printf(" %d×%s", p.ProductOrder.Quantity, p.Name)
			}
			fmt.Println()
		}
	}

	// Options: a where on the included rows, Required to keep only the
	// users that have such rows, an order and a limit per user.
	big, _ := strata.Find[User](db).
		Include("Orders", strata.Where(strata.Gt("total", 5)), strata.Required(), strata.Order("total DESC"), strata.LimitPer(1)).
		All(ctx)
	fmt.Println(len(big), len(big[0].Orders), big[0].Orders[0].Total)

	// Sequelize's "Association with alias "order" does not exist", said
	// before any SQL runs.
	_, err = strata.Find[User](db).Include("order").All(ctx)
	fmt.Println(err)
	// Output:
	// Ann, order 1 (9.99): 3×apple 1×pear
	// Ann, order 2 (4.50):
	// 1 1 9.99
	// strata: include "order": User has no association "order" (its associations: Orders, BigOrders, Profile); did you mean "Orders"?
}

// Typed association helpers: Sequelize's order.addProduct(id), with the
// join row's quantity.
func ExampleBelongsToMany() {
	db, done := openShop()
	defer done()
	ctx := context.Background()
	order := Order{Total: "3.00"}
	apple, pear := Product{Name: "apple", Price: "1.00"}, Product{Name: "pear", Price: "2.00"}
	for _, err := range []error{strata.Create(ctx, db, &order), strata.Create(ctx, db, &apple), strata.Create(ctx, db, &pear)} {
		if err != nil {
			panic(err)
		}
	}
	orderProducts := strata.BelongsToMany[Order, Product]("Products")

	_ = orderProducts.Through(strata.Fields{"quantity": 3}).Add(ctx, db, &order, &apple)
	// By primary key, as the seed's order.addProduct(req.body.productId).
	_ = orderProducts.AddKeys(ctx, db, &order, pear.ID)
	// Adding again keeps one join row and updates its quantity.
	_ = orderProducts.Through(strata.Fields{"quantity": 2}).Add(ctx, db, &order, &pear)

	products, _ := orderProducts.Get(ctx, db, &order)
	for _, p := range products {
		fmt.Println(p.Name, p.ProductOrder.Quantity)
	}
	n, _ := orderProducts.Count(ctx, db, &order)
	has, _ := orderProducts.Has(ctx, db, &order, &apple, &pear)
	fmt.Println(n, has)

	_ = orderProducts.Remove(ctx, db, &order, &apple)
	n, _ = orderProducts.Count(ctx, db, &order)
	fmt.Println(n)
	// Output:
	// apple 3
	// pear 2
	// 2 true
	// 1
}

func ExampleHasMany() {
	db, done := openShop()
	defer done()
	ctx := context.Background()
	ann := User{LastName: "Ann", Email: "ann@shop.test"}
	_ = strata.Create(ctx, db, &ann)
	userOrders := strata.HasMany[User, Order]("Orders")

	first := Order{Total: "1.00"}
	_ = userOrders.Create(ctx, db, &ann, &first)
	_ = userOrders.Create(ctx, db, &ann, &Order{Total: "2.00"})
	n, _ := userOrders.Count(ctx, db, &ann)
	fmt.Println(n, *first.UserID == ann.ID)

	// Remove keeps the order and sets its userId to NULL.
	_ = userOrders.Remove(ctx, db, &ann, &first)
	n, _ = userOrders.Count(ctx, db, &ann)
	fmt.Println(n, first.UserID == nil)
	// Output:
	// 2 true
	// 1 true
}

// CheckSchema finds what the migrations forgot: here the join table of
// Employee.Friends and the managerId column.
func ExampleDB_CheckSchema() {
	dir, _ := os.MkdirTemp("", "strata-example")
	defer os.RemoveAll(dir)
	db, err := strata.Open(sqlitedialect.New(), "sqlite:"+filepath.Join(dir, "hr.db"), strata.WithModels(Employee{}))
	if err != nil {
		panic(err)
	}
	defer db.Close()
	ctx := context.Background()
	_, _ = strata.Exec(ctx, db, `CREATE TABLE employees (id INTEGER PRIMARY KEY AUTOINCREMENT, name VARCHAR(255))`)
	fmt.Println(db.CheckSchema(ctx))
	// Output:
	// strata: the sqlite database does not match the models (2 problems):
	//   - column employees.managerId of model Employee is missing (needed by association Employee.Manager, Employee.Reports); write a migration: strata migration:generate --name add-managerId-to-employees, with ddl.AddColumn("employees", ddl.Column("managerId", schema.Integer()).References("employees", "id").OnDelete(schema.SetNull).OnUpdate(schema.Cascade))
	//   - table employee_friends of model EmployeeFriends is missing (needed by association Employee.Friends); write a migration: strata migration:generate --name create-employee-friends, with ddl.CreateTable("employee_friends", ddl.Column("employeeId", schema.Integer()).NotNull(), ddl.Column("friendId", schema.Integer()).NotNull(), ddl.Column("createdAt", schema.Date()).NotNull(), ddl.Column("updatedAt", schema.Date()).NotNull()).WithPrimaryKey("employeeId", "friendId").WithForeignKey(schema.ForeignKey{Columns: []string{"employeeId"}, RefTable: "employees", RefColumns: []string{"id"}, OnDelete: schema.Cascade, OnUpdate: schema.Cascade}).WithForeignKey(schema.ForeignKey{Columns: []string{"friendId"}, RefTable: "employees", RefColumns: []string{"id"}, OnDelete: schema.Cascade, OnUpdate: schema.Cascade})
}
