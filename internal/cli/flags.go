package cli

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/strata-orm/strata/internal/naming"
)

type flagDef struct {
	usage string
	kind  string // string, boolean, array, duration
	def   string
}

var baseFlags = []string{"env", "config", "url", "migrations-path", "seeders-path", "models-path", "debug"}

var flagDefs = map[string]flagDef{
	"version":            {"Show version number", "boolean", ""},
	"help":               {"Show help", "boolean", ""},
	"env":                {"The environment to run the command in (also STRATA_ENV)", "string", "development"},
	"config":             {"The path to the config file", "string", "config/config.json"},
	"url":                {"The database connection string to use. Alternative to using --config files (also DATABASE_URL)", "string", ""},
	"migrations-path":    {"The path to the migrations folder", "string", "migrations"},
	"seeders-path":       {"The path to the seeders folder", "string", "seeders"},
	"models-path":        {"The path to the models folder", "string", "models"},
	"debug":              {"When available show various debug information (the SQL run)", "boolean", ""},
	"name":               {"", "string", ""},
	"attributes":         {"A list of attributes, e.g. firstName:string,email:string!:unique", "string", ""},
	"force":              {"", "boolean", ""},
	"underscored":        {"Use snake case for table and column names, in the model and the migration alike", "boolean", ""},
	"to":                 {"Migration name to run migrations until (inclusive)", "string", ""},
	"from":               {"Migration name to start migrations from (excluding)", "string", ""},
	"dry-run":            {"Print the SQL each migration would run, without running it", "boolean", ""},
	"downs":              {"Also replay every migration up then down offline and list those whose down does not undo its up (not counted as errors)", "boolean", ""},
	"json":               {"Print the status as JSON (alone on stdout; the rest goes to stderr)", "boolean", ""},
	"seed":               {"List of seed files (names, comma-separated or repeated)", "array", ""},
	"allow-out-of-order": {"Apply pending migrations older than the last applied one", "boolean", ""},
	"lock-timeout":       {"How long to wait for another run's migration lock", "duration", "60s"},
	"yes-really":         {"Confirm a destructive command in the production environment", "boolean", ""},
	"allow-missing":      {"Run although applied migrations are missing from the migrations folder", "boolean", ""},
	"mark-applied":       {"Record the migration as applied (after finishing it by hand)", "boolean", ""},
	"forget":             {"Remove the migration's record, so that it runs again (after undoing it by hand)", "boolean", ""},
	"large-table":        {"The row count above which a PostgreSQL index must be built CONCURRENTLY (lint rule L007)", "string", "100000"},
	"accept-checksum":    {"Record the edited migration's new checksum as the applied one", "boolean", ""},
	"auto":               {"Write the migration that brings the migration history to the models (Up and Down)", "boolean", ""},
	"rename":             {"A rename to take instead of a drop and an add: old:new for a table, table.old:new for a column (comma-separated or repeated)", "array", ""},
	"not-renamed":        {"A table (old) or column (table.old) that looks renamed and is not: dropped, and the new one added", "array", ""},
	"drop-tables":        {"Also drop the tables no model maps (they are listed and left without it)", "boolean", ""},
	"offline":            {"Compare the models with the migration history only, without a database", "boolean", ""},
	"tables":             {"Only these tables (comma-separated or repeated)", "array", ""},
	"format":             {"The output format: mermaid, dot, svg or png (svg and png need Graphviz's dot)", "string", "mermaid"},
	"out":                {"Write to this file instead of standard output", "string", ""},
	"seeders":            {"The folder of the sequelize-cli seeders to convert (default: the seeders folder)", "string", ""},
	"dialect":            {"The dialect to record the migrations for: postgres, mysql or sqlite (default: the configured environment's)", "string", ""},
	"keep-js":            {"Leave the JavaScript originals in place instead of moving them into sequelize-cli/ inside their folder, which no command loads (db:migrate refuses each name defined twice until they are removed)", "boolean", ""},
	"from-db":            {"Draw the live database's tables instead of the models", "boolean", ""},
	"from-sequelize":     {"Convert the Sequelize model files of this folder (define, class + init, sequelize-typescript) instead of reading a database", "string", ""},
}

