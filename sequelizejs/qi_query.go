package sequelizejs

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dop251/goja"
	"github.com/strata-orm/strata/ddl"
)

// sequelizeInstance is queryInterface.sequelize: query, getDialect,
// transaction, the Sequelize statics (fn, literal, col …) and options.
func (rec *recording) sequelizeInstance(qi *goja.Object) *goja.Object {
	vm := rec.r.VM
	s := vm.NewObject()
	lib := rec.r.require("sequelize", "").ToObject(vm)
	ctor := lib.Get("Sequelize").ToObject(vm)
	for _, k := range []string{"fn", "literal", "col", "cast", "where", "json", "and", "or", "Op", "QueryTypes", "DataTypes"} {
		_ = s.Set(k, ctor.Get(k))
	}
	_ = s.Set("Sequelize", ctor)
	_ = s.Set("constructor", ctor)
	options := vm.NewObject()
	_ = options.Set("dialect", rec.dialectName())
	_ = options.Set("define", vm.NewObject())
	_ = s.Set("options", options)
	_ = s.Set("config", vm.NewObject())
	_ = s.Set("models", vm.NewObject())
	_ = s.Set("getDialect", func() string { return rec.dialectName() })
	_ = s.Set("getQueryInterface", func() *goja.Object { return qi })
	_ = s.Set("queryInterface", qi)
	_ = s.Set("escape", func(v goja.Value) (string, error) { return escapeValue(rec.r, rec.d, v) })
	_ = qi.Set("quoteIdentifier", func(n string) string { return quoteIdent(rec.d, n) })
	_ = qi.Set("quoteIdentifiers", func(n string) string { return quoteIdent(rec.d, n) })
	if qg, ok := qi.Get("queryGenerator").(*goja.Object); ok {
		_ = qg.Set("quoteTable", func(n string) string { return quoteIdent(rec.d, n) })
		_ = qg.Set("quoteIdentifier", func(n string) string { return quoteIdent(rec.d, n) })
		_ = qg.Set("escape", func(v goja.Value) (string, error) { return escapeValue(rec.r, rec.d, v) })
	}
	rec.method(s, "query", rec.query)
	rec.method(s, "transaction", rec.transaction)
	for _, name := range []string{"define", "model", "sync", "authenticate", "drop", "close", "import"} {
		n := name
		_ = s.Set(n, func(goja.FunctionCall) goja.Value {
			panic(rec.r.Throw(rec.problem("sequelize."+n, "the migration uses models or the connection itself; port it by hand (a recorded migration speaks only through queryInterface)")))
		})
	}
	return s
}

// dialectName is what getDialect() returns: the configured name
// (mariadb stays mariadb).
func (rec *recording) dialectName() string {
	if rec.name != "" {
		return rec.name
	}
	return string(rec.d)
}

// transaction is sequelize.transaction: managed (a callback, whose
// promise it returns) or unmanaged (a promise of the transaction). The
// migration runs in strata's own transaction, so commit and rollback
// record nothing.
func (rec *recording) transaction(c goja.FunctionCall) (any, error) {
	vm := rec.r.VM
	t := vm.NewObject()
	_ = t.Set("commit", func() goja.Value { return rec.resolved(nil) })
	_ = t.Set("rollback", func() goja.Value {
		rec.warn("the file rolls its transaction back; what it recorded before stays recorded, as strata runs the migration in one transaction of its own")
		return rec.resolved(nil)
	})
	_ = t.Set("afterCommit", func(c goja.FunctionCall) goja.Value {
		if fn, ok := goja.AssertFunction(c.Argument(0)); ok {
			_, _ = fn(goja.Undefined(), t)
		}
		return goja.Undefined()
	})
	_ = t.Set("LOCK", vm.NewObject())
	for _, a := range c.Arguments {
		if fn, ok := goja.AssertFunction(a); ok {
			v, err := fn(goja.Undefined(), t)
			if err != nil {
				return nil, err
			}
			return v, nil
		}
	}
	return t, nil
}

var readingStatements = map[string]bool{"SELECT": true, "SHOW": true, "WITH": true, "DESCRIBE": true, "DESC": true, "EXPLAIN": true, "PRAGMA": true, "VALUES": true, "TABLE": true}

