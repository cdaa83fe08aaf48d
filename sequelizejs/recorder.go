package sequelizejs

import (
	"errors"
	"fmt"
	"strings"

	"github.com/dop251/goja"
	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/schema"
)

// recording is one direction of one file being recorded: the schema as
// the ops so far left it, the ops, and what could not be recorded.
type recording struct {
	r         *Runtime
	d         Dialect
	name      string // the configured dialect name (mariadb)
	direction string
	file      string
	db        *schema.Database
	ops       []ddl.Op
	noTx      bool
	problems  []*Problem
	warnings  []Warning
	// history is what SequelizeMeta holds before the file
	// (RecordOptions.History), self the file's own row (name and
	// extension); a nil history is not known.
	history []string
	self    string
	// ibfk counts the foreign keys MySQL numbered per table (<t>_ibfk_N).
	ibfk map[string]int
	// seeded is which tables may hold rows when the direction starts;
	// requires are the checks of the tables its reads were answered as
	// empty (assumed, by their names at the start), put before its
	// operations at the end (see emptyRead).
	seeded   seeded
	requires []*ddl.RequireEmptyOp
	assumed  []string
}

func newRecording(r *Runtime, d Dialect, direction, file string, db *schema.Database) *recording {
	if db == nil {
		db = &schema.Database{}
	}
	db = db.Clone()
	if d == MySQL {
		db.TableScopedIndexNames = true
	}
	return &recording{r: r, d: d, direction: direction, file: file, db: db, ibfk: map[string]int{}}
}

// emit records op and replays it on the schema. An op the replay refuses
// is recorded all the same, as the team's database accepted it, with a
// warning.
func (rec *recording) emit(ops ...ddl.Op) {
	for _, op := range ops {
		rec.ops = append(rec.ops, op)
		if err := op.Apply(rec.db); err != nil {
			rec.warn(fmt.Sprintf("%s: the replayed history refuses it (%v); recorded as the database accepted it", op, err))
		}
	}
}

func (rec *recording) warn(msg string) {
	rec.warnings = append(rec.warnings, Warning{Direction: rec.direction, Line: rec.r.Line(), Message: msg})
}

// problem records what stops this direction and returns the error the
// call rejects with. The problem stays recorded even when the file
// catches the rejection.
func (rec *recording) problem(construct, reason string) error {
	file, line := rec.r.Where()
	if file == "" {
		file = rec.file
	}
	rec.problems = append(rec.problems, &Problem{Direction: rec.direction, File: file, Line: line, Construct: construct, Reason: reason})
	return &UnsupportedError{Construct: construct, Reason: reason, File: file, Line: line}
}

// resolved is a promise fulfilled with v.
func (rec *recording) resolved(v any) goja.Value {
	p, resolve, _ := rec.r.VM.NewPromise()
	_ = resolve(rec.r.VM.ToValue(v))
	return rec.r.VM.ToValue(p)
}

// rejected is a promise rejected with err (a JavaScript Error whose
// message is err's, carrying err for the Runtime).
func (rec *recording) rejected(err error) goja.Value {
	p, _, reject := rec.r.VM.NewPromise()
	_ = reject(rec.r.VM.NewGoError(err))
	return rec.r.VM.ToValue(p)
}

// method binds a queryInterface method: fn's result resolves the
// promise, its error rejects it.
func (rec *recording) method(o *goja.Object, name string, fn func(c goja.FunctionCall) (any, error)) {
	_ = o.Set(name, func(c goja.FunctionCall) (ret goja.Value) {
		defer func() {
			if x := recover(); x != nil {
				if ex, ok := x.(*goja.Object); ok {
					panic(ex)
				}
				if err, ok := x.(error); ok {
					ret = rec.rejected(err)
					return
				}
				panic(x)
			}
		}()
		v, err := fn(c)
		if err != nil {
			err = rec.r.scriptError(err, "") // a callback's exception: what it carries
			var ue *UnsupportedError
			if !errors.As(err, &ue) {
				_, line := rec.r.Where()
				err = &CallError{Method: name, Line: line, Err: err}
			}
			return rec.rejected(err)
		}
		if gv, ok := v.(goja.Value); ok {
			if _, isPromise := gv.Export().(*goja.Promise); isPromise {
				return gv
			}
		}
		return rec.resolved(v)
	})
}

// arg is argument i, or nil when missing or undefined.
func arg(c goja.FunctionCall, i int) goja.Value {
	if i >= len(c.Arguments) || goja.IsUndefined(c.Arguments[i]) {
		return nil
	}
	return c.Arguments[i]
}

// tableName reads a table given as a string or {tableName, schema}.
func tableName(v goja.Value) (string, error) {
	if v == nil || goja.IsNull(v) {
		return "", fmt.Errorf("no table name given")
	}
	if o, ok := v.(*goja.Object); ok {
		if tn := o.Get("tableName"); tn != nil && !goja.IsUndefined(tn) {
			return tn.String(), nil
		}
		return "", fmt.Errorf("table %s has no tableName", v.String())
	}
	return v.String(), nil
}

// opt reads option name of an options object, nil when absent.
func opt(o goja.Value, name string) goja.Value {
	obj, ok := o.(*goja.Object)
	if !ok || obj == nil {
		return nil
	}
	v := obj.Get(name)
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil
	}
	return v
}

func optString(o goja.Value, name string) string {
	if v := opt(o, name); v != nil {
		return v.String()
	}
	return ""
}

func optBool(o goja.Value, name string) bool {
	v := opt(o, name)
	return v != nil && v.ToBoolean()
}

// strings of a JS array (or a single string).
func stringList(r *Runtime, v goja.Value) []string {
	if v == nil {
		return nil
	}
	if s, ok := v.Export().(string); ok {
		return []string{s}
	}
	o, ok := v.(*goja.Object)
	if !ok {
		return nil
	}
	var out []string
	for _, k := range o.Keys() {
		out = append(out, o.Get(k).String())
	}
	return out
}

// pgName is a name as PostgreSQL keeps it: cut to 63 bytes.
func (rec *recording) limitName(name string) string {
	if rec.d == Postgres && len(name) > 63 {
		return name[:63]
	}
	return name
}

func upper(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

// CallError is a queryInterface or sequelize call that failed as
// Sequelize's would (a table describeTable does not find, an option it
// refuses): the file may catch it; uncaught, it stops the direction.
type CallError struct {
	Method string
	Line   int
	Err    error
}

func (e *CallError) Error() string { return e.Method + ": " + e.Err.Error() }

func (e *CallError) Unwrap() error { return e.Err }
