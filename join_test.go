package strata_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/schema"
)

const (
	racers = 16 // goroutines racing on one join row
	trials = 4
)

// race runs f(i) in racers goroutines released at once and returns their
// errors.
func race(f func(i int) error) []error {
	errs := make([]error, racers)
	var start, done sync.WaitGroup
	start.Add(1)
	for i := range racers {
		done.Add(1)
		go func() {
			defer done.Done()
			start.Wait()
			errs[i] = f(i)
		}()
	}
	start.Done()
	done.Wait()
	return errs
}

// checkRace runs the concurrent Adds and Sets of one order and product on
// db and checks that each leaves exactly one join row per product, with
// the values one of the racers wrote, and that a later Add updates it.
func checkRace(t *testing.T, db *strata.DB, v dbView) {
	ctx := testCtx(t)
	for trial := range trials {
		order := Order{Total: "1.00"}
		apple := Product{Name: fmt.Sprintf("apple %d", trial), Price: "1.00"}
		pear := Product{Name: fmt.Sprintf("pear %d", trial), Price: "2.00"}
		ok(t, strata.Create(ctx, db, &order))
		ok(t, strata.Create(ctx, db, &apple))
		ok(t, strata.Create(ctx, db, &pear))

		// order.addProduct(id) from 16 requests at once, as the shop's
		// PUT /orders/{id} does: half with the product, half with its key.
		errs := race(func(i int) error {
			h := orderProducts.Through(strata.Fields{"quantity": i + 1})
			if i%2 == 0 {
				return h.Add(ctx, db, &order, &apple)
			}
			return h.AddKeys(ctx, db, &order, apple.ID)
		})
		for i, err := range errs {
			if err != nil {
				t.Errorf("trial %d: Add %d: %v", trial, i, err)
			}
		}
		rows := v.links(order.ID)
		if len(rows) != 1 {
			t.Fatalf("trial %d: %d concurrent Adds left join rows %v, want one", trial, racers, rows)
		}
		var q int
		if _, err := fmt.Sscanf(rows[0], fmt.Sprintf("%d×%%d", apple.ID), &q); err != nil || q < 1 || q > racers {
			t.Errorf("trial %d: join row %s holds a quantity no Add wrote", trial, rows[0])
		}
		got := must(orderProducts.Get(ctx, db, &order))(t)
		if len(got) != 1 || got[0].ID != apple.ID {
			t.Errorf("trial %d: Get after the race: %v", trial, productIDs(got))
		}

		// The row is updated, not duplicated, by the Add that comes last.
		ok(t, orderProducts.Through(strata.Fields{"quantity": 99}).AddKeys(ctx, db, &order, apple.ID))
		if diff := cmp.Diff(v.links(order.ID), []string{link(apple, 99)}); diff != "" {
			t.Errorf("trial %d: Add after the race (-db +want):\n%s", trial, diff)
		}
		// Without Through values an Add keeps the row as it is.
		ok(t, orderProducts.AddKeys(ctx, db, &order, apple.ID))
		if diff := cmp.Diff(v.links(order.ID), []string{link(apple, 99)}); diff != "" {
			t.Errorf("trial %d: Add without values (-db +want):\n%s", trial, diff)
		}

		// order.setProducts([apple, pear]) from 16 requests at once.
		errs = race(func(i int) error {
			return orderProducts.Through(strata.Fields{"quantity": 7}).SetKeys(ctx, db, &order, apple.ID, pear.ID)
		})
		for i, err := range errs {
			if err != nil {
				t.Errorf("trial %d: Set %d: %v", trial, i, err)
			}
		}
		if diff := cmp.Diff(v.links(order.ID), []string{link(apple, 7), link(pear, 7)}); diff != "" {
			t.Errorf("trial %d: %d concurrent Sets (-db +want):\n%s", trial, racers, diff)
		}

		// Sets of different products at once: one of them wins whole.
		choices := []Product{apple, pear}
		errs = race(func(i int) error { return orderProducts.Set(ctx, db, &order, &choices[i%2]) })
		for i, err := range errs {
			if err != nil {
				t.Errorf("trial %d: Set %d: %v", trial, i, err)
			}
		}
		if rows := v.links(order.ID); len(rows) != 1 {
			t.Errorf("trial %d: %d concurrent Sets of one product each left %v, want one of them", trial, racers, rows)
		}
	}
}

func productIDs(ps []Product) []int {
	out := []int{}
	for _, p := range ps {
		out = append(out, p.ID)
	}
	return out
}

