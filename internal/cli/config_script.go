package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/dop251/goja"
	"github.com/strata-orm/strata/sequelizejs"
)

// configExts are the config files strata evaluates as JavaScript (or
// TypeScript); .json is read as JSON.
var configExts = []string{".js", ".cjs", ".mjs", ".ts", ".cts", ".mts"}

// defaultConfigPath is the config file used when neither the command line
// nor an rc file names one: config/config.js when it exists (as
// sequelize-cli prefers it), else config/config.json, else the first
// config/config.{cjs,mjs,ts,…} there is (strata also looks for those).
func defaultConfigPath(dir string) string {
	js := filepath.Join("config", "config.js")
	if fileExists(filepath.Join(dir, js)) {
		return js
	}
	json := filepath.Join("config", "config.json")
	if fileExists(filepath.Join(dir, json)) {
		return json
	}
	for _, ext := range configExts[1:] {
		if p := filepath.Join("config", "config"+ext); fileExists(filepath.Join(dir, p)) {
			return p
		}
	}
	return json
}

// js is the project's JavaScript engine: one per run, so that what
// .sequelizerc loads (dotenv's variables) the config file sees, as in
// one Node process. process.cwd() is the project directory.
func (r *run) js() *sequelizejs.Runtime {
	if r.jsrt == nil {
		r.jsrt = sequelizejs.New(sequelizejs.Options{
			Cwd:     r.dir(),
			Getenv:  r.getenv,
			Console: r.io.Stderr,
			Modules: map[string]sequelizejs.Module{"fs": r.readOnlyFS},
		})
	}
	return r.jsrt
}

// configGetenv reads the environment as the config file saw it: with
// what dotenv loaded when a script ran.
func (r *run) configGetenv() func(string) string {
	if r.jsrt != nil {
		return r.jsrt.Getenv
	}
	return r.getenv
}

// loadConfig reads the config file: JSON, or JavaScript/TypeScript
// evaluated as sequelize-cli would (module.exports or export default; an
// object, a promise for one, or a function returning either or taking a
// callback).
func (r *run) loadConfig(path string) (Config, error) {
	ext := strings.ToLower(filepath.Ext(path))
	if ext == ".json" || !fileExists(path) {
		return LoadConfig(path)
	}
	rel := r.projectRel(path)
	rt := r.js()
	v, err := rt.Require(path)
	if err != nil {
		return nil, r.configError(rel, err)
	}
	v = moduleDefault(rt, v)
	if v, err = rt.Await(v); err != nil {
		return nil, r.configError(rel, err)
	}
	if _, ok := goja.AssertFunction(v); ok {
		if v, err = callConfig(rt, v); err != nil {
			return nil, r.configError(rel, err)
		}
	}
	obj, ok := v.(*goja.Object)
	if !ok || goja.IsNull(v) || obj.ClassName() == "Array" {
		return nil, fmt.Errorf("%s: the config must be an object or a promise for an object (module.exports = { development: {…} }), not %s", rel, jsKind(v))
	}
	m, _ := exportJS(rt, obj).(map[string]any)
	return configFromMap(rel, m)
}

// moduleDefault is what import() gives sequelize-cli as the module's
// default: module.exports, or an ES module's default export (its named
// exports when it has none).
func moduleDefault(rt *sequelizejs.Runtime, v goja.Value) goja.Value {
	o, ok := v.(*goja.Object)
	if !ok {
		return v
	}
	if esm := o.Get("__esModule"); esm == nil || !esm.ToBoolean() {
		return v
	}
	if d := o.Get("default"); d != nil && !goja.IsUndefined(d) {
		return d
	}
	named := rt.VM.NewObject()
	for _, k := range o.Keys() {
		if k != "__esModule" {
			_ = named.Set(k, o.Get(k))
		}
	}
	return named
}

// callConfig calls a config function: with a callback (err, config) when
// it takes one argument, as sequelize-cli does (promisify), else plainly;
// a promise it returns is awaited.
func callConfig(rt *sequelizejs.Runtime, fn goja.Value) (goja.Value, error) {
	if n := fn.ToObject(rt.VM).Get("length"); n != nil && n.ToInteger() == 1 {
		wrap, err := rt.VM.RunString(`(function (f) { return new Promise(function (resolve, reject) {
  f(function (err, config) { if (err) reject(err); else resolve(config); });
}); })`)
		if err != nil {
			return nil, err
		}
		return rt.Call(wrap, goja.Undefined(), fn)
	}
	return rt.Call(fn, goja.Undefined())
}

