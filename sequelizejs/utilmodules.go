package sequelizejs

import (
	"crypto/sha256"
	_ "embed"
	"fmt"
	"strconv"

	"github.com/dop251/goja"
)

//go:embed js/lodash.js
var lodashJS string

//go:embed js/bluebird.js
var bluebirdJS string

// jsModule is a Module whose exports a JavaScript source of this package
// builds, run as a CommonJS module.
func jsModule(src string) Module {
	return func(r *Runtime) goja.Value {
		vm := r.VM
		module := vm.NewObject()
		_ = module.Set("exports", vm.NewObject())
		fnv, err := vm.RunString("(function (module, exports) {" + src + "\n})")
		if err != nil {
			panic(err)
		}
		fn, _ := goja.AssertFunction(fnv)
		if _, err := fn(goja.Undefined(), module, module.Get("exports")); err != nil {
			panic(err)
		}
		return module.Get("exports")
	}
}

// uuidModule is the uuid package's v4 (and v1, validate, NIL). The ids it
// gives are derived from a counter of the Runtime's, so that recording a
// seeder twice records the same rows (and the migration's checksum stays).
func uuidModule(r *Runtime) goja.Value {
	vm := r.VM
	o := vm.NewObject()
	n := 0
	v4 := func() string {
		n++
		sum := sha256.Sum256([]byte("strata-uuid-" + strconv.Itoa(n)))
		b := sum[:16]
		b[6] = b[6]&0x0f | 0x40
		b[8] = b[8]&0x3f | 0x80
		return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
	}
	_ = o.Set("v4", v4)
	_ = o.Set("v1", v4)
	_ = o.Set("NIL", "00000000-0000-0000-0000-000000000000")
	_ = o.Set("validate", func(s string) bool {
		return len(s) == 36 && s[8] == '-' && s[13] == '-' && s[18] == '-' && s[23] == '-'
	})
	_ = o.Set("default", o)
	return o
}