// firstWord is the statement's first keyword, after comments and
// opening parentheses.
func firstWord(sql string) string {
	s := sql
	for {
		s = strings.TrimLeft(s, " \t\r\n(")
		switch {
		case strings.HasPrefix(s, "--"):
			if i := strings.IndexByte(s, '\n'); i >= 0 {
				s = s[i+1:]
				continue
			}
			return ""
		case strings.HasPrefix(s, "/*"):
			if i := strings.Index(s, "*/"); i >= 0 {
				s = s[i+2:]
				continue
			}
			return ""
		}
		break
	}
	end := strings.IndexFunc(s, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') })
	if end < 0 {
		end = len(s)
	}
	return strings.ToUpper(s[:end])
}

func (rec *recording) query(c goja.FunctionCall) (any, error) {
	q := arg(c, 0)
	options := arg(c, 1)
	var sql string
	if o, ok := q.(*goja.Object); ok && opt(o, "query") != nil {
		sql = optString(o, "query")
		if b := opt(o, "bind"); b != nil && opt(options, "bind") == nil {
			if options == nil {
				options = rec.r.VM.NewObject()
			}
			_ = options.ToObject(rec.r.VM).Set("bind", b)
		}
	} else if q != nil {
		sql = q.String()
	}
	short := strings.Join(strings.Fields(sql), " ")
	if len(short) > 80 {
		short = short[:77] + "..."
	}
	construct := fmt.Sprintf("sequelize.query(%q)", short)
	if v, ok, err := rec.answerMeta(sql, options); ok || err != nil { // qi_meta.go
		if err != nil {
			return nil, rec.problem(construct, err.Error())
		}
		return v, nil
	}
	if v, done, err := rec.emptyRead(construct, sql, options); done { // emptyreads.go
		return v, err
	}
	if typ := upper(optString(options, "type")); typ == "SELECT" || typ == "SHOWTABLES" || typ == "SHOWINDEXES" || typ == "DESCRIBE" || typ == "FOREIGNKEYS" || typ == "SHOWCONSTRAINTS" {
		return nil, rec.problem(construct, "it reads data (type "+typ+") and the migration uses what it returns, which a recorded migration cannot know; port it by hand")
	}
	write := rawWrite(rec.d, sql) // WITH … UPDATE, PRAGMA x = y: qi_writes.go
	if readingStatements[firstWord(sql)] && !write && !needsNoTx(rec.d, sql) {
		return nil, rec.problem(construct, "it reads data ("+firstWord(sql)+") and the migration may use what it returns, which a recorded migration cannot know; port it by hand")
	}
	if r := opt(options, "replacements"); r != nil {
		s, err := rec.injectReplacements(sql, r)
		if err != nil {
			return nil, rec.problem(construct, err.Error())
		}
		sql = s
	}
	var args []any
	if b := opt(options, "bind"); b != nil {
		s, a, err := rec.bindParameters(sql, b)
		if err != nil {
			return nil, rec.problem(construct, err.Error())
		}
		sql, args = s, a
	}
	w := firstWord(sql)
	if needsNoTx(rec.d, sql) {
		rec.noTx = true
	}
	switch w {
	case "CREATE", "ALTER", "DROP", "RENAME", "COMMENT", "TRUNCATE":
		rec.warn(fmt.Sprintf("%s is recorded as raw SQL: the replayed schema does not see what it changes", construct))
	}
	rec.ops = append(rec.ops, ddl.Raw(sql, args...))
	rec.replayRaw(sql) // qi_enum.go
	if write {
		return rec.rawWriteResult(construct, sql), nil
	}
	vm := rec.r.VM
	return vm.NewArray(vm.NewArray(), 0), nil
}

// scanSQL calls at for each byte offset of sql outside string literals,
// quoted names, comments and dollar-quoted bodies; at returns how many
// bytes it consumed (0 to go on byte by byte).
func scanSQL(d Dialect, sql string, at func(i int) int) {
	for i := 0; i < len(sql); {
		ch := sql[i]
		switch {
		case ch == '\'' || ch == '"' || ch == '`':
			j := i + 1
			for j < len(sql) {
				if d == MySQL && sql[j] == '\\' {
					j += 2
					continue
				}
				if sql[j] == ch {
					if j+1 < len(sql) && sql[j+1] == ch {
						j += 2
						continue
					}
					break
				}
				j++
			}
			i = j + 1
			continue
		case ch == '-' && strings.HasPrefix(sql[i:], "--"):
			j := strings.IndexByte(sql[i:], '\n')
			if j < 0 {
				return
			}
			i += j + 1
			continue
		case ch == '/' && strings.HasPrefix(sql[i:], "/*"):
			j := strings.Index(sql[i+2:], "*/")
			if j < 0 {
				return
			}
			i += j + 4
			continue
		case ch == '$' && d == Postgres:
			if j := strings.IndexByte(sql[i+1:], '$'); j >= 0 {
				tag := sql[i : i+j+2]
				if isDollarTag(tag) {
					k := strings.Index(sql[i+len(tag):], tag)
					if k < 0 {
						return
					}
					i += len(tag) + k + len(tag)
					continue
				}
			}
		}
		if n := at(i); n > 0 {
			i += n
			continue
		}
		i++
	}
}

func isDollarTag(tag string) bool {
	inner := tag[1 : len(tag)-1]
	for i, r := range inner {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || (i > 0 && r >= '0' && r <= '9')) {
			return false
		}
	}
	return true
}

