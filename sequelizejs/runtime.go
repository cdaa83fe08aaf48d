package sequelizejs

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dop251/goja"
)

// Module builds the exports of a package a file requires by bare name
// ("sequelize", "lodash"), once per Runtime.
type Module func(r *Runtime) goja.Value

// Options configure a Runtime.
type Options struct {
	// Env is process.env; nil means the process's own environment.
	Env map[string]string
	// Modules are the packages require resolves by bare name. Node's
	// "path" and the shims of Shims are added unless given here.
	Modules map[string]Module
	// Console receives console.log/info/warn/error lines; nil discards them.
	Console io.Writer
	// Cwd is process.cwd(); empty is the process's working directory.
	Cwd string
	// Getenv, when set, is what process.env reads (Env is then unused):
	// the CLI's environment, which tests replace. A script's assignments
	// to process.env (dotenv's) are kept in the Runtime; Getenv reads them.
	Getenv func(string) string
	// DeferRefused makes a refused package (fs, child_process, one the
	// Runtime does not provide), and a relative file that cannot load
	// because of one (a helper, the app's models), load as a stand-in
	// whose use throws the *UnsupportedError at the line of the use
	// (refused.go). RecordFile sets it; without it the require throws.
	DeferRefused bool
}

// Runtime is one JavaScript engine with Node's module system. It is not
// safe for concurrent use.
type Runtime struct {
	VM      *goja.Runtime
	opts    Options
	modules map[string]goja.Value // bare names, built on first require
	files   map[string]*goja.Object
	// refusedUses maps the error a refusedModule threw to the one it
	// stands for.
	refusedUses map[*UnsupportedError]*UnsupportedError
	// loading holds, for each required file loading now, the first use
	// of a refused package's stand-in its load made (refused.go).
	loading []*UnsupportedError
}

// New returns a Runtime with process, console, require and the timers a
// migration may use.
func New(opts Options) *Runtime {
	r := &Runtime{VM: goja.New(), opts: opts, modules: map[string]goja.Value{}, files: map[string]*goja.Object{}, refusedUses: map[*UnsupportedError]*UnsupportedError{}}
	r.VM.SetFieldNameMapper(goja.TagFieldNameMapper("json", true))
	if r.opts.Modules == nil {
		r.opts.Modules = map[string]Module{}
	}
	for name, m := range Shims() {
		if _, ok := r.opts.Modules[name]; !ok {
			r.opts.Modules[name] = m
		}
	}
	r.installGlobals()
	return r
}

