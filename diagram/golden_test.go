package diagram_test

import (
	"testing"

	"github.com/strata-orm/strata/diagram"
	"github.com/strata-orm/strata/internal/golden"
)

// The shop's schema, its relations read from the foreign keys. (The
// diagram of the shop's models, docs/diagram/shop.{mmd,dot}, is drift's:
// `go test ./drift -update` rewrites it, then `go test ./diagram -update`
// README.md's copy.)
func TestGoldenShop(t *testing.T) {
	g := diagram.FromSchema(shop(t))
	golden.Check(t, "testdata/shop.mmd", []byte(diagram.Mermaid(g)))
	golden.Check(t, "testdata/shop.dot", []byte(diagram.DOT(g)))
}

func TestGoldenFixture(t *testing.T) {
	g := diagram.FromSchema(fixture(t))
	golden.Check(t, "testdata/fixture.mmd", []byte(diagram.Mermaid(g)))
	golden.Check(t, "testdata/fixture.dot", []byte(diagram.DOT(g)))
}

// A graph filled by hand from models: both sides of each association,
// merged into one line each.
func TestGoldenModels(t *testing.T) {
	g := modelGraph()
	golden.Check(t, "testdata/models.mmd", []byte(diagram.Mermaid(g)))
	golden.Check(t, "testdata/models.dot", []byte(diagram.DOT(g)))
}

// modelGraph is the shop as strata's registered models would describe
// it: model names, tables, and every association with its inverse.
func modelGraph() diagram.Graph {
	id := diagram.Attribute{Name: "id", Type: "INTEGER", PK: true, NotNull: true}
	return diagram.Graph{
		Entities: []diagram.Entity{
			{Name: "User", Table: "users", Attributes: []diagram.Attribute{id, {Name: "email", Type: "STRING(255)", Unique: true, NotNull: true}}},
			{Name: "Order", Table: "orders", Attributes: []diagram.Attribute{id, {Name: "userId", Type: "INTEGER", FK: true}}},
			{Name: "Product", Table: "products", Attributes: []diagram.Attribute{id, {Name: "name", Type: "STRING(255)", NotNull: true}}},
			{Name: "ProductOrder", Table: "product_orders", Join: true, Attributes: []diagram.Attribute{id,
				{Name: "productId", Type: "INTEGER", FK: true, NotNull: true}, {Name: "orderId", Type: "INTEGER", FK: true, NotNull: true}}},
		},
		Relations: []diagram.Relation{
			{From: "User", To: "Order", Name: "Orders", Kind: diagram.HasMany, ForeignKey: "userId", FromCard: diagram.ZeroOrOne},
			{From: "Order", To: "User", Name: "User", Kind: diagram.BelongsTo, ForeignKey: "userId", ToCard: diagram.ZeroOrOne},
			{From: "Order", To: "Product", Name: "Products", Kind: diagram.BelongsToMany, Through: "ProductOrder", ForeignKey: "orderId", OtherKey: "productId"},
			{From: "Product", To: "Order", Name: "Orders", Kind: diagram.BelongsToMany, Through: "ProductOrder", ForeignKey: "productId", OtherKey: "orderId"},
		},
	}
}
