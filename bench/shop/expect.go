package shop

// The read scenarios and what each must return on a freshly seeded database.
// A scenario's key is the id after which it starts reading, so a benchmark
// can vary what it reads from one iteration to the next.

// WantFindByPK is the user FindByPK(id) returns.
func WantFindByPK(id int64) User { return SeedUser(id) }

// WantFindMany is FindMany100(after): the ManyN users with the smallest ids
// greater than after, ordered by id.
func WantFindMany(after int64) []User {
	us := make([]User, ManyN)
	for i := range us {
		us[i] = SeedUser(after + int64(i) + 1)
	}
	return us
}

// WantEagerHasMany is EagerHasMany(after): FindMany100(after), each user
// with its orders ordered by id.
func WantEagerHasMany(after int64) []User {
	us := WantFindMany(after)
	for i := range us {
		us[i].Orders = userOrders(us[i].ID, false)
	}
	return us
}

// WantEagerManyToMany is EagerManyToMany(after): the ManyN orders with the
// smallest ids greater than after, ordered by id, each with its items
// ordered by product_orders id.
func WantEagerManyToMany(after int64) []Order {
	os := make([]Order, ManyN)
	for i := range os {
		os[i] = orderWithItems(after + int64(i) + 1)
	}
	return os
}

// WantEagerNested is EagerNested(after): the NestedN users with the smallest
// ids greater than after, each with its orders (by id), each with its items
// (by product_orders id).
func WantEagerNested(after int64) []User {
	us := make([]User, NestedN)
	for i := range us {
		us[i] = SeedUser(after + int64(i) + 1)
		us[i].Orders = userOrders(us[i].ID, true)
	}
	return us
}

func userOrders(userID int64, items bool) []Order {
	os := make([]Order, OrdersPerUser)
	for k := range os {
		id := (userID-1)*OrdersPerUser + int64(k) + 1
		if items {
			os[k] = orderWithItems(id)
		} else {
			os[k] = SeedOrder(id)
		}
	}
	return os
}

func orderWithItems(id int64) Order {
	o := SeedOrder(id)
	for _, po := range SeedProductOrders(id) {
		o.Items = append(o.Items, Item{Quantity: po.Quantity, Product: SeedProduct(po.ProductID)})
	}
	return o
}
