package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/strata-orm/strata/internal/filelock"
)

// Go migrations and seeders are Go code, so running them takes a build of
// strata with them linked in. delegate makes that build (once: it is cached
// under .strata/bin in the module, keyed by a hash of every input) and runs
// the command in it, with the same arguments and standard streams. A
// project with only .sql migrations never needs a compiler.

// goFiles lists the non-test .go files of dir other than its registry file.
func goFiles(dir, registry string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") || n == registry {
			continue
		}
		out = append(out, filepath.Join(dir, n))
	}
	return out
}

// delegate runs the command in the project's own build when the project has
// Go migrations or seeders and this process is not that build. It reports
// whether it did, and the exit code.
func (r *run) delegate(ctx context.Context) (int, bool, error) {
	if r.opts.Linked != nil {
		return 0, false, nil
	}
	migDir, seedDir := r.path("migrations-path"), r.path("seeders-path")
	models := r.cmd.models != nil && r.cmd.models(r)
	if models {
		if err := r.checkModelsPackage(); err != nil {
			return 0, false, err
		}
	}
	if !models && len(goFiles(migDir, "migrations.go")) == 0 && len(goFiles(seedDir, "seeders.go")) == 0 {
		return 0, false, nil
	}
	if _, err := exec.LookPath("go"); err != nil {
		return 0, false, fmt.Errorf("%s has Go migrations or seeders, which need the go command to build; install Go (https://go.dev/dl) or write .sql migrations", r.dir())
	}
	bin, err := r.buildRunner(ctx, migDir, seedDir)
	if err != nil {
		return 0, false, err
	}
	cmd := exec.CommandContext(ctx, bin, r.args...)
	cmd.Dir = r.cwd() // the build finds the project again, and reads relative flags as given
	cmd.Stdin, cmd.Stdout, cmd.Stderr = r.io.Stdin, r.io.Stdout, r.io.Stderr
	cmd.Env = append(os.Environ(), "STRATA_LINKED=1")
	err = cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode(), true, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("run the project's build of strata (%s): %v", bin, err)
	}
	return 0, true, nil
}

// buildRunner returns the path of the project's build of strata, building
// it when no build for the current sources exists. Commands started at
// once (a deploy that starts several instances) take turns: the build is
// made under a lock on .strata/build.lock, and a command that waited for it
// looks for the build again before making its own.
func (r *run) buildRunner(ctx context.Context, migDir, seedDir string) (string, error) {
	if b, err := r.runnerBuild(ctx, migDir, seedDir, false); err == nil && b != nil && fileExists(b.bin) {
		return b.bin, nil
	}
	lockDir := findModule(r.dir())
	if lockDir == "" {
		lockDir = r.dir() // where ensureModule makes the go.mod
	}
	strataDir := filepath.Join(lockDir, ".strata")
	if err := os.MkdirAll(strataDir, 0o755); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(strataDir, ".gitignore"), []byte("*\n"), 0o644); err != nil {
		return "", err
	}
	lock, err := filelock.Acquire(ctx, filepath.Join(strataDir, "build.lock"), func() {
		fmt.Fprintf(r.io.Stderr, "Waiting for another strata command to build the project's Go migrations...\n")
	})
	if err != nil {
		return "", fmt.Errorf("lock the build of the project's Go migrations: %w", err)
	}
	defer lock.Release()
	b, err := r.runnerBuild(ctx, migDir, seedDir, true)
	if err != nil {
		return "", err
	}
	if fileExists(b.bin) {
		return b.bin, nil // built while this command waited
	}
	return b.bin, r.build(ctx, b)
}

// runnerBuild is the build a command needs: the main to compile and where
// the binary goes.
type runnerBuild struct {
	modDir, main, bin string
}

