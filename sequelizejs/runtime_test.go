package sequelizejs

import (
	"errors"
	"strings"
	"testing"

	"github.com/dop251/goja"
)

// recorder is a queryInterface stand-in whose record returns a resolved
// promise, as the recording one does, and whose fail rejects.
func recorder(r *Runtime, got *[]string) goja.Value {
	qi := r.VM.NewObject()
	_ = qi.Set("record", func(s string) goja.Value {
		*got = append(*got, s)
		p, resolve, _ := r.VM.NewPromise()
		_ = resolve(s)
		return r.VM.ToValue(p)
	})
	_ = qi.Set("fail", func(goja.FunctionCall) goja.Value {
		panic(r.Throw(&UnsupportedError{Construct: "fail", Reason: "asked to", Line: r.Line()}))
	})
	return qi
}

func TestRuntimeRunsMigrationShapes(t *testing.T) {
	stub := map[string]Module{"sequelize": func(r *Runtime) goja.Value { return r.VM.NewObject() }}
	for _, tc := range []struct {
		file, fn string
		want     []string
	}{
		{"testdata/engine/async.js", "up", []string{"[users]", "x?.y", "set"}},
		{"testdata/engine/esm.mjs", "up", []string{"123"}},
		{"testdata/engine/typed.ts", "up", []string{"ts"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			r := New(Options{Env: map[string]string{"STRATA_T": "set"}, Modules: stub})
			exp, err := r.Require(tc.file)
			if err != nil {
				t.Fatal(err)
			}
			obj := exp.ToObject(r.VM)
			if up := obj.Get("up"); up == nil || goja.IsUndefined(up) {
				obj = obj.Get("default").ToObject(r.VM)
			}
			var got []string
			if _, err := r.Call(obj.Get(tc.fn), goja.Undefined(), recorder(r, &got)); err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("recorded %q, want %q", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("recorded %q, want %q", got, tc.want)
				}
			}
		})
	}
}

func TestRuntimeErrorsCarryTheLine(t *testing.T) {
	r := New(Options{})
	exp, err := r.Require("testdata/engine/async.js")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	_, err = r.Call(exp.ToObject(r.VM).Get("down"), goja.Undefined(), recorder(r, &got))
	var ue *UnsupportedError
	if !errors.As(err, &ue) {
		t.Fatalf("err = %v (%T), want *UnsupportedError", err, err)
	}
	if ue.Line != 10 {
		t.Errorf("line = %d, want 10 (the down's line in async.js)", ue.Line)
	}
}

// TestRuntimeRefusesNodeIO: without DeferRefused, requiring a refused
// package throws at the require.
func TestRuntimeRefusesNodeIO(t *testing.T) {
	r := New(Options{})
	f := t.TempDir() + "/m.js"
	writeFile(t, f, "const fs = require('fs');\nmodule.exports = {};\n")
	_, err := r.Require(f)
	var ue *UnsupportedError
	if !errors.As(err, &ue) || ue.Construct != `require("fs")` || ue.Line != 1 || ue.File != f {
		t.Fatalf("err = %#v, want the require of fs at line 1", err)
	}
}

// TestRuntimeDefersRefused: with DeferRefused, a refused package loads as
// a stand-in, so a file (or a helper) requiring it at its top loads; using
// it throws the *UnsupportedError at the line of the use.
func TestRuntimeDefersRefused(t *testing.T) {
	r := New(Options{DeferRefused: true})
	dir := t.TempDir()
	writeFile(t, dir+"/helper.js", "const fs = require('fs');\nconst { execSync } = require('child_process');\nmodule.exports = { isSQLite: (s) => s.options.dialect === 'sqlite', read: (p) => fs.readFileSync(p) };\n")
	writeFile(t, dir+"/m.js", "const h = require('./helper');\nmodule.exports = {\n  ok: () => h.isSQLite({ options: { dialect: 'sqlite' } }),\n  bad: () => h.read('x'),\n};\n")
	v, err := r.Require(dir + "/m.js")
	if err != nil {
		t.Fatalf("a file whose helper requires fs does not load: %v", err)
	}
	m := v.ToObject(r.VM)
	got, err := r.Call(m.Get("ok"), nil)
	if err != nil || !got.ToBoolean() {
		t.Fatalf("ok() = %v, %v; want true (fs is never used)", got, err)
	}
	_, err = r.Call(m.Get("bad"), nil)
	var ue *UnsupportedError
	if !errors.As(err, &ue) || ue.Construct != `require("fs")` || ue.Line != 3 || !strings.HasSuffix(ue.File, "helper.js") || !strings.Contains(ue.Reason, "helper.js:1") {
		t.Fatalf("err = %#v, want the use of fs at helper.js:3, loaded at helper.js:1", err)
	}
}
