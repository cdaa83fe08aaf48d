package sequelizejs

import (
	"strconv"

	"github.com/dop251/goja"
)

// sequelizeModule builds the exports of require('sequelize'): the
// Sequelize constructor, carrying DataTypes, Op, fn … as statics.
func sequelizeModule(r *Runtime) goja.Value {
	vm := r.VM
	module := vm.NewObject()
	exports := vm.NewObject()
	_ = module.Set("exports", exports)
	fnv, err := vm.RunString("(function (module, exports) {" + sequelizeJS + "\n})")
	if err != nil {
		panic(err)
	}
	fn, _ := goja.AssertFunction(fnv)
	if _, err := fn(goja.Undefined(), module, exports); err != nil {
		panic(err)
	}
	lib := module.Get("exports").ToObject(vm)
	ctor := vm.ToValue(func(goja.ConstructorCall) *goja.Object {
		panic(r.Throw(&UnsupportedError{Construct: "new Sequelize(…)", Reason: "it opens a connection of its own; use the queryInterface (and queryInterface.sequelize) the migration is given"}))
	}).ToObject(vm)
	dts := lib.Get("DataTypes").ToObject(vm)
	for _, k := range dts.Keys() {
		_ = ctor.Set(k, dts.Get(k))
	}
	for _, k := range []string{"Op", "QueryTypes", "fn", "literal", "col", "cast", "where", "json", "Model", "Transaction", "DataTypes"} {
		_ = ctor.Set(k, lib.Get(k))
		_ = lib.Set(k, lib.Get(k))
	}
	_ = ctor.Set("and", vm.ToValue(func(c goja.FunctionCall) goja.Value { return andOr(vm, lib, "and", c.Arguments) }))
	_ = ctor.Set("or", vm.ToValue(func(c goja.FunctionCall) goja.Value { return andOr(vm, lib, "or", c.Arguments) }))
	_ = ctor.Set("Sequelize", ctor)
	_ = lib.Set("Sequelize", ctor)
	_ = lib.Set("default", ctor)
	for _, k := range dts.Keys() {
		if lib.Get(k) == nil {
			_ = lib.Set(k, dts.Get(k))
		}
	}
	// module.exports is the Sequelize class itself, as in Sequelize v6:
	// `const Sequelize = require('sequelize'); new Sequelize(…)` (the app's
	// models) throws the *UnsupportedError, which a recording defers to
	// the models' use.
	_ = ctor.Set("default", ctor)
	return ctor
}

func andOr(vm *goja.Runtime, lib *goja.Object, op string, args []goja.Value) goja.Value {
	o := vm.NewObject()
	arr := vm.NewArray()
	for i, a := range args {
		_ = arr.Set(strconv.Itoa(i), a)
	}
	opSym := lib.Get("Op").ToObject(vm).Get(op)
	if s, ok := opSym.(*goja.Symbol); ok {
		_ = o.SetSymbol(s, arr)
	}
	return o
}