// statements records the SQL strata runs while on.
type statements struct {
	mu   sync.Mutex
	on   bool
	list []string
}

func (s *statements) hook() strata.QueryHook {
	return strata.QueryHookFunc(func(_ context.Context, e *strata.QueryEvent) {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.on {
			s.list = append(s.list, e.SQL)
		}
	})
}

// of returns the statements f runs.
func (s *statements) of(t *testing.T, f func() error) []string {
	t.Helper()
	s.mu.Lock()
	s.on, s.list = true, nil
	s.mu.Unlock()
	ok(t, f())
	s.mu.Lock()
	defer s.mu.Unlock()
	s.on = false
	return s.list
}

// TestAddConcurrent races Add, AddKeys and Set on the shop as Sync creates
// it: the join table has its unique key on (productId, orderId), and each
// Add is one INSERT … ON CONFLICT / ON DUPLICATE KEY UPDATE.
func TestAddConcurrent(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		var rec statements
		db := shop(t, tg, strata.WithQueryHook(rec.hook()))
		checkRace(t, db, dbView{t, db, tg.Dialect.Quote})

		ctx := testCtx(t)
		order, p := Order{Total: "1.00"}, Product{Name: "fig", Price: "1.00"}
		ok(t, strata.Create(ctx, db, &order))
		ok(t, strata.Create(ctx, db, &p))
		for _, h := range []strata.BelongsToManyOf[Order, Product]{orderProducts, orderProducts.Through(strata.Fields{"quantity": 2})} {
			got := rec.of(t, func() error { return h.AddKeys(ctx, db, &order, p.ID) })
			if len(got) != 3 || !strings.Contains(got[0], "FROM "+tg.Dialect.Quote("orders")) || !strings.Contains(got[1], "FROM "+tg.Dialect.Quote("products")) ||
				!strings.HasPrefix(got[2], "INSERT INTO") || !strings.Contains(got[2], " ON ") {
				t.Errorf("Add ran %q, want the locks on the order and the product (the lock order), then one INSERT … ON CONFLICT / ON DUPLICATE KEY UPDATE", got)
			}
		}
	})
}

// TestAddConcurrentWithoutUniqueKey races them on a join table created
// without the unique key (a database strata did not create): Add takes
// the fallback path, which locks the source row, and still never
// duplicates.
func TestAddConcurrentWithoutUniqueKey(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		var rec statements
		db := shop(t, tg, strata.WithQueryHook(rec.hook()))
		cur := tg.Inspect(t)
		tg.Apply(t, cur, ddl.DropTable("product_orders"), looseProductOrders())
		checkRace(t, db, dbView{t, db, tg.Dialect.Quote})

		ctx := testCtx(t)
		order, p := Order{Total: "1.00"}, Product{Name: "fig", Price: "1.00"}
		ok(t, strata.Create(ctx, db, &order))
		ok(t, strata.Create(ctx, db, &p))
		got := rec.of(t, func() error { return orderProducts.AddKeys(ctx, db, &order, p.ID) })
		if len(got) != 4 || !strings.Contains(got[0], "FROM "+tg.Dialect.Quote("orders")) || !strings.Contains(got[1], "FROM "+tg.Dialect.Quote("products")) ||
			!strings.HasPrefix(got[3], "INSERT INTO") || strings.Contains(got[3], " ON ") {
			t.Errorf("Add ran %q, want the locks on the order and the product, the read of its links and a plain INSERT", got)
		}

		// From both sides at once (order.addProduct against product.addOrder):
		// both lock the order, then the product, so one waits for the other.
		v := dbView{t, db, tg.Dialect.Quote}
		for trial := range trials {
			o, q := Order{Total: "1.00"}, Product{Name: fmt.Sprintf("pear%d", trial), Price: "1.00"}
			ok(t, strata.Create(ctx, db, &o))
			ok(t, strata.Create(ctx, db, &q))
			errs := race(func(i int) error {
				if i%2 == 0 {
					return orderProducts.AddKeys(ctx, db, &o, q.ID)
				}
				return productOrders.AddKeys(ctx, db, &q, o.ID)
			})
			for i, err := range errs {
				if err != nil {
					t.Errorf("trial %d: Add %d: %v", trial, i, err)
				}
			}
			if got := v.links(o.ID); len(got) != 1 {
				t.Errorf("trial %d: %d Adds from both sides left links %v, want one", trial, racers, got)
			}
		}
	})
}

