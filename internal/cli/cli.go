package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/strata-orm/strata/internal/spell"
	"github.com/strata-orm/strata/schema"
	"github.com/strata-orm/strata/sequelizejs"
)

// IO is where a run reads and writes.
type IO struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
}

// Options configure a run beyond its arguments.
type Options struct {
	// Dir is the project directory; the working directory when empty.
	Dir string
	// Getenv reads the environment; os.Getenv when nil.
	Getenv func(string) string
	// Now is the clock for generated file names; time.Now when nil.
	Now func() time.Time
	// Linked is set in the build of the command made for a project, with
	// its Go migrations and seeders (package github.com/strata-orm/strata/cli).
	Linked *Linked
}

// run is the state of one invocation.
type run struct {
	args  []string // as given, for a delegated run
	io    IO
	opts  Options
	flags *flagValues
	cmd   *command
	// colorOut and colorErr: whether to write colour codes to standard
	// output and standard error (see useColor).
	colorOut, colorErr bool
	// jsonOut is standard output when the command prints JSON (--json);
	// the rest of what it says goes to standard error.
	jsonOut io.Writer
	root    string // the project directory, once found (see dir)
	header  bool

	// jsrt evaluates the project's .sequelizerc and JavaScript config
	// (see js), made on first use.
	jsrt *sequelizejs.Runtime
	// rcWarnings are what loading .sequelizerc found to say, printed with
	// the configuration.
	rcWarnings []string
	// seedSchema, when set, is the schema seeders are recorded on
	// instead of the migrations folder's history: migration:import
	// --from's, the history it recorded.
	seedSchema *schema.Database
	// recorded are the JavaScript migration folders as recorded
	// (jshistory.go), once per command.
	recorded map[string]*jsHistory
}

func (r *run) getenv(k string) string {
	if r.opts.Getenv != nil {
		return r.opts.Getenv(k)
	}
	return os.Getenv(k)
}

func (r *run) now() time.Time {
	if r.opts.Now != nil {
		return r.opts.Now()
	}
	return time.Now()
}

// Version is strata's version as the build records it.
func Version() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == "github.com/strata-orm/strata" && !strings.HasPrefix(d.Version, "v0.0.0-") && d.Version != "(devel)" {
				return strings.TrimPrefix(d.Version, "v")
			}
		}
		if bi.Main.Path == "github.com/strata-orm/strata" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			return strings.TrimPrefix(bi.Main.Version, "v")
		}
	}
	return "0.1.0-dev"
}

func (r *run) banner() {
	if r.header {
		return
	}
	r.header = true
	title := fmt.Sprintf("strata CLI [Go: %s, strata: %s]", runtime.Version(), Version())
	if r.colorOut {
		title = "\x1b[4m" + title + "\x1b[24m"
	}
	fmt.Fprintf(r.io.Stdout, "\n%s\n\n", title)
}

func (r *run) printf(format string, args ...any) { fmt.Fprintf(r.io.Stdout, format, args...) }

// errUsage is a usage error: the help is printed with it.
type errUsage struct{ msg string }

func (e *errUsage) Error() string { return e.msg }

// Run runs the strata command with args (without the program name) and
// returns the process exit code: 0 on success, 1 on any failure.
func Run(ctx context.Context, args []string, stdio IO, opts Options) int {
	r := &run{args: args, io: stdio, opts: opts}
	r.colorOut, r.colorErr = r.useColor(stdio.Stdout), r.useColor(stdio.Stderr)
	if err := r.main(ctx, args); err != nil {
		var code exitCode
		if errors.As(err, &code) {
			return int(code)
		}
		var u *errUsage
		if errors.As(err, &u) {
			fmt.Fprintf(stdio.Stderr, "\n%s\n", u.msg)
			return 1
		}
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		msg := err.Error()
		if r.colorErr {
			fmt.Fprintf(stdio.Stderr, "\n\x1b[31mERROR:\x1b[39m %s\n", msg)
		} else {
			fmt.Fprintf(stdio.Stderr, "\nERROR: %s\n", msg)
		}
		return 1
	}
	return 0
}