// runnerBuild works out the build for the current sources. Unless setup is
// set, it changes nothing and returns nil when the project's go.mod needs
// setting up first; with setup (under the build lock) it sets it up.
func (r *run) runnerBuild(ctx context.Context, migDir, seedDir string, setup bool) (*runnerBuild, error) {
	modDir := findModule(r.dir())
	if modDir == "" {
		if !setup {
			return nil, nil
		}
		// Go migrations need a module that requires strata: make one.
		if err := r.ensureModule(ctx); err != nil {
			return nil, err
		}
		if modDir = findModule(r.dir()); modDir == "" {
			return nil, fmt.Errorf("the Go migrations in %s need a go.mod: run \"go mod init\"", migDir)
		}
	}
	gomod, err := os.ReadFile(filepath.Join(modDir, "go.mod"))
	if err != nil {
		return nil, err
	}
	mf, err := modfile.Parse("go.mod", gomod, nil)
	if err != nil {
		return nil, err
	}
	if mf.Module == nil {
		return nil, fmt.Errorf("%s/go.mod has no module line", modDir)
	}
	if !hasTool(mf) && mf.Module.Mod.Path != strataModule {
		if !setup {
			return nil, nil
		}
		if err := r.ensureModule(ctx); err != nil {
			return nil, err
		}
		if gomod, err = os.ReadFile(filepath.Join(modDir, "go.mod")); err != nil {
			return nil, err
		}
		if mf, err = modfile.Parse("go.mod", gomod, nil); err != nil {
			return nil, err
		}
	}
	var imports []string
	var args []string
	for _, p := range []struct{ dir, reg, alias, arg string }{
		{migDir, "migrations.go", "migrations", "migrations.All"},
		{seedDir, "seeders.go", "seeders", "seeders.All"},
	} {
		if len(goFiles(p.dir, p.reg)) == 0 {
			args = append(args, "nil")
			continue
		}
		rel, err := filepath.Rel(modDir, p.dir)
		if err != nil || strings.HasPrefix(rel, "..") {
			return nil, fmt.Errorf("%s is outside the module at %s; Go migrations must be in the project's module", p.dir, modDir)
		}
		imports = append(imports, fmt.Sprintf("%s %q", p.alias, mf.Module.Mod.Path+"/"+filepath.ToSlash(rel)))
		args = append(args, p.arg)
	}
	// The models, when the project has a models package (models.go):
	// db:check, migration:generate --auto and db:diagram read them.
	modelsDir := r.path("models-path")
	if mp := readModelsPackage(modelsDir); mp != nil && (mp.all || len(mp.types) > 0) {
		rel, err := filepath.Rel(modDir, modelsDir)
		if err == nil && !strings.HasPrefix(rel, "..") {
			imports = append(imports, fmt.Sprintf("models %q", mf.Module.Mod.Path+"/"+filepath.ToSlash(rel)))
			args = append(args, mp.arg())
		}
	}
	main := fmt.Sprintf(`// Code generated by strata; DO NOT EDIT.
// This is strata with the project's Go migrations and seeders linked in.
package main

import (
	"os"

	"github.com/strata-orm/strata/cli"
	%s
)

func main() { os.Exit(cli.Main(%s)) }
`, strings.Join(imports, "\n\t"), strings.Join(args, ", "))

	hash, err := r.sourceHash(ctx, modDir, mf, main)
	if err != nil {
		return nil, err
	}
	return &runnerBuild{modDir: modDir, main: main, bin: filepath.Join(modDir, ".strata", "bin", "strata-"+hash[:16])}, nil
}

// build writes the runner's main and builds it (under the build lock).
// Each file appears whole or not at all: written under a name of its own,
// then renamed into place.
func (r *run) build(ctx context.Context, b *runnerBuild) error {
	runnerDir := filepath.Join(b.modDir, ".strata", "runner")
	binDir := filepath.Dir(b.bin)
	for _, d := range []string{runnerDir, binDir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	if err := writeAtomic(filepath.Join(runnerDir, "main.go"), []byte(b.main)); err != nil {
		return err
	}
	fmt.Fprintf(r.io.Stderr, "Building the project's Go migrations (once; cached in %s)...\n", filepath.Join(b.modDir, ".strata"))
	tmp, err := os.CreateTemp(binDir, filepath.Base(b.bin)+"-*.tmp")
	if err != nil {
		return err
	}
	tmp.Close()
	out, err := r.goCmd(ctx, b.modDir, "build", "-o", tmp.Name(), "./.strata/runner")
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("building the project's Go migrations failed (%v):\n%s\n(the build runs \"go build ./.strata/runner\" in %s)", err, strings.TrimSpace(string(out)), b.modDir)
	}
	if err := os.Rename(tmp.Name(), b.bin); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	r.cleanOldBuilds(binDir, b.bin)
	return nil
}

// writeAtomic writes data to path through a temporary file in the same
// folder, renamed over path once complete.
func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+"-*.tmp")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// sourceHash hashes everything a build depends on: the generated main, the
// go command's version, go.mod and go.sum, every .go file of the module, and
// the .go files of a local strata checkout that go.mod replaces strata with.
func (r *run) sourceHash(ctx context.Context, modDir string, mf *modfile.File, main string) (string, error) {
	h := sha256.New()
	io.WriteString(h, main)
	if v, err := r.goCmd(ctx, modDir, "env", "GOVERSION", "GOOS", "GOARCH", "GOFLAGS"); err == nil {
		h.Write(v)
	}
	roots := []string{modDir}
	for _, rep := range mf.Replace {
		if rep.Old.Path == strataModule && rep.New.Version == "" {
			p := rep.New.Path
			if !filepath.IsAbs(p) {
				p = filepath.Join(modDir, p)
			}
			roots = append(roots, p)
		}
	}
	for _, root := range roots {
		var files []string
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if d.IsDir() {
				if path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "vendor" || name == "node_modules") {
					return filepath.SkipDir
				}
				if path != root && fileExists(filepath.Join(path, "go.mod")) {
					return filepath.SkipDir // another module
				}
				return nil
			}
			if (strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go")) || name == "go.mod" || name == "go.sum" {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return "", err
		}
		sort.Strings(files)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				return "", err
			}
			fmt.Fprintf(h, "%s %d\n", f, len(b))
			h.Write(b)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// cleanOldBuilds removes earlier builds (and what a killed build left),
// keeping the current one. It runs under the build lock.
func (r *run) cleanOldBuilds(dir, keep string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if p != keep && strings.HasPrefix(e.Name(), "strata-") {
			os.Remove(p)
		}
	}
}
