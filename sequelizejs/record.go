package sequelizejs

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/dop251/goja"
	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/schema"
)

// Recorded is one migration or seeder file as recorded: the operations
// its up and down asked queryInterface for, in order.
type Recorded struct {
	// Name is the file's name without its extension: the migration's name
	// (SequelizeMeta stores Name+Ext).
	Name string
	// File is the path as read; Ext its extension (".js", ".ts" …).
	File, Ext string
	// Source is the file's text as read.
	Source []byte
	// Up and Down are the recorded operations. Down is nil when the file
	// has no down function; an empty non-nil Down undoes nothing.
	Up, Down []ddl.Op
	// NoTx says an operation must run outside a transaction (an index
	// built CONCURRENTLY).
	NoTx bool
	// Problems say why a direction could not be recorded fully. A file
	// with problems becomes a skeleton: it is not run, and it fails until a
	// person ports it.
	Problems []*Problem
	// Warnings are constructs recorded as the team's database accepted
	// them (a guard the replay decided, an index removed that the replay
	// does not have …).
	Warnings []Warning
}

// Complete reports whether both directions were recorded fully.
func (r *Recorded) Complete() bool { return len(r.Problems) == 0 }

// Problem is what stopped the recording of one direction of a file.
type Problem struct {
	Direction string // "up" or "down"
	File      string
	Line      int
	Construct string // what the file did: `sequelize.query("SELECT …")`, `require("fs")`
	Reason    string // why it cannot be recorded, and what a person does about it
}

// Warning is a construct accepted as the team's database accepted it.
type Warning struct {
	Direction string
	Line      int
	Message   string
}

// RecordOptions configure a recording.
type RecordOptions struct {
	// Dialect is the database the files are recorded for: "postgres",
	// "mysql", "mariadb" (recorded as mysql; getDialect() still says
	// mariadb) or "sqlite".
	Dialect string
	// Env is process.env; nil means the process's own environment.
	Env map[string]string
	// Getenv, when set, is what process.env reads instead of Env (the
	// CLI's environment; see Options.Getenv).
	Getenv func(string) string
	// Schema is the schema before the first file; nil is an empty database.
	Schema *schema.Database
	// Now is the time `new Date()` and `Date.now()` give the files (a
	// seeder's createdAt), so that recording a file twice records the
	// same rows; the zero Now is the time the recording starts, in
	// milliseconds as JavaScript keeps it.
	Now time.Time
	// Console receives the files' console output; nil discards it.
	Console io.Writer
	// History, when set, carries what the files recorded before tell a
	// recording beyond the schema: which tables they put rows into, so
	// that a read of one stays a Problem rather than being answered with
	// no rows (see RecordFile), and what SequelizeMeta holds before the
	// file (their names with extensions, as sequelize-cli stores them), so
	// that a file reading SequelizeMeta ("has this migration run?") is
	// answered. A caller recording a history file by file, from its first
	// file, passes the same *History to each; RecordDir makes one when
	// nil. Without one a read of SequelizeMeta is a Problem, as any data
	// read.
	History *History
}

// History is what a recording keeps across the files of a history: the
// tables a bulkInsert or an INSERT put rows into, and the files recorded
// so far (SequelizeMeta's rows once they ran). Its zero value is a
// history that has recorded no file and put rows nowhere. RecordFile adds
// to it.
type History struct {
	rows seeded
	meta []string
}

// migrationPattern is sequelize-cli 6.6.5's: .js, .cjs, .ts and .cts
// files, not declaration files (.d.ts). It does not run .mjs files.
var migrationPattern = regexp.MustCompile(`\.(cjs|js|cts|ts)$`)

func isMigrationFile(name string) bool {
	return !strings.HasSuffix(name, ".d.ts") && migrationPattern.MatchString(name)
}

