// Package seqmodels holds the models strata model:import wrote from the database's tables.
package seqmodels

// All lists every model, for strata.WithModels.
func All() []any {
	return []any{
		Order{},
		OrderItem{},
		Product{},
		ProductTag{},
		Profile{},
		Review{},
		Tag{},
		User{},
	}
}
