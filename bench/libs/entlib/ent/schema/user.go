// Package schema is the shop as ent schemas, mapped onto the tables the suite
// creates: snake_case field names, as ent names them, stored in the
// camelCase columns the shop has (StorageKey); ent's default table names.
package schema

import (
	"time"

	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// User holds the schema of users.
type User struct{ ent.Schema }

// Fields of User.
func (User) Fields() []ent.Field {
	return []ent.Field{
		field.String("first_name").StorageKey("firstName").Optional(),
		field.String("last_name").StorageKey("lastName").Optional(),
		field.String("email").Unique(),
		field.Int("age").Optional(),
		field.Time("created_at").StorageKey("createdAt").Default(time.Now).Immutable(),
		field.Time("updated_at").StorageKey("updatedAt").Default(time.Now).UpdateDefault(time.Now),
	}
}

// Edges of User.
func (User) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("orders", Order.Type),
	}
}
