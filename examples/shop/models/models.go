// Package models holds the shop's models: one struct per table, each in a
// file written by strata model:generate, with the associations and
// validations added by hand (the seed's associate functions).
package models

// All lists every model, for strata.WithModels (strata's models/index.js).
func All() []any {
	return []any{User{}, Order{}, Product{}, ProductOrder{}}
}
