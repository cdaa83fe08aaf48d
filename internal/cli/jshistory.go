package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialect/connect"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
	"github.com/strata-orm/strata/sequelizejs"
)

// A sequelize-cli project's migrations and seeders are JavaScript (or
// TypeScript) files. Every command that reads a history records the ones
// directly in its folder in-process (package sequelizejs: no Node, no Go
// build) into Imported migrations strata's engine runs as it runs any other.
// A file that could not be recorded is a skeleton: a command that would run
// it refuses before anything runs.

// jsExts are the extensions of the files sequelize-cli 6.6.5 runs as
// migrations and seeders (its pattern: not .mjs, not .d.ts).
var jsExts = []string{".js", ".cjs", ".ts", ".cts"}

// jsFiles lists the migration or seeder files directly in dir, sorted by
// name as sequelize-cli runs them.
func jsFiles(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		n := e.Name()
		if !e.IsDir() && isJSMigration(n) {
			out = append(out, filepath.Join(dir, n))
		}
	}
	sort.Strings(out)
	return out
}

// isJSMigration reports whether a file name is one sequelize-cli runs.
func isJSMigration(name string) bool {
	if strings.HasSuffix(name, ".d.ts") {
		return false
	}
	return slices.Contains(jsExts, filepath.Ext(name))
}

// esModules lists the .mjs and .mts files directly in dir: sequelize-cli
// 6.6.5 does not run them, so neither does strata (migration:import says so).
func esModules(dir string) []string {
	var out []string
	for _, ext := range []string{"*.mjs", "*.mts"} {
		m, _ := filepath.Glob(filepath.Join(dir, ext))
		out = append(out, m...)
	}
	sort.Strings(out)
	return out
}

// jsHistory is a folder's files as recorded.
type jsHistory struct {
	recs      []*sequelizejs.Recorded
	skeletons map[string]*sequelizejs.Recorded
	schema    *schema.Database // what the files leave, replayed as recorded
}

// recordJS records the JavaScript migrations of dir for the dialect
// (postgres, mysql, sqlite; "" when unknown), once per command. Seeders
// (seeds) are recorded on the schema the migration history builds, so
// their introspection and rows see its tables.
func (r *run) recordJS(dir, dialectName string, seeds bool) (*jsHistory, error) {
	key := jsKey(dir, dialectName)
	if h, ok := r.recorded[key]; ok {
		return h, nil
	}
	h := &jsHistory{skeletons: map[string]*sequelizejs.Recorded{}}
	// Each file as sequelizejs.RecordDir records them, but with the time
	// `new Date()` gives a file fixed by its name, so that recording it
	// again (the next command, migration:import) records the same
	// operations and its checksum holds.
	files := jsFiles(dir)
	if len(files) > 0 && dialectName == "" {
		return nil, fmt.Errorf("the migrations in %s are JavaScript, recorded for a dialect (Sequelize's names and types differ), and no database is configured to say which: pass --url (or set DATABASE_URL, or the environment's dialect in %s)", r.rel(dir), r.flags.str("config"))
	}
	opts := r.recordOptions(dialectName)
	// One History for the folder, as RecordDir keeps: a read of a table an
	// earlier file put rows into stays a Problem instead of a check that
	// would always fail.
	opts.History = &sequelizejs.History{}
	var before *schema.Database
	if seeds && len(files) > 0 {
		before = r.historySchema(dialectName)
		if r.seedSchema != nil {
			before = r.seedSchema.Clone()
		}
	}
	for _, f := range files {
		opts.Now = fileTime(filepath.Base(f))
		rec, after, err := sequelizejs.RecordFile(f, before, opts)
		if err != nil {
			return nil, err
		}
		h.recs = append(h.recs, rec)
		before = after
	}
	h.schema = before
	h.skeletons = sequelizejs.Skeletons(h.recs)
	if r.recorded == nil {
		r.recorded = map[string]*jsHistory{}
	}
	r.recorded[key] = h
	return h, nil
}

