// Package seqoptions holds the models strata model:import wrote from the database's tables.
package seqoptions

// All lists every model, for strata.WithModels.
func All() []any {
	return []any{
		Account{},
		AccountGroup{},
		Group{},
		Membership{},
	}
}
