package cli

import (
	"context"
	"os"
)

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// commands lists every command in the order help shows them, with
// sequelize-cli's names and summaries.
func commands() []*command {
	return []*command{
		{name: "db:migrate", summary: "Run pending migrations", flags: []string{"to", "from", "name", "dry-run", "allow-out-of-order", "allow-missing", "lock-timeout"}, linkable: true, run: runMigrate},
		{name: "db:migrate:status", summary: "List the status of all migrations", flags: []string{"json"}, linkable: true, run: runMigrateStatus},
		{name: "db:migrate:repair", summary: "Records how a failed or edited migration was resolved by hand", flags: []string{"name", "mark-applied", "forget", "accept-checksum", "lock-timeout"}, required: []string{"name"}, linkable: true, run: runMigrateRepair},
		{name: "db:migrate:undo", summary: "Reverts a migration (the last applied, or --name)", flags: []string{"name", "dry-run", "lock-timeout"}, linkable: true, run: runMigrateUndo},
		{name: "db:migrate:undo:all", summary: "Revert all migrations ran", flags: []string{"to", "dry-run", "lock-timeout", "yes-really"}, linkable: true, run: runMigrateUndoAll},
		{name: "db:seed", summary: "Run specified seeder", flags: []string{"seed"}, required: []string{"seed"}, linkable: true, run: runSeed},
		{name: "db:seed:undo", summary: "Deletes data from the database", flags: []string{"seed"}, linkable: true, run: runSeedUndo},
		{name: "db:seed:all", summary: "Run every seeder", linkable: true, run: runSeedAll},
		{name: "db:seed:undo:all", summary: "Deletes data from the database", flags: []string{"yes-really"}, linkable: true, run: runSeedUndoAll},
		{name: "db:check", summary: "Compares the models, the migration history and the database, and says what is behind", flags: []string{"json", "offline"}, linkable: true, models: modelsIfAny, run: runDBCheck},
		{name: "db:diagram", summary: "Draws the models (or the database) as an ER diagram: Mermaid, DOT, SVG or PNG", flags: []string{"format", "out", "from-db"}, models: diagramNeedsModels, run: runDBDiagram},
		{name: "db:create", summary: "Create database specified by configuration", run: runDBCreate},
		{name: "db:drop", summary: "Drop database specified by configuration", flags: []string{"yes-really"}, run: runDBDrop},
		{name: "init", summary: "Initializes project", flags: []string{"force"}, run: runInit},
		{name: "init:config", summary: "Initializes configuration", flags: []string{"force"}, run: func(_ context.Context, r *run) error { return r.initConfig() }},
		{name: "init:migrations", summary: "Initializes migrations", flags: []string{"force"}, run: initPackage("migrations-path", "migrations", "migrations")},
		{name: "init:models", summary: "Initializes models", flags: []string{"force"}, run: initPackage("models-path", "models", "models")},
		{name: "init:seeders", summary: "Initializes seeders", flags: []string{"force"}, run: initPackage("seeders-path", "seeders", "seeders")},
		{name: "migration:generate", summary: "Generates a new migration file", flags: []string{"name", "force", "auto", "rename", "not-renamed", "drop-tables"}, required: []string{"name"}, models: autoNeedsModels, run: runMigrationGenerate},
		{name: "migration:baseline", summary: "Writes a first migration that creates the database's schema, recorded as applied", flags: []string{"name"}, linkable: true, run: runMigrationBaseline},
		{name: "migration:import", summary: "Converts a sequelize-cli history (JavaScript/TypeScript migrations and seeders) into Go files of the same names", flags: []string{"from", "seeders", "out", "dialect", "force", "keep-js"}, run: runMigrationImport},
		{name: "migration:lint", summary: "Checks the pending migrations for dangerous operations (exits 1 on an error no allow silences)", flags: []string{"json", "large-table", "downs"}, linkable: true, run: runMigrationLint},
		{name: "migration:create", summary: "Generates a new migration file", flags: []string{"name", "force", "auto", "rename", "not-renamed", "drop-tables"}, required: []string{"name"}, models: autoNeedsModels, run: runMigrationGenerate},
		{name: "model:generate", summary: "Generates a model and its migration", flags: []string{"name", "attributes", "force", "underscored"}, required: []string{"name", "attributes"}, run: runModelGenerate},
		{name: "model:import", summary: "Writes Go models for the database's tables, with associations from the foreign keys (or for a Sequelize project's models: --from-sequelize)", flags: []string{"tables", "force", "from-sequelize", "out"}, run: runModelImport},
		{name: "model:create", summary: "Generates a model and its migration", flags: []string{"name", "attributes", "force", "underscored"}, required: []string{"name", "attributes"}, run: runModelGenerate},
		{name: "seed:generate", summary: "Generates a new seed file", flags: []string{"name", "force"}, required: []string{"name"}, run: runSeedGenerate},
		{name: "seed:create", summary: "Generates a new seed file", flags: []string{"name", "force"}, required: []string{"name"}, run: runSeedGenerate},
	}
}

// autoNeedsModels: migration:generate needs the models with --auto.
func autoNeedsModels(r *run) bool { return r.flags.bool("auto") }

// initPackage is the run of an init:* command that lays out one package
// folder (run.initPackage).
func initPackage(flagName, pkg, what string) func(context.Context, *run) error {
	return func(_ context.Context, r *run) error { return r.initPackage(flagName, pkg, what) }
}
