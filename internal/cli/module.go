package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"golang.org/x/mod/modfile"
)

// strataModule is strata's module path.
const strataModule = "github.com/strata-orm/strata"

// findModule returns the directory of the go.mod that governs dir, or "".
func findModule(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for d := abs; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// strataSource is a local checkout of strata to point a project at with a
// replace directive while strata is not published: $STRATA_SOURCE, or the
// checkout this binary was built from.
func (r *run) strataSource() string {
	if s := r.getenv("STRATA_SOURCE"); s != "" {
		return s
	}
	_, file, _, ok := runtime.Caller(0)
	if !ok || !filepath.IsAbs(file) {
		return "" // built with -trimpath
	}
	root := filepath.Dir(filepath.Dir(filepath.Dir(file)))
	if b, err := os.ReadFile(filepath.Join(root, "go.mod")); err == nil && modfile.ModulePath(b) == strataModule {
		return root
	}
	return ""
}

// ensureModule makes the project a Go module that requires strata, so its Go
// migrations, seeders and models build: it creates go.mod when there is none
// and adds the requirement (with a replace directive to a local checkout
// while strata is not published).
func (r *run) ensureModule(ctx context.Context) error {
	if _, err := exec.LookPath("go"); err != nil {
		r.printf("Note: the go command is not on PATH; Go migrations need it (.sql migrations do not).\n")
		return nil
	}
	modDir := findModule(r.dir())
	if modDir == "" {
		abs, err := filepath.Abs(r.dir())
		if err != nil {
			return err
		}
		name := strings.ToLower(filepath.Base(abs))
		if out, err := r.goCmd(ctx, abs, "mod", "init", name); err != nil {
			return fmt.Errorf("go mod init %s: %v\n%s", name, err, out)
		}
		modDir = abs
		r.printf("Created go.mod (module %s).\n", name)
	}
	b, err := os.ReadFile(filepath.Join(modDir, "go.mod"))
	if err != nil {
		return err
	}
	mf, err := modfile.Parse("go.mod", b, nil)
	if err != nil {
		return err
	}
	if mf.Module != nil && mf.Module.Mod.Path == strataModule {
		return nil // strata's own repository
	}
	required := false
	for _, req := range mf.Require {
		required = required || req.Mod.Path == strataModule
	}
	if required && hasTool(mf) {
		return nil
	}
	// The tool directive makes go.mod track everything the strata command
	// needs (the build of it with the project's Go migrations among them),
	// and lets the project run it as "go tool strata".
	args := []string{"mod", "edit", "-tool=" + strataTool}
	src := ""
	if !required {
		args = append(args, "-require="+strataModule+"@v0.0.0-00010101000000-000000000000")
		if src = r.strataSource(); src != "" {
			args = append(args, "-replace="+strataModule+"="+src)
		}
	}
	if out, err := r.goCmd(ctx, modDir, args...); err != nil {
		return fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	if out, err := r.goCmd(ctx, modDir, "mod", "tidy"); err != nil {
		return fmt.Errorf("go mod tidy in %s: %v\n%s\nstrata is not published yet: point the project at a checkout with\n  go mod edit -replace=%s=/path/to/strata", modDir, err, out, strataModule)
	}
	switch {
	case required:
		r.printf("Added the strata tool to go.mod (run it as \"go tool strata\").\n")
	case src != "":
		r.printf("Added %s to go.mod (replace => %s); run it as \"go tool strata\" too.\n", strataModule, src)
	default:
		r.printf("Added %s to go.mod; run it as \"go tool strata\" too.\n", strataModule)
	}
	return nil
}

// strataTool is the strata command's package, a tool of projects using strata.
const strataTool = strataModule + "/cmd/strata"

func hasTool(mf *modfile.File) bool {
	for _, t := range mf.Tool {
		if t.Path == strataTool {
			return true
		}
	}
	return false
}

func (r *run) goCmd(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return out.Bytes(), fmt.Errorf("exit status %d", ee.ExitCode())
	}
	return out.Bytes(), err
}