// usageFor gives a flag's usage text for one command, where it differs.
func usageFor(cmd, name string) string {
	switch name {
	case "name":
		switch {
		case strings.HasPrefix(cmd, "model:"):
			return "Defines the name of the new model"
		case strings.HasPrefix(cmd, "migration:"):
			return "Defines the name of the migration"
		case strings.HasPrefix(cmd, "seed:"):
			return "Defines the name of the seed"
		case cmd == "db:migrate":
			return "Migration name. When specified, only this migration will be run. Mutually exclusive with --to and --from"
		case strings.HasPrefix(cmd, "db:migrate:undo"):
			return "Name of the migration to undo"
		case cmd == "db:migrate:repair":
			return "Name of the migration to repair"
		}
	case "from":
		if cmd == "migration:import" {
			return "The folder of the sequelize-cli migrations to convert (default: the migrations folder)"
		}
	case "out":
		if cmd == "migration:import" {
			return "The folder to write the Go migrations into (default: the migrations folder); seeders go into the seeders folder"
		}
		if cmd == "model:import" {
			return "The folder to write the models to (default: --models-path)"
		}
	case "force":
		if cmd == "migration:import" {
			return "Overwrite Go files of the same names"
		}
		if strings.HasPrefix(cmd, "init") {
			return "Will drop the existing files and re-create them"
		}
		return "Forcefully re-creates files with the same name"
	case "to":
		if cmd == "db:migrate:undo:all" {
			return "Revert to the provided migration (inclusive)"
		}
	}
	return flagDefs[name].usage
}

// flagValues holds parsed flags.
type flagValues struct {
	strs    map[string]*string
	bools   map[string]*bool
	seeds   []string             // --seed
	lists   map[string]*[]string // the other array flags
	lock    time.Duration
	help    bool
	version bool
	set     map[string]bool
}

func (f *flagValues) str(name string) string {
	if p := f.strs[name]; p != nil {
		return *p
	}
	return ""
}

// list is an array flag's values (every use, comma-separated values split).
func (f *flagValues) list(name string) []string {
	if p := f.lists[name]; p != nil {
		return *p
	}
	return nil
}

func (f *flagValues) bool(name string) bool {
	if p := f.bools[name]; p != nil {
		return *p
	}
	return false
}

type listFlag struct{ list *[]string }

func (l listFlag) String() string { return "" }
func (l listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l.list = append(*l.list, s)
		}
	}
	return nil
}

func (r *run) parseFlags(c *command, args []string) (*flagValues, error) {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fv := &flagValues{strs: map[string]*string{}, bools: map[string]*bool{}, lists: map[string]*[]string{}, set: map[string]bool{}}
	fs.BoolVar(&fv.help, "help", false, "")
	fs.BoolVar(&fv.help, "h", false, "")
	fs.BoolVar(&fv.version, "version", false, "")
	for _, n := range append(baseFlags, c.flags...) {
		d := flagDefs[n]
		switch d.kind {
		case "boolean":
			fv.bools[n] = fs.Bool(n, false, usageFor(c.name, n))
		case "array":
			list := &fv.seeds
			if n != "seed" {
				list = new([]string)
				fv.lists[n] = list
			}
			fs.Var(listFlag{list}, n, usageFor(c.name, n))
		case "duration":
			def, _ := time.ParseDuration(d.def)
			fs.DurationVar(&fv.lock, n, def, usageFor(c.name, n))
		default:
			fv.strs[n] = fs.String(n, "", usageFor(c.name, n))
		}
	}
	if err := fs.Parse(args); err != nil {
		r.banner()
		r.printCommandHelp(r.io.Stderr, c)
		msg := err.Error()
		if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
			name = strings.TrimPrefix(name, "-")
			msg = fmt.Sprintf("Unknown option --%s for %s.", name, c.name)
			known := append(slices.Clone(baseFlags), c.flags...)
			if s := naming.Closest(name, known); s != "" {
				msg += fmt.Sprintf(" Did you mean --%s?", s)
			}
		} else {
			msg = strings.ToUpper(msg[:1]) + msg[1:]
		}
		return nil, &errUsage{msg}
	}
	if fs.NArg() > 0 {
		r.banner()
		r.printCommandHelp(r.io.Stderr, c)
		return nil, &errUsage{fmt.Sprintf("Unexpected argument %q: options take the form --name value", fs.Arg(0))}
	}
	fs.Visit(func(f *flag.Flag) { fv.set[f.Name] = true })
	return fv, r.applyDefaults(fv)
}

