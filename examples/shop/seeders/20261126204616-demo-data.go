package seeders

import (
	"time"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/migrate"
)

// at is when the demo rows say they were made.
var at = time.Date(2026, 11, 26, 18, 45, 0, 0, time.UTC)

func init() {
	All.Add(migrate.Migration{
		Name: "20261126204616-demo-data",
		Up: []ddl.Op{
			ddl.BulkInsert("users",
				ddl.Row{"id": 1, "firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.com", "age": 36, "createdAt": at, "updatedAt": at},
				ddl.Row{"id": 2, "firstName": "Alan", "lastName": "Turing", "email": "alan@example.com", "age": 41, "createdAt": at, "updatedAt": at},
			),
			ddl.BulkInsert("products",
				ddl.Row{"id": 1, "name": "Tea", "price": "3.50", "createdAt": at, "updatedAt": at},
				ddl.Row{"id": 2, "name": "Coffee", "price": "4.20", "createdAt": at, "updatedAt": at},
				ddl.Row{"id": 3, "name": "Cake", "price": "5.00", "createdAt": at, "updatedAt": at},
			),
			ddl.BulkInsert("orders",
				ddl.Row{"id": 1, "total": "12.20", "userId": 1, "createdAt": at, "updatedAt": at},
				ddl.Row{"id": 2, "total": "4.20", "userId": 2, "createdAt": at, "updatedAt": at},
			),
			ddl.BulkInsert("product_orders",
				ddl.Row{"id": 1, "orderId": 1, "productId": 1, "quantity": 2, "createdAt": at, "updatedAt": at},
				ddl.Row{"id": 2, "orderId": 1, "productId": 3, "quantity": 1, "createdAt": at, "updatedAt": at},
				ddl.Row{"id": 3, "orderId": 2, "productId": 2, "quantity": 1, "createdAt": at, "updatedAt": at},
			),
		},
		Down: []ddl.Op{
			// Deleting the users and products removes their orders and
			// join rows through the foreign keys' ON DELETE CASCADE.
			ddl.BulkDelete("users", ddl.Where{"id": []int{1, 2}}),
			ddl.BulkDelete("products", ddl.Where{"id": []int{1, 2, 3}}),
		},
	})
}