func isWordByte(b byte) bool {
	return b == '_' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// injectReplacements is Sequelize's injectReplacements: each ? (an array
// of replacements) or :name (an object) outside literals becomes the
// escaped value; an array value becomes a list.
func (rec *recording) injectReplacements(sql string, repl goja.Value) (string, error) {
	o := repl.ToObject(rec.r.VM)
	positional := isArray(repl)
	var b strings.Builder
	last, n := 0, 0
	var err error
	scanSQL(rec.d, sql, func(i int) int {
		if err != nil {
			return 0
		}
		var v goja.Value
		width := 0
		switch {
		case positional && sql[i] == '?':
			v = o.Get(strconv.Itoa(n))
			if v == nil {
				err = fmt.Errorf("replacements: the SQL has more ? than the %d replacements", n)
				return 0
			}
			n++
			width = 1
		case !positional && sql[i] == ':' && i+1 < len(sql) && isWordByte(sql[i+1]) && (i == 0 || sql[i-1] != ':') && !(i+1 < len(sql) && sql[i+1] == ':'):
			j := i + 1
			for j < len(sql) && isWordByte(sql[j]) {
				j++
			}
			name := sql[i+1 : j]
			if _, e := strconv.Atoi(name); e == nil {
				return 0 // a time such as 10:30
			}
			v = o.Get(name)
			if v == nil || goja.IsUndefined(v) {
				err = fmt.Errorf("replacements: named parameter %q has no value", name)
				return 0
			}
			width = j - i
		default:
			return 0
		}
		s, e := escapeValue(rec.r, rec.d, v)
		if isArray(v) && rec.d == Postgres {
			s, e = listValue(rec, v)
		}
		if e != nil {
			err = e
			return 0
		}
		b.WriteString(sql[last:i])
		b.WriteString(s)
		last = i + width
		return width
	})
	if err != nil {
		return "", err
	}
	b.WriteString(sql[last:])
	return b.String(), nil
}

// listValue writes an array replacement as Sequelize does: a, b, c.
func listValue(rec *recording, v goja.Value) (string, error) {
	o := v.ToObject(rec.r.VM)
	var parts []string
	for _, k := range o.Keys() {
		s, err := escapeValue(rec.r, rec.d, o.Get(k))
		if err != nil {
			return "", err
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", "), nil
}

// bindParameters turns Sequelize's $1 / $name bind parameters into the
// dialect's own ($1 … on PostgreSQL, ? elsewhere) and the values in that
// order, passed to the driver as bound arguments.
func (rec *recording) bindParameters(sql string, bind goja.Value) (string, []any, error) {
	o := bind.ToObject(rec.r.VM)
	var b strings.Builder
	var args []any
	index := map[string]int{}
	last := 0
	var err error
	scanSQL(rec.d, sql, func(i int) int {
		if err != nil || sql[i] != '$' || i+1 >= len(sql) {
			return 0
		}
		if sql[i+1] == '$' {
			b.WriteString(sql[last:i] + "$")
			last = i + 2
			return 2
		}
		j := i + 1
		for j < len(sql) && isWordByte(sql[j]) {
			j++
		}
		if j == i+1 {
			return 0
		}
		name := sql[i+1 : j]
		key := name
		if n, e := strconv.Atoi(name); e == nil {
			key = strconv.Itoa(n - 1)
		}
		v := o.Get(key)
		if v == nil || goja.IsUndefined(v) {
			err = fmt.Errorf("bind parameter $%s has no value", name)
			return 0
		}
		val, e := rec.rowValue(v)
		if e != nil {
			err = e
			return 0
		}
		b.WriteString(sql[last:i])
		if rec.d == Postgres {
			k, seen := index[name]
			if !seen {
				args = append(args, val)
				k = len(args)
				index[name] = k
			}
			b.WriteString("$" + strconv.Itoa(k))
		} else {
			args = append(args, val)
			b.WriteString("?")
		}
		last = j
		return j - i
	})
	if err != nil {
		return "", nil, err
	}
	b.WriteString(sql[last:])
	return b.String(), args, nil
}
