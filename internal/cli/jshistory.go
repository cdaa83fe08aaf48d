package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/sequelizejs"
)

// A sequelize-cli project's migrations and seeders are JavaScript (or
// TypeScript) files. Every command that reads a history records the ones
// directly in its folder in-process (package sequelizejs: no Node, no Go
// build) into Imported migrations strata's engine runs as it runs any other.
// A file that could not be recorded is a skeleton: a command that would run
// it refuses before anything runs.

// jsExts are the extensions of the files sequelize-cli loads as migrations.
var jsExts = []string{".js", ".cjs", ".mjs", ".ts", ".cts", ".mts"}

// jsFiles lists the migration or seeder files directly in dir, by name
// (TypeScript declarations left out).
func jsFiles(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || strings.HasSuffix(n, ".d.ts") || strings.HasPrefix(n, ".") {
			continue
		}
		for _, ext := range jsExts {
			if strings.HasSuffix(n, ext) {
				out = append(out, filepath.Join(dir, n))
				break
			}
		}
	}
	return out
}

// jsHistory is a folder's files as recorded.
type jsHistory struct {
	recs      []*sequelizejs.Recorded
	skeletons map[string]*sequelizejs.Recorded
}

// recordJS records the JavaScript migrations of dir for the dialect
// (postgres, mysql, sqlite; "" when unknown), once per command.
func (r *run) recordJS(dir, dialectName string) (*jsHistory, error) {
	key := jsKey(dir, dialectName)
	if h, ok := r.js[key]; ok {
		return h, nil
	}
	h := &jsHistory{skeletons: map[string]*sequelizejs.Recorded{}}
	if len(jsFiles(dir)) > 0 {
		recs, err := sequelizejs.RecordDir(dir, r.recordOptions(dialectName))
		if err != nil {
			return nil, err
		}
		h.recs, h.skeletons = recs, sequelizejs.Skeletons(recs)
	}
	if r.js == nil {
		r.js = map[string]*jsHistory{}
	}
	r.js[key] = h
	return h, nil
}

// recordOptions are the recording's options: process.env as the command
// sees it, the project folder as process.cwd().
func (r *run) recordOptions(dialectName string) sequelizejs.Options {
	env := map[string]string{}
	for _, kv := range os.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok {
			env[k] = v
		}
	}
	for _, k := range []string{"NODE_ENV", "STRATA_ENV", "DATABASE_URL"} {
		if v := r.getenv(k); v != "" {
			env[k] = v
		} else {
			delete(env, k)
		}
	}
	if env["NODE_ENV"] == "" {
		env["NODE_ENV"] = r.flags.str("env")
	}
	_ = dialectName // the recorder's Options.Dialect, once it has it
	return sequelizejs.Options{Env: env, Cwd: r.dir()}
}

// jsSource is the option that adds the recorded JavaScript of a history's
// folder, nil when it has none.
func (r *run) jsSource(h history, dialectName string) ([]migrate.Option, error) {
	js, err := r.recordJS(r.path(h.flag), dialectName)
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