func (r *Runtime) installGlobals() {
	vm := r.VM
	env := vm.NewObject()
	if r.opts.Getenv != nil {
		env = vm.NewDynamicObject(newProcessEnv(vm, r.opts.Getenv))
	} else if r.opts.Env != nil {
		for k, v := range r.opts.Env {
			_ = env.Set(k, v)
		}
	} else {
		for _, kv := range os.Environ() {
			if k, v, ok := strings.Cut(kv, "="); ok {
				_ = env.Set(k, v)
			}
		}
	}
	cwd := r.cwd()
	process := vm.NewObject()
	_ = process.Set("env", env)
	_ = process.Set("platform", "linux")
	_ = process.Set("argv", []any{"node", "strata"})
	_ = process.Set("versions", map[string]any{"node": "20.0.0"})
	_ = process.Set("version", "v20.0.0")
	_ = process.Set("cwd", func() string { return cwd })
	_ = process.Set("exit", func(goja.FunctionCall) goja.Value {
		panic(r.Throw(&UnsupportedError{Construct: "process.exit", Reason: "a migration that ends the process cannot be recorded"}))
	})
	_ = process.Set("on", func(goja.FunctionCall) goja.Value { return goja.Undefined() })
	_ = vm.Set("process", process)

	console := vm.NewObject()
	for _, name := range []string{"log", "info", "warn", "error", "debug", "trace"} {
		_ = console.Set(name, func(c goja.FunctionCall) goja.Value {
			if r.opts.Console != nil {
				parts := make([]string, len(c.Arguments))
				for i, a := range c.Arguments {
					parts[i] = a.String()
				}
				fmt.Fprintln(r.opts.Console, strings.Join(parts, " "))
			}
			return goja.Undefined()
		})
	}
	_ = vm.Set("console", console)
	if _, err := vm.RunString(extraGlobals); err != nil {
		panic(err)
	}

	// Timers run as promise jobs: a migration's setTimeout(resolve, n)
	// continues at once, which is what a recording wants.
	later := func(c goja.FunctionCall) goja.Value {
		fn, ok := goja.AssertFunction(c.Argument(0))
		if !ok {
			return goja.Undefined()
		}
		args := []goja.Value{}
		if len(c.Arguments) > 2 {
			args = c.Arguments[2:]
		}
		p, resolve, _ := vm.NewPromise()
		_ = resolve(goja.Undefined())
		then, _ := goja.AssertFunction(vm.ToValue(p).ToObject(vm).Get("then"))
		_, _ = then(vm.ToValue(p), vm.ToValue(func(goja.FunctionCall) goja.Value {
			_, err := fn(goja.Undefined(), args...)
			if err != nil {
				panic(err)
			}
			return goja.Undefined()
		}))
		return vm.ToValue(0)
	}
	_ = vm.Set("setTimeout", later)
	_ = vm.Set("setImmediate", later)
	_ = vm.Set("clearTimeout", func(goja.FunctionCall) goja.Value { return goja.Undefined() })
	_ = vm.Set("require", func(c goja.FunctionCall) goja.Value {
		return r.require(c.Argument(0).String(), cwd)
	})
}

// Throw returns a JavaScript exception carrying err, for a shim to panic
// with; the Runtime gives err back from Require, Call or Await.
// An *UnsupportedError without a file or line gets the script's.
func (r *Runtime) Throw(err error) *goja.Object {
	if ue, ok := err.(*UnsupportedError); ok && (ue.File == "" || ue.Line == 0) {
		f, l := r.Where()
		if ue.File == "" {
			ue.File = f
		}
		if ue.Line == 0 {
			ue.Line = l
		}
	}
	return r.VM.NewGoError(err)
}

// Require loads a file as Node's require would and returns its
// module.exports. path is a file path (absolute, or relative to the
// working directory).
func (r *Runtime) Require(path string) (v goja.Value, err error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	defer r.recoverInto(&err, abs)
	return r.loadFile(abs), nil
}

// require resolves spec from a module in dir.
func (r *Runtime) require(spec, dir string) goja.Value {
	spec = strings.TrimPrefix(spec, "node:")
	if strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../") || strings.HasPrefix(spec, "/") || spec == "." || spec == ".." {
		p := spec
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, spec)
		}
		file, ok := resolveFile(p)
		if !ok {
			panic(r.Throw(&UnsupportedError{Construct: fmt.Sprintf("require(%q)", spec), Reason: "no such file (looked for " + p + " with .js, .cjs, .mjs, .ts, .json and index files)", Line: r.Line()}))
		}
		if r.opts.DeferRefused {
			return r.loadRequired(file, spec)
		}
		return r.loadFile(file)
	}
	if v, ok := r.modules[spec]; ok {
		return v
	}
	name := spec
	if m, ok := r.opts.Modules[name]; ok {
		v := m(r)
		r.modules[spec] = v
		return v
	}
	reason := "the recorder does not provide this package"
	switch name {
	case "fs", "fs/promises", "fs-extra":
		reason = "it reads or writes files, which a recorded migration cannot do"
	case "child_process", "shelljs", "execa":
		reason = "it starts other programs, which a recorded migration cannot do"
	case "http", "https", "axios", "node-fetch", "net":
		reason = "it talks to the network, which a recorded migration cannot do"
	}
	ue := &UnsupportedError{Construct: fmt.Sprintf("require(%q)", spec), Reason: reason}
	if !r.opts.DeferRefused {
		ue.Line = r.Line()
		panic(r.Throw(ue))
	}
	ue.File, ue.Line = r.Where()
	return r.refusedModule(ue)
}

