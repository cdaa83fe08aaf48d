package schema

import (
	"time"

	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// ProductOrder holds the schema of product_orders: the join table between
// orders and products, with a quantity, as an entity of its own.
type ProductOrder struct{ ent.Schema }

// Fields of ProductOrder.
func (ProductOrder) Fields() []ent.Field {
	return []ent.Field{
		field.Int("product_id").StorageKey("productId"),
		field.Int("order_id").StorageKey("orderId"),
		field.Int("quantity").Default(1),
		field.Time("created_at").StorageKey("createdAt").Default(time.Now).Immutable(),
		field.Time("updated_at").StorageKey("updatedAt").Default(time.Now).UpdateDefault(time.Now),
	}
}

// Edges of ProductOrder.
func (ProductOrder) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("order", Order.Type).Ref("product_orders").Field("order_id").Unique().Required(),
		edge.From("product", Product.Type).Ref("product_orders").Field("product_id").Unique().Required(),
	}
}
