package schema

import (
	"time"

	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// Product holds the schema of products.
type Product struct{ ent.Schema }

// Fields of Product.
func (Product) Fields() []ent.Field {
	return []ent.Field{
		field.String("name"),
		field.Float("price").Optional(),
		field.Time("created_at").StorageKey("createdAt").Default(time.Now).Immutable(),
		field.Time("updated_at").StorageKey("updatedAt").Default(time.Now).UpdateDefault(time.Now),
	}
}

// Edges of Product.
func (Product) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("product_orders", ProductOrder.Type),
	}
}