var extensions = []string{".js", ".cjs", ".mjs", ".ts", ".cts", ".mts", ".json"}

func resolveFile(p string) (string, bool) {
	if st, err := os.Stat(p); err == nil && !st.IsDir() {
		return p, true
	}
	for _, ext := range extensions {
		if st, err := os.Stat(p + ext); err == nil && !st.IsDir() {
			return p + ext, true
		}
	}
	for _, ext := range extensions {
		if st, err := os.Stat(filepath.Join(p, "index"+ext)); err == nil && !st.IsDir() {
			return filepath.Join(p, "index"+ext), true
		}
	}
	return "", false
}

// loadFile runs a file as a CommonJS module once and returns its exports.
func (r *Runtime) loadFile(file string) goja.Value {
	if m, ok := r.files[file]; ok {
		return m.Get("exports")
	}
	src, err := os.ReadFile(file)
	if err != nil {
		panic(r.Throw(err))
	}
	module := r.VM.NewObject()
	exports := r.VM.NewObject()
	_ = module.Set("exports", exports)
	_ = module.Set("filename", file)
	_ = module.Set("id", file)
	r.files[file] = module
	if strings.EqualFold(filepath.Ext(file), ".json") {
		var v any
		if err := json.Unmarshal(src, &v); err != nil {
			panic(r.Throw(&ScriptError{File: file, Message: "invalid JSON: " + err.Error()}))
		}
		_ = module.Set("exports", v)
		return module.Get("exports")
	}
	code, err := Transpile(file, src)
	if err != nil {
		panic(r.Throw(err))
	}
	wrapped := "(function (exports, require, module, __filename, __dirname) {" + code + "\n})"
	prg, err := goja.Compile(file, wrapped, false)
	if err != nil {
		panic(r.Throw(&ScriptError{File: file, Message: "cannot be compiled: " + err.Error()}))
	}
	fnv, err := r.VM.RunProgram(prg)
	if err != nil {
		panic(err)
	}
	fn, _ := goja.AssertFunction(fnv)
	dir := filepath.Dir(file)
	req := r.VM.ToValue(func(c goja.FunctionCall) goja.Value { return r.require(c.Argument(0).String(), dir) })
	if _, err := fn(goja.Undefined(), exports, req, module, r.VM.ToValue(file), r.VM.ToValue(dir)); err != nil {
		panic(err)
	}
	return module.Get("exports")
}

// Line is the line of the innermost script frame running now, in the
// original file (0 outside a script).
func (r *Runtime) Line() int {
	for _, f := range r.VM.CaptureCallStack(8, nil) {
		if p := f.Position(); p.Line > 0 && f.SrcName() != "" {
			return p.Line
		}
	}
	return 0
}

// Where is the file and line of the innermost script frame running now.
func (r *Runtime) Where() (string, int) {
	for _, f := range r.VM.CaptureCallStack(8, nil) {
		if p := f.Position(); p.Line > 0 && f.SrcName() != "" {
			if p.Filename == "" {
				p.Filename = f.SrcName()
			}
			return p.Filename, p.Line
		}
	}
	return "", 0
}

// Call calls fn with args and, when it returns a promise, runs the
// pending jobs and returns what the promise settled with. A rejection or
// an exception is an error: the *UnsupportedError or other Go error a
// shim threw, or a *ScriptError with the script's message and line.
func (r *Runtime) Call(fn goja.Value, this goja.Value, args ...goja.Value) (v goja.Value, err error) {
	f, ok := goja.AssertFunction(fn)
	if !ok {
		return nil, errors.New("not a function")
	}
	defer r.recoverInto(&err, "")
	v, err = f(this, args...)
	if err != nil {
		return nil, r.scriptError(err, "")
	}
	return r.Await(v)
}

