package sequelizejs

import (
	"strings"

	"github.com/dop251/goja"
)

// rawWrite reports whether sql, which starts with a reading keyword, is a
// write all the same, recorded as raw SQL like a bare UPDATE:
//
//   - WITH … whose common table expressions or main statement update,
//     insert or delete (a data-modifying CTE), and
//   - PRAGMA name = value (SQLite: it sets, it reads nothing).
//
// What such a statement returns is rawWriteResult: the row count can be
// read (0), the rows cannot.
func rawWrite(d Dialect, sql string) bool {
	switch firstWord(sql) {
	case "PRAGMA":
		eq := false
		scanSQL(d, sql, func(i int) int {
			if sql[i] == '=' {
				eq = true
			}
			return 0
		})
		return eq
	case "WITH":
		return hasWord(d, sql, "UPDATE") || hasWord(d, sql, "INSERT") || hasWord(d, sql, "DELETE")
	}
	return false
}

// rawWriteResult is what a recorded write that reads nothing back
// resolves to: [rows, metadata] as Sequelize's raw query gives, the
// metadata's rowCount (and affectedRows) 0, and rows a stand-in whose
// use is a Problem: a migration that uses the rows a statement RETURNING
// gives cannot be recorded.
func (rec *recording) rawWriteResult(construct, sql string) goja.Value {
	vm := rec.r.VM
	if rec.d == SQLite && strings.Contains(upper(sql), "FOREIGN_KEYS") {
		// PRAGMA foreign_keys is a no-op inside a transaction; sequelize-cli
		// runs it outside one, so the migration does too.
		rec.noTx = true
	}
	ue := &UnsupportedError{Construct: construct, Reason: "the migration uses the rows the statement returns, which a recorded migration cannot know; port it by hand"}
	guard := func() goja.Value {
		at := *ue
		panic(rec.r.Throw(&at))
	}
	rows := vm.NewProxy(vm.NewArray(), &goja.ProxyTrapConfig{
		Get: func(t *goja.Object, prop string, _ goja.Value) goja.Value {
			if prop == "then" || prop == "toJSON" {
				return goja.Undefined()
			}
			return guard()
		},
		GetIdx: func(*goja.Object, int, goja.Value) goja.Value { return guard() },
	})
	meta := vm.NewObject()
	_ = meta.Set("rowCount", 0)
	_ = meta.Set("affectedRows", 0)
	_ = meta.Set("changes", 0)
	_ = meta.Set("rows", rows)
	return vm.NewArray(rows, meta)
}
