package sequelizejs

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/dop251/goja"
)

//go:embed models_recorder.js
var modelsRecorder string

// ModelSet is what loading a Sequelize models directory records: every
// model the files define, and what could not be loaded.
type ModelSet struct {
	Models   []*ModelDef
	Problems []*Problem
	// Stubs are the packages the files require that the recorder gives
	// as stubs (bcrypt, uuid …): a model's definition rarely needs them,
	// and the code that calls them is kept as source.
	Stubs []string
}

// Model returns the model called name, or nil.
func (s *ModelSet) Model(name string) *ModelDef {
	for _, m := range s.Models {
		if m.Name == name {
			return m
		}
	}
	return nil
}

// ModelDef is one model as its file declares it: sequelize.define,
// class … extends Model with init, or sequelize-typescript's decorators.
type ModelDef struct {
	Name string `json:"name"`
	// Form is "define", "init" or "decorators".
	Form string `json:"form"`
	File string `json:"file"` // relative to the models directory
	Line int    `json:"line"`
	// Attributes are the columns in the order declared.
	Attributes []*AttributeDef `json:"attributes"`
	// Options are define's or init's options (tableName, underscored,
	// paranoid, timestamps, freezeTableName, createdAt …), each value as
	// Plain reads it.
	Options map[string]any `json:"options"`
	// Associations are the association calls of the model's associate
	// function (or decorators), in order.
	Associations []*AssociationDef `json:"associations"`
	// Code is what a Go model cannot hold as data: hooks, getters and
	// setters, scopes, instance and class methods, as source text.
	Code []*Code `json:"code"`
}

// Option returns the option name: its value, and whether it was given.
func (m *ModelDef) Option(name string) (any, bool) {
	v, ok := m.Options[name]
	return v, ok
}

// AttributeDef is one attribute: its type and column options.
type AttributeDef struct {
	Name string `json:"name"`
	// Type is the DataType (ReadDataType's), nil for an attribute
	// without one (a decorated property whose type TypeScript alone knew).
	Type          *DataType     `json:"type"`
	Field         string        `json:"field"`
	AllowNull     *bool         `json:"allowNull"`
	PrimaryKey    bool          `json:"primaryKey"`
	AutoIncrement bool          `json:"autoIncrement"`
	Unique        any           `json:"unique"` // true, or the name of a composite key
	DefaultValue  any           `json:"defaultValue"`
	Comment       string        `json:"comment"`
	Validate      []*Validation `json:"validate"`
	References    any           `json:"references"`
	OnDelete      string        `json:"onDelete"`
	OnUpdate      string        `json:"onUpdate"`
	Get           *Code         `json:"get"`
	Set           *Code         `json:"set"`
	Values        []string      `json:"values"` // ENUM values given beside the type
}

// Validation is one entry of an attribute's validate: a built-in rule
// with its argument and message, or a custom function's source.
type Validation struct {
	Name string `json:"name"`
	Arg  any    `json:"arg"`
	Msg  string `json:"msg"`
	Code *Code  `json:"code"`
}

// AssociationDef is one association call (User.hasMany(models.Order, {…})).
type AssociationDef struct {
	Kind    string         `json:"kind"` // belongsTo, hasOne, hasMany, belongsToMany
	Target  string         `json:"target"`
	Options map[string]any `json:"options"`
	Line    int            `json:"line"`
}

// Str returns the string option name, or "".
func (a *AssociationDef) Str(name string) string {
	s, _ := a.Options[name].(string)
	return s
}

// Key returns the foreignKey or otherKey option as Sequelize reads it:
// its name (a string or {name}) and its allowNull when given.
func (a *AssociationDef) Key(name string) (string, *bool) {
	o, _ := a.Options[name].(map[string]any)
	n, _ := o["name"].(string)
	if n == "" {
		n, _ = o["field"].(string)
	}
	var allow *bool
	if b, ok := o["allowNull"].(bool); ok {
		allow = &b
	}
	return n, allow
}

// Through returns a belongsToMany's through model or table name, and
// whether it was given as a model rather than a string.
func (a *AssociationDef) Through() (string, bool) {
	o, _ := a.Options["through"].(map[string]any)
	n, _ := o["model"].(string)
	m, _ := o["isModel"].(bool)
	return n, m
}

