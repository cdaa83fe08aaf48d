package sequelizejs

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/dop251/goja"
	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/internal/sqllex"
	"github.com/strata-orm/strata/schema"
)

// A data read a recording can answer: a file that reads rows to change
// them (a backfill: SELECT, then an UPDATE per row) does nothing on a
// fresh database, whose tables the history made and left empty. Such a
// read is answered with no rows when the SELECT reads only tables of the
// replayed schema that the history so far put no rows into, and the
// direction then starts with ddl.RequireEmpty of those tables, so that
// on a database where they hold rows the migration stops before
// anything of it runs (*dialect.NotEmptyError), instead of doing less
// than the file would. Everything else stays a Problem.

// seeded is what a recording knows of which tables may hold rows: those
// a bulkInsert or an INSERT of the history put rows into, or every table
// (all) after raw SQL that may insert anywhere.
type seeded struct {
	all    bool
	tables map[string]bool
}

// has reports whether table may hold rows.
func (s seeded) has(table string) bool { return s.all || s.tables[table] }

// after is s once ops ran.
func (s seeded) after(d Dialect, ops []ddl.Op) seeded {
	out := seeded{all: s.all, tables: map[string]bool{}}
	for t := range s.tables {
		out.tables[t] = true
	}
	for _, op := range ops {
		switch o := op.(type) {
		case *ddl.BulkInsertOp:
			if len(o.Rows) > 0 {
				out.tables[o.Table] = true
			}
		case *ddl.CreateTableOp:
			delete(out.tables, o.Name)
		case *ddl.DropTableOp:
			delete(out.tables, o.Name)
		case *ddl.RenameTableOp:
			if out.tables[o.From] {
				delete(out.tables, o.From)
				out.tables[o.To] = true
			}
		case *ddl.RawOp:
			sql, err := o.SQLFor(string(d))
			if err != nil {
				out.all = true
				continue
			}
			for _, t := range insertedTables(d, sql) {
				if t == "" {
					out.all = true
				} else {
					out.tables[t] = true
				}
			}
		}
	}
	return out
}

// noRows are the statements that put no row into a table the replay
// knows: DDL, and changes of rows that exist.
var noRows = map[string]bool{"CREATE": true, "ALTER": true, "DROP": true, "RENAME": true, "COMMENT": true, "TRUNCATE": true,
	"UPDATE": true, "DELETE": true, "GRANT": true, "REVOKE": true, "SET": true, "VACUUM": true, "ANALYZE": true,
	"REINDEX": true, "PRAGMA": true, "BEGIN": true, "COMMIT": true, "START": true}

// insertedTables lists the tables the statements of sql insert rows
// into ("" for rows that may go anywhere: a statement strata cannot read
// as one of noRows or as an INSERT into a named table).
func insertedTables(d Dialect, sql string) []string {
	spans, err := sqllex.Statements(sql, lexFlags(d))
	if err != nil {
		return []string{""}
	}
	var out []string
	for _, sp := range spans {
		words, err := sqlWords(d, sql[sp.Pos:sp.End])
		if err != nil || len(words) == 0 {
			out = append(out, "")
			continue
		}
		first := strings.ToUpper(words[0].text)
		switch {
		case words[0].kind == wordName && !words[0].quoted && noRows[first]:
		case first == "INSERT" || first == "REPLACE":
			at := slices.IndexFunc(words, func(w sqlWord) bool { return w.isKeyword("INTO") })
			if at < 0 || at+1 >= len(words) || words[at+1].kind != wordName ||
				at+2 < len(words) && words[at+2].kind == wordPunct && words[at+2].text == "." {
				out = append(out, "")
				continue
			}
			name := words[at+1].text
			if d == Postgres && !words[at+1].quoted {
				name = strings.ToLower(name)
			}
			out = append(out, name)
		default:
			out = append(out, "")
		}
	}
	return out
}

// systemTable reports a name of the database's own catalog or of
// sequelize-cli's bookkeeping, which a migration's history does not fill.
func systemTable(name string) bool {
	n := strings.ToLower(name)
	return n == "sequelizemeta" || n == "sequelizedata" || n == "information_schema" ||
		strings.HasPrefix(n, "pg_") || strings.HasPrefix(n, "sqlite_") || n == "mysql" || n == "performance_schema"
}

