package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/strata-orm/strata/gen"
)

func runModelGenerate(ctx context.Context, r *run) error {
	attrs, err := gen.ParseAttributes(r.flags.str("attributes"))
	if err != nil {
		return err
	}
	spec := gen.ModelSpec{Name: r.flags.str("name"), Attributes: attrs, Underscored: r.flags.bool("underscored")}
	if err := spec.Validate(); err != nil {
		return err
	}
	model, err := gen.Model(spec)
	if err != nil {
		return err
	}
	name := spec.MigrationName(r.stamp("migrations-path"))
	mig, err := gen.CreateMigration(spec, name)
	if err != nil {
		return err
	}
	if err := r.ensurePackage("migrations-path", "migrations"); err != nil {
		return err
	}
	modelPath := filepath.Join(r.path("models-path"), spec.ModelFile())
	migPath := filepath.Join(r.path("migrations-path"), name+".go")
	if err := r.writeFile(modelPath, model, r.flags.bool("force")); err != nil {
		return err
	}
	if err := r.writeFile(migPath, mig, false); err != nil {
		return err
	}
	r.printf("New model was created at %s .\n", r.rel(modelPath))
	r.printf("New migration was created at %s .\n", r.rel(migPath))
	return nil
}

// ensurePackage makes sure a migrations or seeders directory exists with its
// registry file, so a generated file compiles.
func (r *run) ensurePackage(flagName, pkg string) error {
	dir := r.path(flagName)
	regFile := filepath.Join(dir, pkg+".go")
	if fileExists(regFile) {
		r.printf("%s folder at %q already exists.\n", pkg, r.rel(dir))
		return nil
	}
	src, err := gen.RegistryFile(pkg, pkg)
	if err != nil {
		return err
	}
	if err := r.writeFile(regFile, src, false); err != nil {
		return err
	}
	r.printf("Successfully created %s folder at %q.\n", pkg, r.rel(dir))
	return nil
}

func runMigrationGenerate(ctx context.Context, r *run) error {
	if r.flags.bool("auto") {
		return runMigrationAuto(ctx, r)
	}
	for _, f := range []string{"rename", "not-renamed", "drop-tables"} {
		if r.flags.set[f] {
			return fmt.Errorf("--%s is for migration:generate --auto", f)
		}
	}
	path, err := r.writeMigration(r.flags.str("name"), r.flags.bool("force"), gen.EmptyMigration)
	if err != nil {
		return err
	}
	r.printf("New migration was created at %s .\n", r.rel(path))
	return nil
}

// writeMigration writes the migration src makes for the name of a new
// migration called slug (timestamped), into the migrations folder (made
// with its registry file when missing), and returns its path.
func (r *run) writeMigration(slug string, force bool, src func(name string) ([]byte, error)) (string, error) {
	name, err := gen.MigrationFileName(r.stamp("migrations-path"), slug)
	if err != nil {
		return "", err
	}
	b, err := src(name)
	if err != nil {
		return "", err
	}
	if err := r.ensurePackage("migrations-path", "migrations"); err != nil {
		return "", err
	}
	path := filepath.Join(r.path("migrations-path"), name+".go")
	return path, r.writeFile(path, b, force)
}

func runSeedGenerate(ctx context.Context, r *run) error {
	name, err := gen.MigrationFileName(r.stamp("seeders-path"), r.flags.str("name"))
	if err != nil {
		return err
	}
	src, err := gen.Seeder(name)
	if err != nil {
		return err
	}
	if err := r.ensurePackage("seeders-path", "seeders"); err != nil {
		return err
	}
	path := filepath.Join(r.path("seeders-path"), name+".go")
	if err := r.writeFile(path, src, r.flags.bool("force")); err != nil {
		return err
	}
	r.printf("New seed was created at %s .\n", r.rel(path))
	return nil
}

// stamp is the time for a new file's name prefix in the folder a flag
// names: now, or one second after the newest file there, so that files made
// in the same second still sort in the order they were made.
func (r *run) stamp(flagName string) time.Time {
	now := r.now().UTC().Truncate(time.Second)
	entries, _ := os.ReadDir(r.path(flagName))
	for _, e := range entries {
		if len(e.Name()) < 14 {
			continue
		}
		t, err := time.Parse("20060102150405", e.Name()[:14])
		if err == nil && !t.Before(now) {
			now = t.Add(time.Second)
		}
	}
	return now
}