// looseProductOrders is the seed's product_orders, with a quantity and no
// unique key on the pair.
func looseProductOrders() ddl.Op {
	return ddl.CreateTable("product_orders",
		ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
		ddl.Column("productId", schema.Integer()).NotNull().References("products", "id").OnDelete(schema.Cascade),
		ddl.Column("orderId", schema.Integer()).NotNull().References("orders", "id").OnDelete(schema.Cascade),
		ddl.Column("quantity", schema.Integer()).NotNull().Default(1),
		ddl.Column("createdAt", schema.Date()).NotNull(),
		ddl.Column("updatedAt", schema.Date()).NotNull(),
	)
}

// TestHasManySetConcurrent races user.setOrders with different orders:
// Set locks the user's row, so one Set wins whole.
func TestHasManySetConcurrent(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := shop(t, tg)
		v := dbView{t, db, tg.Dialect.Quote}
		for trial := range trials {
			u := User{LastName: "Racer", Email: fmt.Sprintf("racer%d@shop.test", trial)}
			ok(t, strata.Create(ctx, db, &u))
			orders := []Order{{Total: "1.00"}, {Total: "2.00"}}
			for i := range orders {
				ok(t, strata.Create(ctx, db, &orders[i]))
			}
			errs := race(func(i int) error { return userOrders.SetKeys(ctx, db, &u, orders[i%2].ID) })
			for i, err := range errs {
				if err != nil {
					t.Errorf("trial %d: Set %d: %v", trial, i, err)
				}
			}
			if got := v.ordersOf(u.ID); len(got) != 1 {
				t.Errorf("trial %d: %d concurrent Sets of one order each left orders %v, want one of them", trial, racers, got)
			}
		}
	})
}

// A fruit shop, for the join tables strata names and keys itself:
// BasketFruit has no TableName method, Fruit names it the way Sequelize's
// through: 'basket_fruit' would, and basket_labels has no model at all.
type (
	Basket struct {
		ID     int
		Name   string
		Fruits []Fruit
		Labels []Label
		Ribbon *Ribbon
	}
	Fruit struct {
		ID          int
		Name        string
		Baskets     []Basket
		BasketFruit *BasketFruit
	}
	BasketFruit struct {
		ID        int
		BasketID  int `strata:",notnull"`
		FruitID   int `strata:",notnull"`
		Count     int
		CreatedAt time.Time
		UpdatedAt time.Time
	}
	Label struct {
		ID   int
		Name string
	}
	// Ribbon is a basket's one ribbon (hasOne), on a key that is not unique.
	Ribbon struct {
		ID       int
		BasketID *int
		Color    string
	}
)

func (Basket) Associate(a *strata.Associations) {
	a.BelongsToMany(Fruit{}, strata.Through(BasketFruit{}))
	a.BelongsToMany(Label{}, strata.Through("basket_labels"))
	a.HasOne(Ribbon{})
}

func (Fruit) Associate(a *strata.Associations) {
	a.BelongsToMany(Basket{}, strata.Through("basket_fruit"))
}

func fruitShop(t *testing.T, tg *dialecttest.Target) *strata.DB {
	t.Helper()
	db := must(strata.New(tg.DB, tg.Dialect, strata.WithModels(Basket{}, Fruit{}, BasketFruit{}, Label{}, Ribbon{})))(t)
	ok(t, db.Sync(testCtx(t)))
	return db
}