// emptyRead answers a data read with no rows where it can (see above):
// done reports that it answered (v) or made the read a Problem (err);
// when not done the caller goes on as before. Only a SELECT statement
// with type SELECT, RAW or none is for it.
func (rec *recording) emptyRead(construct, sql string, options goja.Value) (v any, done bool, err error) {
	typ := upper(optString(options, "type"))
	if firstWord(sql) != "SELECT" || (typ != "" && typ != "SELECT" && typ != "RAW") {
		return nil, false, nil
	}
	tables, why := rec.emptyTables(sql)
	if why != "" {
		label := "SELECT"
		if typ == "SELECT" {
			label = "type SELECT"
		}
		return nil, true, rec.problem(construct, "it reads data ("+label+") and the migration may use what it returns, which a recorded "+
			"migration cannot know; port it by hand (it is not answered with no rows, as on a fresh database: "+why+")")
	}
	_, line := rec.r.Where()
	var guard []string
	for _, t := range tables {
		orig, created := rec.originalName(t)
		if !created && !slices.Contains(rec.assumed, orig) {
			guard = append(guard, orig)
			rec.assumed = append(rec.assumed, orig)
		}
	}
	if len(guard) > 0 {
		rec.requires = append(rec.requires, ddl.RequireEmpty(guard...).At(filepath.Base(rec.file), line))
	}
	msg := fmt.Sprintf("%s reads %s, which the history so far leaves empty: answered with no rows, as on a fresh database", construct, quoteList(tables))
	if len(guard) > 0 {
		msg += fmt.Sprintf("; before anything else the migration checks (ddl.RequireEmpty) that no row is in %s, and stops if one is", quoteList(guard))
	} else {
		msg += " (the migration makes it itself)"
	}
	rec.warnings = append(rec.warnings, Warning{Direction: rec.direction, Line: line, Message: msg})
	vm := rec.r.VM
	switch {
	case typ == "SELECT" && optBool(options, "plain"):
		return goja.Null(), true, nil
	case typ == "SELECT":
		return vm.NewArray(), true, nil
	}
	var meta goja.Value = vm.NewArray()
	if rec.d == Postgres {
		m := vm.NewObject()
		_ = m.Set("command", "SELECT")
		_ = m.Set("rowCount", 0)
		_ = m.Set("rows", vm.NewArray())
		_ = m.Set("fields", vm.NewArray())
		meta = m
	}
	return vm.NewArray(vm.NewArray(), meta), true, nil
}

// emptyTables is the tables of the replayed schema a SELECT reads, all
// of them empty as far as the history so far tells, or why it cannot
// say so.
func (rec *recording) emptyTables(sql string) ([]string, string) {
	refs, err := readTables(rec.d, sql)
	if err != nil {
		return nil, err.Error()
	}
	rows := rec.seeded.after(rec.d, rec.ops)
	var out []string
	for _, ref := range refs {
		if systemTable(ref.name) {
			return nil, fmt.Sprintf("it reads %q, which the history does not fill", ref.name)
		}
		t := rec.replayedTable(ref)
		if t == nil {
			return nil, fmt.Sprintf("it reads %q, which is not a table of the replayed schema", ref.name)
		}
		if rows.has(t.Name) {
			if rows.all {
				return nil, "raw SQL before it may have put rows into any table"
			}
			return nil, fmt.Sprintf("the history put rows into %q before it", t.Name)
		}
		if !slices.Contains(out, t.Name) {
			out = append(out, t.Name)
		}
	}
	return out, ""
}

// replayedTable finds a table reference in the replayed schema as the
// database would: PostgreSQL folds an unquoted name to lower case,
// SQLite compares names without case, MySQL (on Linux) as written.
func (rec *recording) replayedTable(ref tableRef) *schema.Table {
	switch rec.d {
	case Postgres:
		if !ref.quoted {
			return rec.db.Table(strings.ToLower(ref.name))
		}
	case SQLite:
		for i := range rec.db.Tables {
			if strings.EqualFold(rec.db.Tables[i].Name, ref.name) {
				return &rec.db.Tables[i]
			}
		}
		return nil
	}
	return rec.db.Table(ref.name)
}

// originalName is the name table had when the direction started, and
// whether the direction made it (so it is empty without a check).
func (rec *recording) originalName(table string) (string, bool) {
	name := table
	for i := len(rec.ops) - 1; i >= 0; i-- {
		switch o := rec.ops[i].(type) {
		case *ddl.RenameTableOp:
			if o.To == name {
				name = o.From
			}
		case *ddl.CreateTableOp:
			if o.Name == name {
				return name, true
			}
		}
	}
	return name, false
}

// finish puts the checks of the tables the direction's reads assumed
// empty before its operations.
func (rec *recording) finish() {
	if len(rec.requires) == 0 {
		return
	}
	ops := make([]ddl.Op, 0, len(rec.requires)+len(rec.ops))
	for _, r := range rec.requires {
		ops = append(ops, r)
	}
	rec.ops = append(ops, rec.ops...)
}

// quoteList is names quoted and joined with commas.
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}
