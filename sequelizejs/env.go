package sequelizejs

import (
	"os"
	"slices"
	"strings"

	"github.com/dop251/goja"
)

// processEnv is process.env read through Options.Getenv: a variable the
// script sets (dotenv does) or deletes is kept here and wins over the
// environment, as assignments to process.env do in Node.
type processEnv struct {
	vm      *goja.Runtime
	getenv  func(string) string
	set     map[string]string
	deleted map[string]bool
}

func newProcessEnv(vm *goja.Runtime, getenv func(string) string) *processEnv {
	return &processEnv{vm: vm, getenv: getenv, set: map[string]string{}, deleted: map[string]bool{}}
}

func (e *processEnv) lookup(key string) (string, bool) {
	if v, ok := e.set[key]; ok {
		return v, true
	}
	if e.deleted[key] {
		return "", false
	}
	if v := e.getenv(key); v != "" {
		return v, true
	}
	// An empty variable is set all the same; Getenv cannot say so, the
	// process's own environment can.
	if v, ok := os.LookupEnv(key); ok && e.getenv(key) == v {
		return v, true
	}
	return "", false
}

// Get implements goja.DynamicObject.
func (e *processEnv) Get(key string) goja.Value {
	if v, ok := e.lookup(key); ok {
		return e.vm.ToValue(v)
	}
	return nil
}

// Set implements goja.DynamicObject: Node stores every value as a string.
func (e *processEnv) Set(key string, val goja.Value) bool {
	e.set[key] = val.String()
	delete(e.deleted, key)
	return true
}

// Has implements goja.DynamicObject.
func (e *processEnv) Has(key string) bool {
	_, ok := e.lookup(key)
	return ok
}

// Delete implements goja.DynamicObject.
func (e *processEnv) Delete(key string) bool {
	delete(e.set, key)
	e.deleted[key] = true
	return true
}

// Keys implements goja.DynamicObject: the process's variables that Getenv
// still gives, and those the script set.
func (e *processEnv) Keys() []string {
	var keys []string
	for _, kv := range os.Environ() {
		if k, _, ok := strings.Cut(kv, "="); ok && e.Has(k) {
			keys = append(keys, k)
		}
	}
	for k := range e.set {
		if !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// Getenv is process.env[key] as the scripts run so far left it (a
// variable dotenv loaded from .env included), "" when it is not set.
func (r *Runtime) Getenv(key string) string {
	p := r.VM.Get("process")
	if p == nil {
		return ""
	}
	env := p.ToObject(r.VM).Get("env")
	if env == nil || goja.IsUndefined(env) || goja.IsNull(env) {
		return ""
	}
	v := env.ToObject(r.VM).Get(key)
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return ""
	}
	return v.String()
}

// cwd is process.cwd(): Options.Cwd, else the working directory.
func (r *Runtime) cwd() string {
	if r.opts.Cwd != "" {
		return r.opts.Cwd
	}
	wd, _ := os.Getwd()
	return wd
}