// TestJoinTableDefaults: the join table of a join model without TableName
// is basket_fruits (as the seed names product_orders), the one both sides
// reach, with its unique key on the pair; Add on it and on an implicit
// join table (whose primary key is the pair) never duplicates.
func TestJoinTableDefaults(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := fruitShop(t, tg)
		live := tg.Inspect(t)
		if diff := cmp.Diff(live.TableNames(), []string{"basket_fruits", "basket_labels", "baskets", "fruits", "labels", "ribbons"}); diff != "" {
			t.Errorf("tables (-got +want):\n%s", diff)
		}
		if bf := live.Table("basket_fruits"); bf == nil || len(bf.Uniques) != 1 || !cmp.Equal(bf.Uniques[0].Columns, []string{"basketId", "fruitId"}) {
			t.Errorf("basket_fruits has unique keys %v, want one on (basketId, fruitId)", bf)
		}
		ok(t, db.CheckSchema(ctx))

		basketFruits := strata.BelongsToMany[Basket, Fruit]("Fruits")
		basketLabels := strata.BelongsToMany[Basket, Label]("Labels")
		fruitBaskets := strata.BelongsToMany[Fruit, Basket]("Baskets")
		count := func(table string, basket int) int {
			n := must(strata.RawAll[int](ctx, db, fmt.Sprintf("SELECT COUNT(*) FROM %s WHERE %s = ?", table, tg.Dialect.Quote("basketId")), basket))(t)
			return n[0]
		}
		for trial := range trials {
			b, f, l := Basket{Name: "b"}, Fruit{Name: "fig"}, Label{Name: "fresh"}
			ok(t, strata.Create(ctx, db, &b))
			ok(t, strata.Create(ctx, db, &f))
			ok(t, strata.Create(ctx, db, &l))
			errs := race(func(i int) error {
				switch i % 3 {
				case 0:
					return basketFruits.Through(strata.Fields{"count": i}).Add(ctx, db, &b, &f)
				case 1:
					return fruitBaskets.Add(ctx, db, &f, &b)
				}
				return basketLabels.Add(ctx, db, &b, &l)
			})
			for i, err := range errs {
				if err != nil {
					t.Errorf("trial %d: Add %d: %v", trial, i, err)
				}
			}
			if n, m := count("basket_fruits", b.ID), count("basket_labels", b.ID); n != 1 || m != 1 {
				t.Errorf("trial %d: %d basket_fruits and %d basket_labels rows for the basket, want 1 each", trial, n, m)
			}
			got := must(basketFruits.Get(ctx, db, &b))(t)
			if len(got) != 1 || got[0].BasketFruit == nil || got[0].BasketFruit.Count%3 != 0 {
				t.Errorf("trial %d: Get: %+v", trial, got)
			}
		}
	})
}

// TestHasOneSetConcurrent races basket.setRibbon with different ribbons:
// Set locks the basket's row, so one ribbon ends up the basket's.
func TestHasOneSetConcurrent(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := fruitShop(t, tg)
		basketRibbon := strata.HasOne[Basket, Ribbon]("Ribbon")
		for trial := range trials {
			b := Basket{Name: "b"}
			ok(t, strata.Create(ctx, db, &b))
			ribbons := make([]Ribbon, racers)
			for i := range ribbons {
				ribbons[i] = Ribbon{Color: fmt.Sprint("colour ", i)}
				ok(t, strata.Create(ctx, db, &ribbons[i]))
			}
			errs := race(func(i int) error { return basketRibbon.Set(ctx, db, &b, &ribbons[i]) })
			for i, err := range errs {
				if err != nil {
					t.Errorf("trial %d: Set %d: %v", trial, i, err)
				}
			}
			if n := must(strata.Find[Ribbon](db).Where(strata.Eq("basketId", b.ID)).Count(ctx))(t); n != 1 {
				t.Errorf("trial %d: %d concurrent Sets left the basket %d ribbons, want one", trial, racers, n)
			}
		}
	})
}

// TestAddUpdatesOnlyWithValues: on a row already linked, Add writes the
// Through values (even UpdatedAt alone) and otherwise leaves the row as
// it is.
func TestAddUpdatesOnlyWithValues(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := fruitShop(t, tg)
		basketFruits := strata.BelongsToMany[Basket, Fruit]("Fruits")
		b, f := Basket{Name: "b"}, Fruit{Name: "fig"}
		ok(t, strata.Create(ctx, db, &b))
		ok(t, strata.Create(ctx, db, &f))
		row := func() BasketFruit {
			t.Helper()
			return *must(strata.Find[BasketFruit](db).Where(strata.Eq("basketId", b.ID)).One(ctx))(t)
		}
		ok(t, basketFruits.Through(strata.Fields{"count": 3}).Add(ctx, db, &b, &f))
		first := row()
		at := first.UpdatedAt.Add(time.Hour).Truncate(time.Second)
		ok(t, basketFruits.Through(strata.Fields{"UpdatedAt": at}).Add(ctx, db, &b, &f))
		if got := row(); !got.UpdatedAt.Equal(at) || got.Count != 3 || !got.CreatedAt.Equal(first.CreatedAt) {
			t.Errorf("Add with UpdatedAt alone: %+v, want updatedAt %v, count 3, createdAt %v", got, at, first.CreatedAt)
		}
		ok(t, basketFruits.Add(ctx, db, &b, &f))
		if got := row(); !got.UpdatedAt.Equal(at) || got.Count != 3 {
			t.Errorf("Add without values changed the row: %+v", got)
		}
	})
}
