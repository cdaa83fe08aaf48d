package cli

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dop251/goja"
	"github.com/strata-orm/strata/internal/naming"
)

// SequelizeRCFile is sequelize-cli's rc file: JavaScript that sets the base
// flags' defaults (module.exports = {config: path.resolve('config',
// 'database.js'), 'migrations-path': …}). strata evaluates it in the
// project's engine, with process.cwd() the project directory.
const SequelizeRCFile = ".sequelizerc"

// sequelizeRCKeys are the keys sequelize-cli reads from .sequelizerc.
var sequelizeRCKeys = []string{"env", "config", "url", "migrations-path", "seeders-path", "models-path", "options-path", "debug"}

// loadRC is the base flags' defaults from the project's rc files:
// .stratarc's keys win over .sequelizerc's, key by key, so a project
// moving from sequelize-cli keeps its .sequelizerc and overrides in
// .stratarc what strata should do differently.
func (r *run) loadRC() (rc, error) {
	own, err := loadRC(r.dir())
	if err != nil {
		return own, err
	}
	path := filepath.Join(r.dir(), SequelizeRCFile)
	if !fileExists(path) {
		return own, nil
	}
	seq, warnings, err := r.loadSequelizeRC(path)
	if err != nil {
		return own, err
	}
	r.rcWarnings = warnings
	for _, f := range []struct{ own, seq *string }{
		{&own.Env, &seq.Env}, {&own.Config, &seq.Config}, {&own.URL, &seq.URL},
		{&own.MigrationsPath, &seq.MigrationsPath}, {&own.SeedersPath, &seq.SeedersPath},
		{&own.ModelsPath, &seq.ModelsPath},
	} {
		if *f.own == "" {
			*f.own = *f.seq
		}
	}
	own.Debug = own.Debug || seq.Debug
	return own, nil
}

// loadSequelizeRC evaluates .sequelizerc. A key it does not know, or
// options-path (which sequelize-cli reads only from the command line), is
// a warning; a value of the wrong kind is an error naming the key.
func (r *run) loadSequelizeRC(path string) (rc, []string, error) {
	var out rc
	rt := r.js()
	v, err := rt.Require(path)
	if err != nil {
		return out, nil, r.configError(SequelizeRCFile, err)
	}
	v = moduleDefault(rt, v)
	if v, err = rt.Await(v); err != nil {
		return out, nil, r.configError(SequelizeRCFile, err)
	}
	obj, ok := v.(*goja.Object)
	if !ok || goja.IsNull(v) {
		return out, nil, fmt.Errorf("%s: module.exports must be an object ({config: …, 'migrations-path': …}), not %s", SequelizeRCFile, jsKind(v))
	}
	var warnings []string
	fields := map[string]*string{
		"env": &out.Env, "config": &out.Config, "url": &out.URL,
		"migrations-path": &out.MigrationsPath, "seeders-path": &out.SeedersPath, "models-path": &out.ModelsPath,
		// yargs reads the camel-case spelling too.
		"migrationsPath": &out.MigrationsPath, "seedersPath": &out.SeedersPath, "modelsPath": &out.ModelsPath,
	}
	keys := obj.Keys()
	slices.Sort(keys)
	for _, k := range keys {
		val := exportJS(rt, obj.Get(k))
		if val == nil {
			continue
		}
		if p, ok := fields[k]; ok {
			s, isStr := val.(string)
			if !isStr {
				return out, nil, fmt.Errorf("%s: %q is %s; it must be a string (a path, or path.resolve(…))", SequelizeRCFile, k, describe(val))
			}
			*p = s
			continue
		}
		switch k {
		case "debug":
			b, isBool := val.(bool)
			if !isBool {
				return out, nil, fmt.Errorf("%s: %q is %s; it must be true or false", SequelizeRCFile, k, describe(val))
			}
			out.Debug = b
		case "options-path", "optionsPath":
			warnings = append(warnings, fmt.Sprintf("%s: %q has no effect there (sequelize-cli reads it only from the command line, to name a file used instead of .sequelizerc); ignored", SequelizeRCFile, k))
		default:
			msg := fmt.Sprintf("%s: %q is not a key sequelize-cli or strata reads (%s); ignored", SequelizeRCFile, k, strings.Join(sequelizeRCKeys, ", "))
			if s := naming.Closest(k, sequelizeRCKeys); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			warnings = append(warnings, msg)
		}
	}
	return out, warnings, nil
}
