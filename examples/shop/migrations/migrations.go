// Package migrations holds this project's migrations. Each file adds itself to All
// from an init function; strata db:migrate runs them in the order of their names.
package migrations

import "github.com/strata-orm/strata/migrate"

// All is every migration of this project, in no particular order.
var All migrate.Registry
