// Package importedreg is a registry of imported migrations whose names
// Registry.Add takes from file names sequelize-cli runs and CheckName
// refuses, for migrate's tests.
package importedreg

import "github.com/strata-orm/strata/migrate"

// All holds the migrations of this folder.
var All migrate.Registry
