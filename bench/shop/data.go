package shop

import (
	"strconv"
	"time"
)

// Epoch is the first seeded timestamp. Every timestamp has microseconds, so
// a database or library that loses precision shows up in the equality test.
var epoch = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func stamp(n int64) time.Time {
	return epoch.Add(time.Duration(n)*time.Minute + time.Duration(n%997)*time.Microsecond*1013)
}

var firstNames = [...]string{"Ada", "Alan", "Barbara", "Donald", "Edsger", "Frances", "Grace", "John", "Ken", "Leslie", "Margaret", "Niklaus", "Rob", "Tony", "Xavier"}
var lastNames = [...]string{"Lovelace", "Turing", "Liskov", "Knuth", "Dijkstra", "Allen", "Hopper", "Backus", "Thompson", "Lamport", "Hamilton", "Wirth", "Pike", "Hoare", "Leroy"}

// SeedUser returns seeded user id (1..Users), without orders.
func SeedUser(id int64) User {
	return User{
		ID:        id,
		FirstName: firstNames[id%int64(len(firstNames))],
		LastName:  lastNames[(id/3)%int64(len(lastNames))],
		Email:     "user" + strconv.FormatInt(id, 10) + "@shop.example",
		Age:       18 + int(id%63),
		CreatedAt: stamp(id),
		UpdatedAt: stamp(id + 7),
	}
}

// SeedOrder returns seeded order id (1..Orders), without items. Order id
// belongs to user (id-1)/OrdersPerUser+1.
func SeedOrder(id int64) Order {
	return Order{
		ID:        id,
		Total:     float64(1000+(id*7919)%99000) / 100,
		UserID:    (id-1)/OrdersPerUser + 1,
		CreatedAt: stamp(2*id + 3),
		UpdatedAt: stamp(2*id + 5),
	}
}

// SeedProduct returns seeded product id (1..Products).
func SeedProduct(id int64) Product {
	return Product{
		ID:        id,
		Name:      "Product " + strconv.FormatInt(id, 10),
		Price:     float64(99+(id*4243)%49900) / 100,
		CreatedAt: stamp(3 * id),
		UpdatedAt: stamp(3*id + 1),
	}
}

// SeedProductOrders returns the product_orders rows of seeded order id: j-th
// row has id (orderID-1)*ProductsPerOrder+j+1 and a product no other row of
// the order has.
func SeedProductOrders(orderID int64) []ProductOrder {
	pos := make([]ProductOrder, ProductsPerOrder)
	for j := range pos {
		id := (orderID-1)*ProductsPerOrder + int64(j) + 1
		pos[j] = ProductOrder{
			ID:        id,
			ProductID: (orderID*7+int64(j)*61)%Products + 1,
			OrderID:   orderID,
			Quantity:  1 + int((orderID+int64(j))%5),
			CreatedAt: stamp(id),
			UpdatedAt: stamp(id + 2),
		}
	}
	return pos
}

// NewUser returns a user to insert, not seeded: n makes its email unique
// among inserted users, and prefix among the runs that share a database.
func NewUser(prefix string, n int) User {
	return User{
		FirstName: firstNames[n%len(firstNames)],
		LastName:  lastNames[n%len(lastNames)],
		Email:     prefix + strconv.Itoa(n) + "@new.example",
		Age:       20 + n%50,
		CreatedAt: stamp(int64(n)),
		UpdatedAt: stamp(int64(n)),
	}
}

// NewUsers returns count users to insert, numbered from first.
func NewUsers(prefix string, first, count int) []User {
	us := make([]User, count)
	for i := range us {
		us[i] = NewUser(prefix, first+i)
	}
	return us
}
