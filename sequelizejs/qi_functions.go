package sequelizejs

import (
	"fmt"
	"strings"

	"github.com/dop251/goja"
)

// functionMethods binds PostgreSQL's createFunction, dropFunction and
// renameFunction: each records the statement Sequelize's PostgreSQL query
// generator writes, as raw SQL (sequelize.query). The other dialects'
// generators have none (the call fails there, and stays a Problem).
func (rec *recording) functionMethods(qi *goja.Object) {
	if rec.d != Postgres {
		return
	}
	raw := func(sql string, options goja.Value) (any, error) {
		args := []goja.Value{rec.r.VM.ToValue(sql)}
		if options != nil {
			args = append(args, options)
		}
		return rec.query(goja.FunctionCall{This: goja.Undefined(), Arguments: args})
	}
	rec.method(qi, "createFunction", func(c goja.FunctionCall) (any, error) {
		name, ret, lang, body := arg(c, 0), arg(c, 2), arg(c, 3), arg(c, 4)
		if name == nil || ret == nil || lang == nil || body == nil {
			return nil, fmt.Errorf("createFunction missing some parameters. Did you pass functionName, returnType, language and body?")
		}
		params, err := rec.functionParams(arg(c, 1))
		if err != nil {
			return nil, err
		}
		options := arg(c, 6)
		vars := ""
		if v, ok := opt(options, "variables").(*goja.Object); ok {
			var defs []string
			for _, k := range v.Keys() {
				x, _ := v.Get(k).(*goja.Object)
				if x == nil || opt(x, "name") == nil || opt(x, "type") == nil {
					return nil, fmt.Errorf("function variable must have a name and type")
				}
				d := "DECLARE " + optString(x, "name") + " " + optString(x, "type")
				if def := opt(x, "default"); def != nil && def.ToBoolean() {
					d += " := " + def.String()
				}
				defs = append(defs, d+";")
			}
			vars = strings.Join(defs, " ")
		}
		expanded := ""
		if o, ok := arg(c, 5).(*goja.Object); ok && len(o.Keys()) > 0 {
			var parts []string
			for _, k := range o.Keys() {
				parts = append(parts, o.Get(k).String())
			}
			expanded = strings.Join(parts, " ")
		}
		stmt := "CREATE FUNCTION"
		if f := opt(options, "force"); f != nil && f.ToBoolean() {
			stmt = "CREATE OR REPLACE FUNCTION"
		}
		sql := fmt.Sprintf("%s %s(%s) RETURNS %s AS $func$ %s BEGIN %s END; $func$ language '%s'%s;", stmt, name.String(), params, ret.String(), vars, body.String(), lang.String(), expanded)
		return raw(sql, options)
	})
	rec.method(qi, "dropFunction", func(c goja.FunctionCall) (any, error) {
		name := arg(c, 0)
		if name == nil {
			return nil, fmt.Errorf("requires functionName")
		}
		params, err := rec.functionParams(arg(c, 1))
		if err != nil {
			return nil, err
		}
		return raw(fmt.Sprintf("DROP FUNCTION %s(%s) RESTRICT;", name.String(), params), arg(c, 2))
	})
	rec.method(qi, "renameFunction", func(c goja.FunctionCall) (any, error) {
		params, err := rec.functionParams(arg(c, 1))
		if err != nil {
			return nil, err
		}
		return raw(fmt.Sprintf("ALTER FUNCTION %s(%s) RENAME TO %s;", arg(c, 0), params, arg(c, 2)), arg(c, 3))
	})
}

// functionParams is Sequelize's _expandFunctionParamList: each
// parameter's direction, name and type, comma-separated.
func (rec *recording) functionParams(v goja.Value) (string, error) {
	o, ok := v.(*goja.Object)
	if !ok || o.ClassName() != "Array" {
		return "", fmt.Errorf("_expandFunctionParamList: function parameters array required, including an empty one for no arguments")
	}
	var list []string
	for _, k := range o.Keys() {
		p, _ := o.Get(k).(*goja.Object)
		if p == nil || opt(p, "type") == nil {
			return "", fmt.Errorf("function or trigger used with a parameter without any type")
		}
		var def []string
		if opt(p, "direction") != nil {
			def = append(def, optString(p, "direction"))
		}
		if opt(p, "name") != nil {
			def = append(def, optString(p, "name"))
		}
		def = append(def, optString(p, "type"))
		list = append(list, strings.Join(def, " "))
	}
	return strings.Join(list, ", "), nil
}
