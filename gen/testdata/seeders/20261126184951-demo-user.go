package seeders

import (
	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/migrate"
)

func init() {
	All.Add(migrate.Migration{
		Name: "20261126184951-demo-user",
		Up:   []ddl.Op{
			// Add seed commands here.
			//
			// Example:
			// ddl.BulkInsert("users",
			// 	ddl.Row{"firstName": "John", "email": "john@example.com", "createdAt": time.Now(), "updatedAt": time.Now()},
			// ),
		},
		Down: []ddl.Op{
			// Add commands to revert seed here.
			//
			// Example:
			// ddl.BulkDelete("users", ddl.Where{"email": []string{"john@example.com"}}),
		},
	})
}