// Code is source text a Go model cannot hold as data, with where it is.
type Code struct {
	Kind   string `json:"kind"` // hook, getter, setter, scope, instanceMethod, classMethod, validator
	Name   string `json:"name"`
	Source string `json:"source"`
	Line   int    `json:"line"`
}

// LoadModels runs the model files of dir (.js, .cjs, .mjs, .ts) with a
// recording sequelize: each file's factory is called with a Sequelize
// instance whose define records the model, and each model's associate
// with the models, so its association calls are recorded too. The
// generated loader (index.js, which reads the directory with fs) is not
// run: every other file is loaded as it would load it. A file that
// cannot be loaded is a Problem, and the others are still recorded.
func LoadModels(dir string) (*ModelSet, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("sequelizejs: models: %w", err)
	}
	var files []string
	index := "" // index.js, the loader
	for _, e := range entries {
		n := e.Name()
		ext := strings.ToLower(filepath.Ext(n))
		base := strings.TrimSuffix(n, filepath.Ext(n))
		if base == "index" && !e.IsDir() && (ext == ".js" || ext == ".cjs" || ext == ".ts") {
			index = n
			continue
		}
		if e.IsDir() || strings.HasPrefix(n, ".") || strings.HasSuffix(n, ".d.ts") ||
			strings.Contains(n, ".test.") || strings.Contains(n, ".spec.") {
			continue
		}
		switch ext {
		case ".js", ".cjs", ".mjs", ".ts":
			files = append(files, n)
		}
	}
	sort.Strings(files)
	// process.env is the process's, with NODE_ENV development when unset
	// (sequelize-cli's default environment; a config that checks it runs).
	env := map[string]string{}
	for _, kv := range os.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		env[k] = v
	}
	if env["NODE_ENV"] == "" {
		env["NODE_ENV"] = "development"
	}
	r := New(Options{Cwd: dir, Env: env})
	sources := map[string]string{}
	host := r.VM.NewObject()
	values := map[string]goja.Value{}
	_ = host.Set("set", func(name string, v goja.Value) { values[name] = v })
	_ = host.Set("line", func() int { _, l := modelPos(r); return l })
	_ = host.Set("file", func() string {
		f, _ := modelPos(r)
		if rel, err := filepath.Rel(dir, f); err == nil && f != "" {
			return filepath.ToSlash(rel)
		}
		return f
	})
	_ = host.Set("dialect", "postgres")
	lib := sequelizeModule(r).ToObject(r.VM)
	_ = host.Set("DataTypes", lib.Get("DataTypes"))
	_ = host.Set("readType", func(v goja.Value) string {
		dt, err := ReadDataType(r, v)
		if err != nil {
			panic(r.Throw(err))
		}
		b, _ := json.Marshal(dt)
		return string(b)
	})
	_ = host.Set("lineOf", func(src, name string) int {
		cur, _ := modelPos(r)
		rel, _ := filepath.Rel(dir, cur)
		return lineOf(sources, filepath.ToSlash(rel), src, name)
	})
	_ = r.VM.Set("__host", host)
	if _, err := r.VM.RunScript("models_recorder.js", modelsRecorder); err != nil {
		return nil, fmt.Errorf("sequelizejs: models: the recorder: %w", err)
	}
	_ = r.VM.GlobalObject().Delete("__host")
	seq := values["sequelize"]
	r.opts.Modules["sequelize"] = func(*Runtime) goja.Value { return seq }
	r.opts.Modules["sequelize-typescript"] = func(*Runtime) goja.Value { return values["sequelizeTypescript"] }
	construct := values["construct"]
	set := &ModelSet{}
	var classes []*goja.Object
	all := files
	if index != "" {
		all = append([]string{index}, files...)
	}
	for _, f := range all {
		src, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			return nil, err
		}
		sources[f] = string(src)
	}
	set.Stubs = stubPackages(r, dir, sources)
	// A hand-written index.js (one that names its files rather than
	// reading the folder with fs) runs first: it holds the Sequelize
	// options (define: {underscored …}) and often the associations. The
	// generated loader is not run.
	if index != "" && !readsFolder(sources[index]) {
		v, err := r.Require(filepath.Join(dir, index))
		if err != nil {
			p := problem(index, err)
			p.Reason += "; the model files are loaded one by one instead (its define options and associations are not recorded)"
			set.Problems = append(set.Problems, p)
		} else {
			classes = append(classes, modelClasses(r, v)...)
		}
	}
	for _, f := range files {
		abs := filepath.Join(dir, f)
		if _, loaded := r.files[abs]; loaded {
			continue // index.js required it and called its factory
		}
		v, err := r.Require(abs)
		if err == nil {
			v, err = factoryResult(r, construct, v)
		}
		if err != nil {
			set.Problems = append(set.Problems, problem(f, err))
			continue
		}
		classes = append(classes, modelClasses(r, v)...)
	}
	// associate(models), as index.js calls it.
	db := r.VM.NewObject()
	seen := map[*goja.Object]bool{}
	classes = slices.DeleteFunc(classes, func(c *goja.Object) bool {
		dup := seen[c]
		seen[c] = true
		return dup
	})
	for _, c := range classes {
		_ = db.Set(c.Get("name").String(), c)
	}
	for _, c := range classes {
		assoc := c.Get("associate")
		if _, ok := goja.AssertFunction(assoc); !ok {
			continue
		}
		if _, err := r.Call(assoc, c, db); err != nil {
			p := problem("", err)
			p.Construct = c.Get("name").String() + ".associate"
			set.Problems = append(set.Problems, p)
		}
	}
	set.Models = decodeModels(r, values["records"])
	for _, m := range set.Models {
		if m.Form == "decorators" {
			// The decorators run at the end of the transpiled file: the
			// class's own line is the one to give.
			lines := strings.Split(sources[m.File], "\n")
			m.Line = findLine(lines, "class "+m.Name+" ")
			for _, a := range m.Associations {
				a.Line = findLine(lines, "@"+strings.ToUpper(a.Kind[:1])+a.Kind[1:]+"(", "=> "+a.Target)
			}
		}
	}
	return set, nil
}

