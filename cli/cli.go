// Package cli is the strata command as a library, for the build of it that
// strata makes for a project with Go migrations or seeders: that build
// calls Main with the project's registries, so `strata db:migrate` runs Go
// migrations with nothing built by hand. Projects do not import it
// themselves.
package cli

import (
	"context"
	"os"
	"os/signal"

	"github.com/strata-orm/strata/internal/cli"
	"github.com/strata-orm/strata/migrate"
)

// Main runs the strata command with the process's arguments and the given
// Go migrations and seeders (either may be nil) and models (the project's
// models package's All(), or every model it declares, for db:check,
// migration:generate --auto and db:diagram), and returns the exit code.
func Main(migrations, seeders migrate.Registry, models ...any) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return cli.Run(ctx, os.Args[1:], cli.IO{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr},
		cli.Options{Linked: &cli.Linked{Migrations: migrations, Seeders: seeders, Models: models}})
}