// Await returns what v settled with when v is a promise (after running
// the jobs pending, which is every job when nothing waits on I/O, as
// nothing here does), or v itself.
func (r *Runtime) Await(v goja.Value) (goja.Value, error) {
	p, ok := v.Export().(*goja.Promise)
	if !ok {
		return v, nil
	}
	// Jobs run when the outermost call into the VM returns; a promise
	// still pending then waits on something that never comes.
	switch p.State() {
	case goja.PromiseStateFulfilled:
		return p.Result(), nil
	case goja.PromiseStateRejected:
		return nil, r.rejection(p.Result())
	}
	return nil, &UnsupportedError{Construct: "a promise that never settles", Reason: "the file waits on something other than queryInterface (a timer, a connection, an event)"}
}

// rejection turns a rejected promise's reason into a Go error.
func (r *Runtime) rejection(reason goja.Value) error {
	if ge := goError(reason); ge != nil {
		return unwrapGo(ge)
	}
	if o, ok := reason.(*goja.Object); ok {
		msg := o.Get("message")
		stack := o.Get("stack")
		se := &ScriptError{Message: reason.String()}
		if msg != nil && !goja.IsUndefined(msg) {
			se.Message = msg.String()
		}
		if stack != nil && !goja.IsUndefined(stack) {
			se.File, se.Line = stackPosition(stack.String())
		}
		return se
	}
	return &ScriptError{Message: "rejected with " + reason.String()}
}

// stackPosition reads the first "at file:line:col" or "at name
// (file:line:col)" of a stack; goja follows the column with the program
// counter in parentheses, "f.js:2:8(6)".
func stackPosition(stack string) (string, int) {
	for _, l := range strings.Split(stack, "\n") {
		l, ok := strings.CutPrefix(strings.TrimSpace(l), "at ")
		if !ok {
			continue
		}
		if i := strings.Index(l, " ("); i >= 0 {
			l = strings.TrimSuffix(l[i+2:], ")")
		}
		if i := strings.LastIndex(l, "("); i > 0 && strings.HasSuffix(l, ")") {
			l = l[:i]
		}
		parts := strings.Split(l, ":")
		if len(parts) >= 3 {
			var line int
			if _, err := fmt.Sscan(parts[len(parts)-2], &line); err == nil && line > 0 {
				return strings.Join(parts[:len(parts)-2], ":"), line
			}
		}
	}
	return "", 0
}

func unwrapGo(err error) error {
	var ex *goja.Exception
	if errors.As(err, &ex) {
		if ge := goError(ex.Value()); ge != nil && ge != err {
			return unwrapGo(ge)
		}
	}
	return err
}

// goError is the Go error a GoError object (Runtime.Throw) carries.
func goError(v goja.Value) error {
	o, ok := v.(*goja.Object)
	if !ok {
		return nil
	}
	if ge, ok := o.Export().(error); ok {
		return ge
	}
	if inner := o.Get("value"); inner != nil {
		if ge, ok := inner.Export().(error); ok {
			return ge
		}
	}
	return nil
}

func (r *Runtime) scriptError(err error, file string) error {
	var ex *goja.Exception
	if errors.As(err, &ex) {
		if ge := goError(ex.Value()); ge != nil {
			return unwrapGo(ge)
		}
		se := &ScriptError{File: file, Message: ex.Value().String()}
		if frames := ex.Stack(); len(frames) > 0 {
			p := frames[0].Position()
			se.File, se.Line = p.Filename, p.Line
		}
		return se
	}
	return err
}

func (r *Runtime) recoverInto(err *error, file string) {
	x := recover()
	if x == nil {
		return
	}
	switch v := x.(type) {
	case *goja.Object:
		if ge := goError(v); ge != nil {
			*err = unwrapGo(ge)
			return
		}
		*err = &ScriptError{File: file, Message: v.String()}
	case error:
		*err = r.scriptError(v, file)
	default:
		panic(x)
	}
}

// Export turns a JavaScript value into plain Go (maps, slices, strings,
// float64/int64, bool, nil), sorting nothing.
func Export(v goja.Value) any {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil
	}
	return v.Export()
}

// Keys returns an object's own enumerable keys in their order.
func Keys(o *goja.Object) []string {
	if o == nil {
		return nil
	}
	return slices.Clone(o.Keys())
}