// exportJS turns a JavaScript value into Go (maps, lists, strings,
// numbers, booleans, nil), functions as jsFunction.
func exportJS(rt *sequelizejs.Runtime, v goja.Value) any {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil
	}
	if _, ok := goja.AssertFunction(v); ok {
		return jsFunction{}
	}
	o, ok := v.(*goja.Object)
	if !ok {
		return v.Export()
	}
	if o.ClassName() == "Array" {
		n := int(o.Get("length").ToInteger())
		list := make([]any, n)
		for i := range n {
			list[i] = exportJS(rt, o.Get(fmt.Sprint(i)))
		}
		return list
	}
	if o.ClassName() == "RegExp" || o.ClassName() == "Date" {
		return o.String()
	}
	m := map[string]any{}
	for _, k := range o.Keys() {
		m[k] = exportJS(rt, o.Get(k))
	}
	return m
}

func jsKind(v goja.Value) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return "undefined (does the file set module.exports or export default?)"
	case goja.IsNull(v):
		return "null"
	}
	if o, ok := v.(*goja.Object); ok && o.ClassName() == "Array" {
		return "a list"
	}
	return fmt.Sprintf("%s %s", v.ExportType(), v.String())
}

// configError says which config file failed and where, with the
// script's file made relative to the project.
func (r *run) configError(rel string, err error) error {
	var se *sequelizejs.ScriptError
	if errors.As(err, &se) {
		c := *se
		c.File = r.projectRel(c.File)
		if c.File == "" {
			c.File = rel
		}
		err = &c
	}
	var ue *sequelizejs.UnsupportedError
	if errors.As(err, &ue) {
		c := *ue
		c.File = r.projectRel(c.File)
		err = &c
	}
	return &ConfigError{File: rel, Err: err}
}

// ConfigError is a config file (or .sequelizerc) that could not be
// evaluated: it did not parse, it threw (Err says where), or it needs
// what strata does not provide.
type ConfigError struct {
	File string
	Err  error
}

func (e *ConfigError) Error() string { return "cannot load " + e.File + ": " + e.Err.Error() }

func (e *ConfigError) Unwrap() error { return e.Err }

// projectRel is path relative to the project directory when it is inside it.
func (r *run) projectRel(path string) string {
	if path == "" {
		return path
	}
	base, err := filepath.Abs(r.dir())
	if err != nil {
		return path
	}
	if rel, err := filepath.Rel(base, path); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return path
}

// readOnlyFS is the "fs" a config file gets: reading files (a CA
// certificate for dialectOptions.ssl, a secret), relative to the project
// directory, and asking whether one exists; nothing else.
func (r *run) readOnlyFS(rt *sequelizejs.Runtime) goja.Value {
	abs := func(p string) string {
		if filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(r.dir(), p)
	}
	o := rt.VM.NewObject()
	_ = o.Set("readFileSync", func(p string) goja.Value {
		b, err := os.ReadFile(abs(p))
		if err != nil {
			panic(rt.Throw(err))
		}
		return rt.VM.ToValue(string(b))
	})
	_ = o.Set("existsSync", func(p string) bool { return fileExists(abs(p)) })
	return o
}

// configName is the config file as the user knows it: as given on the
// command line, else relative to the project directory.
func (r *run) configName() string {
	if r.flags.set["config"] {
		return r.flags.str("config")
	}
	return r.projectRel(r.path("config"))
}

// printRCWarnings prints what loading .sequelizerc found, once.
func (r *run) printRCWarnings() {
	for _, w := range r.rcWarnings {
		r.printf("WARNING: %s\n", w)
	}
	r.rcWarnings = nil
}

// printEnvironment says which block of the config is used and what in it
// strata does not use.
func (r *run) printEnvironment(cfg Config, env string, ec EnvConfig) {
	if _, flat := cfg[flatEnv]; flat && len(cfg) == 1 {
		r.printf("Using the whole configuration for environment %q (it has no environment blocks).\n", env)
	} else {
		r.printf("Using environment %q.\n", env)
	}
	for _, w := range ec.Warnings() {
		r.printf("WARNING: %s: %s\n", r.configName(), w)
	}
}

// scriptConfig makes a JSON config the module a config path ending in
// .js, .cjs, .ts, … must hold (init writing the file .sequelizerc names).
func scriptConfig(path string, jsonText []byte) []byte {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".js", ".cjs":
		return append(append([]byte("module.exports = "), jsonText...), ';')
	case ".mjs", ".ts", ".mts", ".cts":
		return append(append([]byte("export default "), jsonText...), ';')
	}
	return jsonText
}