// useColor reports whether to write colour codes to w: only when w is a
// terminal, and never when NO_COLOR is set (https://no-color.org) or TERM
// is "dumb". Each stream is asked on its own, so a redirected stderr gets
// plain text whatever stdout is.
func (r *run) useColor(w io.Writer) bool {
	return isTerminal(w) && r.getenv("NO_COLOR") == "" && r.getenv("TERM") != "dumb"
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func (r *run) main(ctx context.Context, args []string) error {
	if len(args) == 0 {
		r.banner()
		r.printUsage(r.io.Stdout)
		return &errUsage{"Please specify a command"}
	}
	name := args[0]
	switch name {
	case "--version", "-v", "version":
		r.printf("%s\n", Version())
		return nil
	case "--help", "-h", "help":
		r.banner()
		if len(args) > 1 {
			c := lookup(args[1])
			if c == nil {
				return r.unknownCommand(args[1])
			}
			r.printCommandHelp(r.io.Stdout, c)
			return nil
		}
		r.printUsage(r.io.Stdout)
		return nil
	}
	c := lookup(name)
	if c == nil {
		r.banner()
		return r.unknownCommand(name)
	}
	r.cmd = c
	fv, err := r.parseFlags(c, args[1:])
	if err != nil {
		return err
	}
	r.flags = fv
	if fv.version {
		r.printf("%s\n", Version())
		return nil
	}
	if fv.help {
		r.banner()
		r.printCommandHelp(r.io.Stdout, c)
		return nil
	}
	for _, req := range c.required {
		if fv.str(req) == "" && !(req == "seed" && len(fv.seeds) > 0) {
			r.banner()
			r.printCommandHelp(r.io.Stderr, c)
			return &errUsage{"Missing required argument: " + req}
		}
	}
	if (c.linkable || c.models != nil && c.models(r)) && r.opts.Linked == nil {
		if code, delegated, err := r.delegate(ctx); err != nil {
			r.banner()
			return err
		} else if delegated {
			return exitCode(code)
		}
	}
	if fv.bool("json") {
		// Standard output carries the JSON alone; what is said around it
		// (the banner, the configuration used) goes to standard error.
		r.jsonOut = r.io.Stdout
		r.io.Stdout, r.colorOut = r.io.Stderr, r.colorErr
	}
	r.banner()
	if strings.HasPrefix(c.name, "init") {
		// init lays out a project where it runs, even inside a larger Go
		// module (a monorepo); only a strata project already above is
		// that project.
		r.root = strataRoot(r.cwd())
	}
	if cwd, err := filepath.Abs(r.cwd()); err == nil && cwd != r.dir() {
		r.printf("Using the project at %s (the nearest folder with %s, config/config.json or go.mod).\n", r.dir(), RCFile)
	}
	return c.run(ctx, r)
}

// unknownCommand prints the usage on stderr and returns the usage error
// for a command that does not exist, with the closest one.
func (r *run) unknownCommand(name string) error {
	r.printUsage(r.io.Stderr)
	msg := fmt.Sprintf("Unknown command %q.", name)
	if s := spell.Suggest(name, commandNames()); s != "" {
		msg += fmt.Sprintf(" Did you mean %s?", s)
	}
	return &errUsage{msg}
}

// command is one strata command.
type command struct {
	name     string
	summary  string
	flags    []string // command-specific flags, by name
	required []string
	linkable bool // needs the project's Go migrations or seeders
	// models, when set, says whether the run (with its flags) needs the
	// project's models (so a build with them linked in).
	models func(*run) bool
	run    func(ctx context.Context, r *run) error
}

func lookup(name string) *command {
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	return nil
}

func commandNames() []string {
	var out []string
	for _, c := range commands() {
		out = append(out, c.name)
	}
	return out
}

func (r *run) printUsage(w io.Writer) {
	fmt.Fprintf(w, "strata <command>\n\nCommands:\n")
	width := 0
	for _, c := range commands() {
		width = max(width, len(c.name))
	}
	for _, c := range commands() {
		fmt.Fprintf(w, "  strata %-*s  %s\n", width, c.name, c.summary)
	}
	fmt.Fprintf(w, "\nOptions:\n  --version  Show version number  [boolean]\n  --help     Show help  [boolean]\n\nRun \"strata help <command>\" for a command's options.\n")
}

func (r *run) printCommandHelp(w io.Writer, c *command) {
	fmt.Fprintf(w, "strata %s\n\n%s\n\nOptions:\n", c.name, c.summary)
	names := append(slices.Clone(baseFlags), c.flags...)
	width := 0
	for _, n := range names {
		width = max(width, len(n)+2)
	}
	for _, n := range append([]string{"version", "help"}, names...) {
		d := flagDefs[n]
		line := fmt.Sprintf("  --%-*s  %s  [%s]", width-2, n, usageFor(c.name, n), d.kind)
		if slices.Contains(c.required, n) {
			line += " [required]"
		}
		if d.def != "" {
			line += fmt.Sprintf(" [default: %q]", d.def)
		}
		fmt.Fprintln(w, line)
	}
}
