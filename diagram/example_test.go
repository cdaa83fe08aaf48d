package diagram_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/strata-orm/strata/diagram"
	"github.com/strata-orm/strata/schema"
)

// FromSchema reads relations from foreign keys; Mermaid writes them.
func ExampleFromSchema() {
	db := &schema.Database{Tables: []schema.Table{
		{Name: "users", PrimaryKey: []string{"id"}, Columns: []schema.Column{
			{Name: "id", Type: schema.Integer(), NotNull: true},
		}},
		{Name: "orders", PrimaryKey: []string{"id"}, Columns: []schema.Column{
			{Name: "id", Type: schema.Integer(), NotNull: true},
			{Name: "total", Type: schema.Decimal(10, 2)},
			{Name: "userId", Type: schema.Integer(), NotNull: true},
		}, ForeignKeys: []schema.ForeignKey{{Name: "orders_userId_fkey", Columns: []string{"userId"}, RefTable: "users", RefColumns: []string{"id"}}}},
	}}
	fmt.Print(diagram.Mermaid(diagram.FromSchema(db)))
	// Output:
	// erDiagram
	//     orders {
	//         integer id PK
	//         decimal_10_2 total
	//         integer userId FK "not null"
	//     }
	//     users {
	//         integer id PK
	//     }
	//     users ||--o{ orders : "user"
}

// A graph filled in by hand from models: both sides of an association
// make one line.
func ExampleMermaid() {
	g := diagram.Graph{
		Entities: []diagram.Entity{
			{Name: "User", Table: "users", Attributes: []diagram.Attribute{{Name: "id", Type: "INTEGER", PK: true}}},
			{Name: "Order", Table: "orders", Attributes: []diagram.Attribute{{Name: "userId", Type: "INTEGER", FK: true}}},
		},
		Relations: []diagram.Relation{
			{From: "User", To: "Order", Name: "Orders", Kind: diagram.HasMany, ForeignKey: "userId"},
			{From: "Order", To: "User", Name: "User", Kind: diagram.BelongsTo, ForeignKey: "userId", ToCard: diagram.ZeroOrOne},
		},
	}
	fmt.Print(diagram.Mermaid(g))
	// Output:
	// erDiagram
	//     %% Order: table orders
	//     Order {
	//         integer userId FK
	//     }
	//     %% User: table users
	//     User {
	//         integer id PK
	//     }
	//     User |o--o{ Order : "Orders / User"
}

// Render needs Graphviz; without it the error says what to do.
func ExampleRender() {
	g := diagram.Graph{Entities: []diagram.Entity{{Name: "users"}}}
	svg, err := diagram.Render(context.Background(), diagram.DOT(g), "svg")
	var missing *diagram.MissingDotError
	switch {
	case errors.As(err, &missing):
		fmt.Println("install graphviz, or use diagram.Mermaid")
	case err != nil:
		fmt.Println(err)
	default:
		fmt.Println(len(svg) > 0)
	}
}