// factoryResult calls a model file's exports when they are the factory
// (sequelize, DataTypes) => Model (module.exports = or export default) and
// returns what it returns; a file that exports classes (decorators) is
// returned as it is.
func factoryResult(r *Runtime, construct, v goja.Value) (goja.Value, error) {
	o, ok := v.(*goja.Object)
	if !ok {
		return v, nil
	}
	fn := goja.Value(o)
	if _, isFn := goja.AssertFunction(fn); !isFn {
		d := o.Get("default")
		if _, isFn := goja.AssertFunction(d); !isFn {
			return v, nil
		}
		fn = d
	}
	if isModelClass(fn.ToObject(r.VM)) {
		return v, nil
	}
	return r.Call(construct, goja.Undefined(), fn)
}

func isModelClass(o *goja.Object) bool {
	d := o.Get("__def")
	return d != nil && !goja.IsUndefined(d)
}

// modelClasses are the model classes a file's result holds: the class
// itself, or an exports object's values.
func modelClasses(r *Runtime, v goja.Value) []*goja.Object {
	o, ok := v.(*goja.Object)
	if !ok {
		return nil
	}
	if isModelClass(o) {
		return []*goja.Object{o}
	}
	var out []*goja.Object
	for _, k := range o.Keys() {
		if c, ok := o.Get(k).(*goja.Object); ok && isModelClass(c) {
			out = append(out, c)
		}
	}
	return out
}

// decodeModels reads the recorder's models back.
func decodeModels(r *Runtime, records goja.Value) []*ModelDef {
	fn, _ := goja.AssertFunction(records)
	v, err := fn(goja.Undefined())
	if err != nil {
		return nil
	}
	var out []*ModelDef
	_ = json.Unmarshal([]byte(v.String()), &out)
	return out
}

// problem is a file that could not be loaded.
func problem(file string, err error) *Problem {
	p := &Problem{File: file, Construct: "the model file", Reason: err.Error()}
	switch e := err.(type) {
	case *UnsupportedError:
		p.Construct, p.Reason, p.Line = e.Construct, e.Reason, e.Line
	case *ScriptError:
		p.Line = e.Line
	}
	return p
}
