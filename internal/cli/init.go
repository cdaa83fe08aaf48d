package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/strata-orm/strata/gen"
)

// writeFile writes data to path unless it exists and force is off, in which
// case the error says how to overwrite it, as sequelize-cli's does.
func (r *run) writeFile(path string, data []byte, force bool) error {
	if _, err := os.Stat(path); err == nil && !force {
		return fmt.Errorf("the file %s already exists. Run command with --force to overwrite it", r.rel(path))
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// rel shows path relative to the project directory when it is inside it.
func (r *run) rel(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	return abs
}

func (r *run) initConfig() error {
	path := r.path("config")
	// Written by hand to keep Sequelize's order: development, test, production.
	var b []byte
	cfg := DefaultConfig()
	b = append(b, "{\n"...)
	for i, env := range []string{"development", "test", "production"} {
		block, err := json.MarshalIndent(cfg[env], "  ", "  ")
		if err != nil {
			return err
		}
		b = append(b, fmt.Sprintf("  %q: %s", env, block)...)
		if i < 2 {
			b = append(b, ',')
		}
		b = append(b, '\n')
	}
	b = append(b, '}')
	b = scriptConfig(path, b)
	if err := r.writeFile(path, append(b, '\n'), r.flags.bool("force")); err != nil {
		return err
	}
	r.printf("Created %q\n", r.configName())
	return nil
}

// initPackage creates dir with its registry file (migrations, seeders) or
// a doc file (models).
func (r *run) initPackage(flagName, pkg, what string) error {
	dir := r.path(flagName)
	if fileExists(filepath.Join(dir, pkg+".go")) && !r.flags.bool("force") {
		r.printf("%s folder at %q already exists.\n", pkg, r.rel(dir))
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var src []byte
	var err error
	if pkg == "models" {
		src, err = gen.ModelsPackage()
	} else {
		src, err = gen.RegistryFile(pkg, what)
	}
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, pkg+".go"), src, 0o644); err != nil {
		return err
	}
	r.printf("Successfully created %s folder at %q.\n", pkg, r.rel(dir))
	return nil
}

func runInit(ctx context.Context, r *run) error {
	if err := r.initConfig(); err != nil {
		return err
	}
	for _, p := range []struct{ flag, pkg, what string }{
		{"models-path", "models", "models"},
		{"migrations-path", "migrations", "migrations"},
		{"seeders-path", "seeders", "seeders"},
	} {
		if err := r.initPackage(p.flag, p.pkg, p.what); err != nil {
			return err
		}
	}
	return r.ensureModule(ctx)
}