// RecordDir records every migration (or seeder) file of dir in the order
// sequelize-cli 6.6.5 runs them (its pattern, file names sorted), each
// file's up against the schema the files before it left, its down
// against the schema after its up.
func RecordDir(dir string, opts RecordOptions) ([]*Recorded, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("sequelizejs: cannot read the migrations folder: %w", err)
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && isMigrationFile(e.Name()) {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	if opts.Now.IsZero() {
		opts.Now = time.Now().UTC().Truncate(time.Millisecond)
	}
	db := opts.Schema
	var out []*Recorded
	if opts.History == nil {
		opts.History = &History{}
	}
	for _, n := range names {
		rec, after, err := RecordFile(filepath.Join(dir, n), db, opts)
		if err != nil {
			return out, err
		}
		out = append(out, rec)
		db = after
	}
	return out, nil
}

// datePrelude makes new Date() and Date.now() give a fixed time.
const datePrelude = `(function (now) {
  const D = Date;
  function StrataDate(...a) {
    if (!new.target) return new D(now).toString();
    return a.length ? new D(...a) : new D(now);
  }
  StrataDate.prototype = D.prototype;
  StrataDate.now = () => now;
  StrataDate.UTC = D.UTC;
  StrataDate.parse = D.parse;
  globalThis.Date = StrataDate;
})`

// RecordFile records one migration or seeder file: its up against
// before (nil is an empty database), its down against the schema after
// its up, which it returns. What cannot be recorded is a Problem of the
// Recorded, never an error: the error is for a file that cannot be read
// or options that make no sense.
//
// A data read (a SELECT whose rows the file loops over to change them) of
// tables of before that the file has put no rows into is answered with no
// rows, as on a fresh database, and the direction starts with
// ddl.RequireEmpty of those tables, so that it stops where they hold rows
// (see emptyRead); a Warning says so. Which tables the files before put
// rows into is opts.History's: pass the same one to each file of a
// history (RecordDir does).
func RecordFile(path string, before *schema.Database, opts RecordOptions) (*Recorded, *schema.Database, error) {
	d, err := ParseDialect(opts.Dialect)
	if err != nil {
		return nil, nil, err
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("sequelizejs: %w", err)
	}
	if before == nil {
		before = &schema.Database{}
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now().UTC().Truncate(time.Millisecond)
	}
	base := filepath.Base(path)
	ext := filepath.Ext(base)
	if strings.HasSuffix(base, ".d.ts") {
		ext = ".d.ts"
	}
	out := &Recorded{Name: strings.TrimSuffix(base, ext), File: path, Ext: ext, Source: src}
	r := New(Options{Env: opts.Env, Getenv: opts.Getenv, Console: opts.Console, Cwd: filepath.Dir(path), DeferRefused: true})
	if fn, err := r.VM.RunString(datePrelude); err == nil {
		f, _ := goja.AssertFunction(fn)
		_, _ = f(goja.Undefined(), r.VM.ToValue(opts.Now.UnixMilli()))
	}
	exports, err := r.Require(path)
	if err != nil {
		for _, dir := range []string{"up", "down"} {
			out.Problems = append(out.Problems, problemOf(err, dir, path))
		}
		return out, before.Clone(), nil
	}
	mod, _ := exports.(*goja.Object)
	fnOf := func(name string) goja.Value {
		if mod == nil {
			return nil
		}
		if v := mod.Get(name); v != nil && !goja.IsUndefined(v) {
			return v
		}
		if def, ok := mod.Get("default").(*goja.Object); ok {
			if v := def.Get(name); v != nil && !goja.IsUndefined(v) {
				return v
			}
		}
		return nil
	}
	var rows seeded
	var meta []string // nil: SequelizeMeta's rows are not known
	if opts.History != nil {
		rows = opts.History.rows
		meta = append([]string{}, opts.History.meta...)
		defer func() {
			opts.History.rows = rows.after(d, out.Up)
			opts.History.meta = append(opts.History.meta, base)
		}()
	}
	ctor := r.require("sequelize", "").ToObject(r.VM).Get("Sequelize")
	run := func(direction string, db *schema.Database, rows seeded) *recording {
		rec := newRecording(r, d, direction, path, db)
		if strings.EqualFold(strings.TrimSpace(opts.Dialect), "mariadb") {
			rec.name = "mariadb" // getDialect() tells it apart; other spellings are the dialect's own name
		}
		rec.seeded = rows
		rec.history, rec.self = meta, base
		fn := fnOf(direction)
		if fn == nil {
			return nil
		}
		if _, ok := goja.AssertFunction(fn); !ok {
			rec.problems = append(rec.problems, &Problem{Direction: direction, File: path, Construct: direction, Reason: "the file's " + direction + " is not a function"})
			return rec
		}
		_, err := r.Call(fn, mod, rec.queryInterface(), ctor)
		rec.finish()
		if err != nil {
			p := problemOf(err, direction, path)
			seen := false
			for _, q := range rec.problems {
				seen = seen || (q.Construct == p.Construct && q.Line == p.Line)
			}
			if !seen {
				rec.problems = append(rec.problems, p)
			}
		}
		return rec
	}
	after := before.Clone()
	if up := run("up", before, rows); up != nil {
		out.Up, after = up.ops, up.db
		out.NoTx = out.NoTx || up.noTx
		out.Problems = append(out.Problems, up.problems...)
		out.Warnings = append(out.Warnings, up.warnings...)
		if out.Up == nil {
			out.Up = []ddl.Op{}
		}
	} else {
		out.Problems = append(out.Problems, &Problem{Direction: "up", File: path, Construct: "module.exports", Reason: "the file exports no up function (sequelize-cli needs one)"})
	}
	if down := run("down", after, rows.after(d, out.Up)); down != nil {
		out.Down = down.ops
		if out.Down == nil {
			out.Down = []ddl.Op{}
		}
		out.NoTx = out.NoTx || down.noTx
		out.Problems = append(out.Problems, down.problems...)
		out.Warnings = append(out.Warnings, down.warnings...)
	}
	return out, after, nil
}

// problemOf turns what stopped a direction into its Problem.
func problemOf(err error, direction, file string) *Problem {
	p := &Problem{Direction: direction, File: file}
	var ue *UnsupportedError
	var se *ScriptError
	var ce *CallError
	switch {
	case errors.As(err, &ce):
		p.Construct, p.Line = ce.Method, ce.Line
		p.Reason = "the call failed as Sequelize's would, and the file does not catch it: " + ce.Err.Error()
	case errors.As(err, &ue):
		p.Construct, p.Reason, p.Line = ue.Construct, ue.Reason, ue.Line
		if ue.File != "" {
			p.File = ue.File
		}
	case errors.As(err, &se):
		p.Construct, p.Line = "throw", se.Line
		p.Reason = "the file threw: " + se.Message
		if se.File != "" {
			p.File = se.File
		}
	default:
		p.Construct, p.Reason = "error", err.Error()
	}
	if p.File != "" && !samePath(p.File, file) {
		p.Reason += fmt.Sprintf(" (in %s, which the file requires)", p.File)
	}
	return p
}

func samePath(a, b string) bool {
	a, errA := filepath.Abs(a)
	b, errB := filepath.Abs(b)
	return errA == nil && errB == nil && a == b
}
