// Package cli implements the strata command: sequelize-cli's commands,
// flags, configuration and output, in Go. cmd/strata calls Run; the public
// package github.com/strata-orm/strata/cli lets a project's own build of
// the command (with its Go migrations and seeders linked in) call it too.
//
// This is the one place in strata that prints.
package cli
