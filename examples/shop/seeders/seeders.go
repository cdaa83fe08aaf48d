// Package seeders holds this project's seeders. Each file adds itself to All
// from an init function; strata db:seed:all runs them in the order of their names.
package seeders

import "github.com/strata-orm/strata/migrate"

// All is every seeder of this project, in no particular order.
var All migrate.Registry
