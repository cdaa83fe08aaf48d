package migrate

import (
	"context"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

// earlyGuards runs the guards of a migration that runs outside a
// transaction before anything of it, so that data a change would lose
// refuses the whole migration with nothing of it done or recorded.
func (s *session) earlyGuards(ctx context.Context, r *runner, dir Direction, guards []earlyGuard) error {
	m := s.m
	for _, g := range guards {
		if err := dialect.CheckGuard(ctx, s.conn, m.d, g.stmt); err != nil {
			r.failed = &failure{n: g.n, sql: g.stmt.SQL, op: g.op, err: err}
			e := r.migrationError(err)
			e.Unchanged = true
			m.emit(Event{Kind: MigrationStart, Direction: dir, Name: r.mig.name, Total: r.total, NoTx: true})
			m.emit(Event{Kind: MigrationFailed, Direction: dir, Name: r.mig.name, Statement: g.n, Err: e})
			return e
		}
	}
	return nil
}

// prepared is what rendering a migration's operations beforehand tells.
type prepared struct {
	total   int  // statements; 0 when unknown
	noTx    bool // a statement cannot run in a transaction
	session bool // a statement needs the dialect's DDLSession
	// early lists the guards that can run before the migration's first
	// statement (see prerender).
	early []earlyGuard
}

// earlyGuard is a guard that can run before anything of its migration:
// no operation before it changes data or touches its column (or its
// table as a whole), so it counts the same rows then as in its place.
type earlyGuard struct {
	stmt dialect.Stmt
	n    int    // its statement number
	op   string // the operation it belongs to
}

// prerender renders ops against a copy of live to count their statements
// and find any that cannot run in a transaction or need the dialect's
// DDLSession, so that a malformed operation fails before anything runs.
// After a raw operation the offline schema may be wrong: rendering goes on
// as a best guess, and an error there only makes the count unknown.
//
// It also finds the guards (dialect.Guard) that can run early: where a
// migration runs outside a transaction (MySQL), a guard that refuses after
// earlier statements took effect leaves it half-applied, so those that
// count the same rows before them run first.
func prerender(d dialect.Dialect, live *schema.Database, ops []ddl.Op) (prepared, *failure) {
	var p prepared
	cur := live.Clone()
	afterRaw := false
	dataChanged, touched := false, map[[2]string]bool{}
	for _, op := range ops {
		stmts, err := d.Render(op, cur)
		if err == nil {
			err = op.Apply(cur)
		}
		if err != nil {
			if afterRaw {
				p.total = 0
				return p, nil
			}
			return prepared{}, &failure{op: op.String(), err: err}
		}
		for i, st := range stmts {
			p.noTx = p.noTx || st.NoTx
			p.session = p.session || st.Session
			if g := st.Guard; g != nil && !dataChanged && !touched[[2]string{g.Table, ""}] && !touched[[2]string{g.Table, g.Column}] {
				p.early = append(p.early, earlyGuard{stmt: st, n: p.total + i + 1, op: op.String()})
			}
		}
		p.total += len(stmts)
		for _, c := range opColumns(op) {
			touched[c] = true
		}
		switch op.(type) {
		case *ddl.RawOp:
			afterRaw, dataChanged = true, true
		case *ddl.BulkInsertOp, *ddl.BulkUpdateOp, *ddl.BulkDeleteOp:
			dataChanged = true
		}
	}
	return p, nil
}

// opColumns lists the columns whose values or definition op changes, as
// (table, column), or (table, "") for a whole table. Indexes and
// constraints change no value; raw SQL and bulk operations count as
// changing data anywhere (see prerender).
func opColumns(op ddl.Op) [][2]string {
	switch o := op.(type) {
	case *ddl.CreateTableOp:
		return [][2]string{{o.Name, ""}}
	case *ddl.DropTableOp:
		return [][2]string{{o.Name, ""}}
	case *ddl.RenameTableOp:
		return [][2]string{{o.From, ""}, {o.To, ""}}
	case *ddl.AddColumnOp:
		return [][2]string{{o.Table, o.Column.Name}}
	case *ddl.RemoveColumnOp:
		return [][2]string{{o.Table, o.Column}}
	case *ddl.ChangeColumnOp:
		return [][2]string{{o.Table, o.Column.Name}}
	case *ddl.RenameColumnOp:
		return [][2]string{{o.Table, o.From}, {o.Table, o.To}}
	}
	return nil
}