// applyDefaults fills the base flags from the rc file, the environment and
// the built-in defaults, in that order of precedence after the command line.
func (r *run) applyDefaults(fv *flagValues) error {
	rcv, err := r.loadRC()
	if err != nil {
		return err
	}
	fill := func(name, fromRC, fromEnv, def string) {
		p := fv.strs[name]
		if p == nil || fv.set[name] {
			return
		}
		switch {
		case fromRC != "":
			*p = fromRC
		case fromEnv != "":
			*p = fromEnv
		default:
			*p = def
		}
	}
	env := r.getenv("STRATA_ENV")
	if env == "" {
		env = r.getenv("NODE_ENV")
	}
	fill("env", "", env, "development")
	if rcv.Env != "" && !fv.set["env"] && r.getenv("STRATA_ENV") == "" {
		*fv.strs["env"] = rcv.Env
	}
	fill("config", rcv.Config, "", defaultConfigPath(r.dir()))
	if p := fv.bools["debug"]; p != nil && rcv.Debug && !fv.set["debug"] {
		*p = true
	}
	fill("url", rcv.URL, "", "")
	fill("migrations-path", rcv.MigrationsPath, "", "migrations")
	fill("seeders-path", rcv.SeedersPath, "", "seeders")
	fill("models-path", rcv.ModelsPath, "", "models")
	return nil
}

// cwd is the folder the command runs in: Options.Dir, else the working
// directory.
func (r *run) cwd() string {
	if r.opts.Dir != "" {
		return r.opts.Dir
	}
	return "."
}

// dir is the project directory (see projectRoot), found once.
func (r *run) dir() string {
	if r.root == "" {
		r.root = projectRoot(r.cwd())
	}
	return r.root
}

// projectRoot is the project that dir is in: the nearest of dir and the
// folders above it that holds a .stratarc, a .sequelizerc, a
// config/config.json or config.js, or a go.mod, so that a command run from a subfolder (models/, cmd/app/) works
// on the project, as the go command and git do; dir itself when none does
// (a new project).
func projectRoot(dir string) string {
	return findRoot(dir, RCFile, SequelizeRCFile, filepath.Join("config", "config.json"), filepath.Join("config", "config.js"), "go.mod")
}

// strataRoot is the strata (or sequelize-cli) project dir is in (the
// nearest folder with a .stratarc, a .sequelizerc or a
// config/config.json or config.js), or dir itself: where init lays out a
// project.
func strataRoot(dir string) string {
	return findRoot(dir, RCFile, SequelizeRCFile, filepath.Join("config", "config.json"), filepath.Join("config", "config.js"))
}

func findRoot(dir string, markers ...string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dir
	}
	for d := abs; ; d = filepath.Dir(d) {
		for _, marker := range markers {
			if fileExists(filepath.Join(d, marker)) {
				return d
			}
		}
		if filepath.Dir(d) == d {
			return abs
		}
	}
}

// path resolves a path flag absolutely: a path given on the command line
// against the folder the command runs in, as any command's; one from
// .stratarc or the default against the project directory.
func (r *run) path(flagName string) string {
	p := r.flags.str(flagName)
	if !filepath.IsAbs(p) {
		base := r.dir()
		if r.flags.set[flagName] {
			base = r.cwd()
		}
		p = filepath.Join(base, p)
	}
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return p
}
