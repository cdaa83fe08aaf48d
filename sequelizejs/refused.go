package sequelizejs

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/dop251/goja"
)

// refusedModule is what require gives for a package the recorder cannot
// provide (fs, child_process …) and for a file whose loading needed one
// (a helper or the app's models): a stand-in whose members, at any depth,
// can be read and passed around, and which throws ue — at the line of the
// use — only when something calls or constructs it. A helper that
// requires fs at its top but whose used functions never touch it, or a
// migration that requires ../models but returns before using them, is
// recorded; one that reaches the package stops where it does.
func (r *Runtime) refusedModule(ue *UnsupportedError) goja.Value {
	return r.standIn(ue, "")
}

// standIn is refusedModule's value at path (".readdirSync", "" for the
// module itself).
func (r *Runtime) standIn(ue *UnsupportedError, path string) goja.Value {
	vm := r.VM
	var member func(path string) goja.Value
	member = func(path string) goja.Value {
		use := func() *goja.Object {
			at := *ue
			at.File, at.Line = "", 0
			where := "it is loaded"
			if ue.File != "" {
				where = fmt.Sprintf("%s:%d", filepath.Base(ue.File), ue.Line)
			}
			r.refusedUses[&at] = ue
			at.Reason = fmt.Sprintf("%s (loaded at %s and used here: %s)", ue.Reason, where, strings.TrimPrefix(path, "."))
			if path == "" {
				at.Reason = fmt.Sprintf("%s (loaded at %s and called here)", ue.Reason, where)
			}
			return r.Throw(&at)
		}
		target := vm.ToValue(func(goja.FunctionCall) goja.Value { return goja.Undefined() }).ToObject(vm)
		return vm.ToValue(vm.NewProxy(target, &goja.ProxyTrapConfig{
			Get: func(_ *goja.Object, prop string, _ goja.Value) goja.Value {
				switch prop {
				// What loaders and await read of any value: a module
				// interop flag, a thenable's then, JSON's hook.
				case "then", "__esModule", "toJSON", "default":
					if prop == "default" {
						return member(path)
					}
					return goja.Undefined()
				}
				return member(path + "." + prop)
			},
			Apply: func(*goja.Object, goja.Value, []goja.Value) goja.Value {
				if n := len(r.loading); n > 0 {
					// Called while a helper loads (its top level's
					// bodyParser.urlencoded(…)): what that gives stands in
					// too, and the helper's missing exports stand in for
					// this use (partialModule).
					if r.loading[n-1] == nil {
						r.loading[n-1] = ue
					}
					return member(path + "()")
				}
				panic(use())
			},
			Construct: func(*goja.Object, []goja.Value, *goja.Object) *goja.Object {
				panic(use())
			},
		}))
	}
	return member(path)
}

// loadRequired loads a file a module requires; a file that cannot load
// because of something the recorder refuses is a refusedModule.
func (r *Runtime) loadRequired(file, spec string) (v goja.Value) {
	// what a stand-in for file says: the module (the app's models, a
	// helper) and what stopped it.
	wrap := func(ue *UnsupportedError) *UnsupportedError {
		return &UnsupportedError{
			Construct: fmt.Sprintf("require(%q)", spec),
			Reason: fmt.Sprintf("%s cannot load here (%s: %s), and the migration uses what it exports (the app's models or a helper); port it by hand",
				filepath.Base(file), ue.Construct, ue.Reason),
			File: ue.File, Line: ue.Line,
		}
	}
	defer func() {
		x := recover()
		if x == nil {
			return
		}
		var err error
		func() {
			defer r.recoverInto(&err, file)
			panic(x)
		}()
		var ue *UnsupportedError
		if !errors.As(err, &ue) {
			panic(x)
		}
		if orig, ok := r.refusedUses[ue]; ok {
			ue = orig // a stand-in used while loading: say where it was loaded
		}
		v = r.refusedModule(wrap(ue))
		if m, ok := r.files[file]; ok {
			_ = m.Set("exports", v)
		}
	}()
	r.loading = append(r.loading, nil)
	defer func() { r.loading = r.loading[:len(r.loading)-1] }()
	v = r.loadFile(file)
	if ue := r.loading[len(r.loading)-1]; ue != nil {
		v = r.partialModule(v, wrap(ue))
		if m, ok := r.files[file]; ok {
			_ = m.Set("exports", v)
		}
	}
	return v
}

// partialModule is the exports of a file that loaded by calling a
// refused package's stand-in (its top level's fs.readdirSync(…)): what it
// exported is there as it is; anything it would have exported from that
// call (the models read from the folder) stands in for the refusal.
func (r *Runtime) partialModule(exports goja.Value, ue *UnsupportedError) goja.Value {
	o, ok := exports.(*goja.Object)
	if !ok {
		return exports
	}
	return r.VM.ToValue(r.VM.NewProxy(o, &goja.ProxyTrapConfig{
		Get: func(t *goja.Object, prop string, recv goja.Value) goja.Value {
			if v := t.Get(prop); v != nil && !goja.IsUndefined(v) {
				return v
			}
			switch prop {
			case "then", "__esModule", "toJSON", "default":
				return goja.Undefined()
			}
			return r.standIn(ue, "."+prop)
		},
	}))
}
