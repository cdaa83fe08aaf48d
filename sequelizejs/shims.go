package sequelizejs

import (
	"path"
	"strings"

	"github.com/dop251/goja"
)

// Shims returns the modules every Runtime provides unless its Options
// replace them: the recording "sequelize" (DataTypes, Op, fn, literal,
// col, where, QueryTypes), small "lodash" (also as "underscore"),
// "bluebird" and "uuid" (v4 ids derived from a counter, so a recording is
// the same each time), Node's "path" (the functions migrations use),
// "util" (promisify, format, inspect), "dotenv" (see dotenvModule),
// "crypto" (randomUUID, randomBytes) and "nanoid" (nanoid,
// customAlphabet), both deterministic as uuid is.
func Shims() map[string]Module {
	return map[string]Module{
		"sequelize":  sequelizeModule,
		"lodash":     jsModule(lodashJS),
		"underscore": jsModule(lodashJS),
		"bluebird":   jsModule(bluebirdJS),
		"uuid":       uuidModule,
		"crypto":     cryptoModule,
		"nanoid":     nanoidModule,
		"path": func(r *Runtime) goja.Value {
			o := r.VM.NewObject()
			_ = o.Set("join", func(parts ...string) string { return path.Join(parts...) })
			// resolve starts at process.cwd(), as Node's does.
			_ = o.Set("resolve", func(parts ...string) string {
				p := r.cwd()
				for _, s := range parts {
					if strings.HasPrefix(s, "/") {
						p = s
					} else {
						p = path.Join(p, s)
					}
				}
				return path.Clean(p)
			})
			_ = o.Set("basename", func(p string, ext ...string) string {
				b := path.Base(p)
				if len(ext) > 0 {
					b = strings.TrimSuffix(b, ext[0])
				}
				return b
			})
			_ = o.Set("dirname", path.Dir)
			_ = o.Set("extname", path.Ext)
			_ = o.Set("sep", "/")
			return o
		},
		"dotenv":        dotenvModule,
		"dotenv/config": dotenvConfigModule,
		"util": func(r *Runtime) goja.Value {
			o := r.VM.NewObject()
			_ = o.Set("promisify", func(c goja.FunctionCall) goja.Value { return c.Argument(0) })
			_ = o.Set("inspect", func(c goja.FunctionCall) goja.Value { return r.VM.ToValue(c.Argument(0).String()) })
			_ = o.Set("format", func(c goja.FunctionCall) goja.Value {
				parts := make([]string, len(c.Arguments))
				for i, a := range c.Arguments {
					parts[i] = a.String()
				}
				return r.VM.ToValue(strings.Join(parts, " "))
			})
			return o
		},
	}
}