// historySchema is the schema the migration history builds (replayed
// offline: its .sql, JavaScript and Go migrations), nil when it does not
// replay (then the seeders are recorded on an empty schema, and say so in
// their warnings).
func (r *run) historySchema(dialectName string) *schema.Database {
	d := dialectNamed(dialectName)
	src, err := r.historySources(migrations, dialectName)
	if d == nil || err != nil {
		return nil
	}
	rep, err := migrate.Replay(d, nil, src...)
	if err != nil {
		return nil
	}
	return rep.Schema
}

// dialectNamed is the dialect of that name, nil for none.
func dialectNamed(name string) dialect.Dialect {
	for _, d := range connect.Dialects() {
		if d.Name() == name {
			return d
		}
	}
	return nil
}

// fileTime is the time a migration's name starts with (YYYYMMDDHHMMSS or
// YYYYMMDD, UTC), else the Unix epoch: what `new Date()` gives the file.
func fileTime(name string) time.Time {
	digits := 0
	for digits < len(name) && '0' <= name[digits] && name[digits] <= '9' {
		digits++
	}
	for _, layout := range []string{"20060102150405", "20060102"} {
		if digits >= len(layout) {
			if t, err := time.Parse(layout, name[:len(layout)]); err == nil {
				return t
			}
		}
	}
	return time.Unix(0, 0).UTC()
}

// recordOptions are the recording's options: the dialect, and process.env
// as the config file saw it (what .sequelizerc's dotenv loaded included),
// with NODE_ENV the environment the command runs in when it is unset.
func (r *run) recordOptions(dialectName string) sequelizejs.RecordOptions {
	getenv := r.configGetenv()
	env := r.flags.str("env")
	return sequelizejs.RecordOptions{Dialect: dialectName, Getenv: func(k string) string {
		v := getenv(k)
		if k == "NODE_ENV" && v == "" {
			return env
		}
		return v
	}}
}

// jsSource is the option that adds the recorded JavaScript of a history's
// folder, nil when it has none.
func (r *run) jsSource(h history, dialectName string) ([]migrate.Option, error) {
	js, err := r.recordJS(r.path(h.flag), dialectName, h.noun == "seed")
	if err != nil || len(js.recs) == 0 {
		return nil, err
	}
	return []migrate.Option{migrate.WithGo(sequelizejs.Registry(js.recs))}, nil
}

// jsKey is the key of a folder's recording for a dialect.
func jsKey(dir, dialectName string) string { return dir + "\x00" + dialectName }

// refuseSkeletons fails, before anything runs, when the migrations a run
// in direction dir with opts would run include a JavaScript file that
// could not be recorded: each with its file, line, reason and what to do.
// A run the plan cannot be made for is left to report its own error.
func (s *session) refuseSkeletons(ctx context.Context, dir migrate.Direction, opts ...migrate.RunOption) error {
	if s.js == nil || len(s.js.skeletons) == 0 {
		return nil
	}
	plan, err := s.m.Plan(ctx, dir, opts...)
	if err != nil {
		return nil
	}
	names := make([]string, len(plan))
	for i, p := range plan {
		names[i] = p.Name
	}
	if err := sequelizejs.NotPortedAll(s.js.skeletons, string(dir), names); err != nil {
		return fmt.Errorf("nothing was run: %w", err)
	}
	return nil
}

// skeleton is the recorded file of that name when it could not be
// recorded (nil for none, and on a nil history).
func (h *jsHistory) skeleton(name string) *sequelizejs.Recorded {
	if h == nil {
		return nil
	}
	return h.skeletons[name]
}

// notPortedMark is what db:migrate:status says of a JavaScript file that
// could not be recorded: its first problem.
func notPortedMark(rec *sequelizejs.Recorded) string {
	p := rec.Problems[0]
	return fmt.Sprintf("not ported: %s line %d: %s; migration:import writes it as a Go skeleton to port", p.Direction, p.Line, p.Reason)
}
