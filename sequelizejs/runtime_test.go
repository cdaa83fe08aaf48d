package sequelizejs

import (
	"errors"
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

func TestRuntimeRefusesNodeIO(t *testing.T) {
	r := New(Options{})
	_, err := r.VM.RunString(`1`)
	if err != nil {
		t.Fatal(err)
	}
	f := t.TempDir() + "/m.js"
	writeFile(t, f, "const fs = require('fs');\nmodule.exports = {};\n")
	_, err = r.Require(f)
	var ue *UnsupportedError
	if !errors.As(err, &ue) || ue.Construct != `require("fs")` || ue.Line != 1 || ue.File != f {
		t.Fatalf("err = %#v, want the require of fs at line 1", err)
	}
}
