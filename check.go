package strata

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/schema"
)

// SchemaProblem is one way the live database differs from the registered
// models, with the migration that would fix it.
type SchemaProblem struct {
	Model       string // the model (or join model) whose table differs
	Association string // the association that needs it ("Order.User"), if any
	Table       string
	Column      string // empty when the whole table is missing; a unique key's columns, comma-separated
	// What is the kind of difference: ProblemMissingTable,
	// ProblemMissingColumn, ProblemColumnType, ProblemMissingForeignKey
	// or ProblemMissingUniqueKey.
	What ProblemKind
	// Want and Got are the column types for ProblemColumnType.
	Want, Got string
	// Migration is a name for the migration to write, and Op the
	// operation it should hold.
	Migration string
	Op        ddl.Op
}

// ProblemKind is the kind of a SchemaProblem; its text is the kind in
// words ("missing table").
type ProblemKind string

// The kinds of SchemaProblem.
const (
	ProblemMissingTable      ProblemKind = "missing table"       // the model's table
	ProblemMissingColumn     ProblemKind = "missing column"      // a column of the model's table
	ProblemColumnType        ProblemKind = "column type"         // a column of another type than the model's
	ProblemMissingForeignKey ProblemKind = "missing foreign key" // an association's foreign key constraint
	ProblemMissingUniqueKey  ProblemKind = "missing unique key"  // a unique key the model declares
)

// String says what differs and which migration fixes it.
func (p SchemaProblem) String() string {
	var b strings.Builder
	switch p.What {
	case ProblemMissingTable:
		fmt.Fprintf(&b, "table %s of model %s is missing", p.Table, p.Model)
	case ProblemMissingColumn:
		fmt.Fprintf(&b, "column %s.%s of model %s is missing", p.Table, p.Column, p.Model)
	case ProblemColumnType:
		fmt.Fprintf(&b, "column %s.%s of model %s is %s in the database but %s in the model", p.Table, p.Column, p.Model, p.Got, p.Want)
	case ProblemMissingForeignKey:
		fmt.Fprintf(&b, "column %s.%s has no foreign key", p.Table, p.Column)
	case ProblemMissingUniqueKey:
		fmt.Fprintf(&b, "table %s of model %s has no unique key on (%s)", p.Table, p.Model, strings.ReplaceAll(p.Column, ",", ", "))
	}
	if p.Association != "" {
		fmt.Fprintf(&b, " (needed by association %s)", p.Association)
	}
	fmt.Fprintf(&b, "; write a migration: strata migration:generate --name %s, with %s", p.Migration, opGo(p.Op))
	if p.What == ProblemMissingUniqueKey {
		b.WriteString(", after deleting the rows that repeat a key")
	}
	return b.String()
}

// SchemaError is the report of CheckSchema: every difference found.
type SchemaError struct {
	Dialect  string
	Problems []SchemaProblem
}

// Error lists every problem, one a line.
func (e *SchemaError) Error() string {
	var b strings.Builder
	n := len(e.Problems)
	fmt.Fprintf(&b, "strata: the %s database does not match the models (%d problem", e.Dialect, n)
	if n != 1 {
		b.WriteString("s")
	}
	b.WriteString("):")
	for _, p := range e.Problems {
		b.WriteString("\n  - ")
		b.WriteString(p.String())
	}
	return b.String()
}

// CheckSchema compares the registered models with the live database (read
// through the dialect's Inspect) and returns a *SchemaError listing each
// model whose table, column, foreign-key column or join table is missing
// or of another type, each association whose foreign key is missing, and
// each unique key a model declares, or a join model has on its two foreign
// keys, that no unique constraint, unique index or primary key of the
// table enforces, each with the migration to write; nil when everything
// matches. An
// application runs it at start-up to fail fast instead of at the first
// query, which is where Sequelize reports such drift. Columns the models
// do not name and foreign-key actions are not compared.
func (db *DB) CheckSchema(ctx context.Context) error {
	live, err := db.d.Inspect(ctx, db.sql)
	if err != nil {
		return fmt.Errorf("strata: CheckSchema: inspect the database: %w", err)
	}
	models := db.reg.Models()
	want := &schema.Database{}
	for _, m := range models {
		t, err := m.Schema()
		if err != nil {
			return fmt.Errorf("strata: CheckSchema: %w", err)
		}
		want.Tables = append(want.Tables, t)
	}
	cw, cl := db.d.Canonical(want), db.d.Canonical(live)
	users := fkUsers(models)
	var probs []SchemaProblem
	for _, m := range models {
		wt, lt := cw.Table(m.Table), cl.Table(m.Table)
		if wt == nil {
			continue
		}
		if lt == nil {
			op, err := m.CreateTable()
			if err != nil {
				return err
			}
			probs = append(probs, SchemaProblem{Model: m.Name, Association: joinUser(models, m), Table: m.Table, What: ProblemMissingTable,
				Migration: "create-" + migrationWord(m.Table), Op: op})
			continue
		}
		for _, wc := range wt.Columns {
			lc := lt.Column(wc.Name)
			fk := foreignKeyOn(wt, wc.Name)
			assoc := users[m.Table+"."+wc.Name]
			switch {
			case lc == nil:
				def := ddl.ColumnDef{Column: wc.Clone()}
				if fk != nil {
					def = def.References(fk.RefTable, fk.RefColumns[0]).OnDelete(fk.OnDelete).OnUpdate(fk.OnUpdate)
				}
				probs = append(probs, SchemaProblem{Model: m.Name, Association: assoc, Table: m.Table, Column: wc.Name, What: ProblemMissingColumn,
					Migration: "add-" + migrationWord(wc.Name) + "-to-" + migrationWord(m.Table), Op: ddl.AddColumn(m.Table, def)})
			case !lc.Type.Equal(wc.Type):
				def := ddl.ColumnDef{Column: wc.Clone()}
				probs = append(probs, SchemaProblem{Model: m.Name, Association: assoc, Table: m.Table, Column: wc.Name, What: ProblemColumnType,
					Want: wc.Type.String(), Got: lc.Type.String(),
					Migration: "change-" + migrationWord(wc.Name) + "-in-" + migrationWord(m.Table), Op: ddl.ChangeColumn(m.Table, def)})
			case fk != nil && !hasForeignKey(lt, *fk):
				op := ddl.AddForeignKey(m.Table, fk.Columns, fk.RefTable, fk.RefColumns).WithOnDelete(fk.OnDelete).WithOnUpdate(fk.OnUpdate)
				probs = append(probs, SchemaProblem{Model: m.Name, Association: assoc, Table: m.Table, Column: wc.Name, What: ProblemMissingForeignKey,
					Migration: "add-" + migrationWord(m.Table) + "-" + migrationWord(wc.Name) + "-fkey", Op: op})
			}
		}
		for _, u := range m.Uniques {
			cols := u.Columns()
			if lt.IsKey(cols) {
				continue
			}
			probs = append(probs, SchemaProblem{Model: m.Name, Association: pairUser(models, m, cols), Table: m.Table, Column: strings.Join(cols, ","),
				What: ProblemMissingUniqueKey, Migration: "add-" + migrationWord(m.Table) + "-" + strings.Join(cols, "-") + "-key",
				Op: ddl.AddUnique(m.Table, cols...)})
		}
	}
	if len(probs) == 0 {
		return nil
	}
	return &SchemaError{Dialect: db.d.Name(), Problems: probs}
}

// fkUsers names, for each "table.column", the associations that use it
// as a foreign key.
func fkUsers(models []*model.Model) map[string]string {
	out := map[string]string{}
	add := func(table, col string, a *model.Association) {
		k := table + "." + col
		name := a.Source.Name + "." + a.Name
		if out[k] == "" {
			out[k] = name
		} else if !strings.Contains(out[k], name) {
			out[k] += ", " + name
		}
	}
	for _, m := range models {
		for _, a := range m.Associations() {
			switch a.Kind {
			case model.BelongsTo:
				add(m.Table, a.ForeignKey.Column, a)
			case model.HasOne, model.HasMany:
				add(a.Target.Table, a.ForeignKey.Column, a)
			case model.BelongsToMany:
				add(a.Through.Table, a.ForeignKey.Column, a)
				add(a.Through.Table, a.OtherKey.Column, a)
			}
		}
	}
	return out
}

// joinUser names the associations that go through join model j.
func joinUser(models []*model.Model, j *model.Model) string {
	var names []string
	for _, m := range models {
		for _, a := range m.Associations() {
			if a.Through == j {
				names = append(names, m.Name+"."+a.Name)
			}
		}
	}
	return strings.Join(names, ", ")
}

// pairUser names the belongsToMany associations whose two join-table keys
// are cols of join model j.
func pairUser(models []*model.Model, j *model.Model, cols []string) string {
	var names []string
	for _, m := range models {
		for _, a := range m.Associations() {
			if a.Through == j && len(cols) == 2 && slices.Contains(cols, a.ForeignKey.Column) && slices.Contains(cols, a.OtherKey.Column) {
				names = append(names, m.Name+"."+a.Name)
			}
		}
	}
	return strings.Join(names, ", ")
}

func foreignKeyOn(t *schema.Table, col string) *schema.ForeignKey {
	for i, fk := range t.ForeignKeys {
		if len(fk.Columns) == 1 && fk.Columns[0] == col {
			return &t.ForeignKeys[i]
		}
	}
	return nil
}

// hasForeignKey reports a live foreign key over the same columns to the
// same table and columns, whatever its name and actions.
func hasForeignKey(t *schema.Table, want schema.ForeignKey) bool {
	for _, fk := range t.ForeignKeys {
		if slices.Equal(fk.Columns, want.Columns) && fk.RefTable == want.RefTable && slices.Equal(fk.RefColumns, want.RefColumns) {
			return true
		}
	}
	return false
}

// migrationWord keeps a name as migration:generate writes names.
func migrationWord(s string) string { return strings.ReplaceAll(s, "_", "-") }

// opGo writes an operation as the Go a migration would hold, on one line,
// with ddl's printer.
func opGo(op ddl.Op) string { return oneLine(op.GoString()) }

// oneLine joins the Go of an operation into the one line of a message:
// ddl.CreateTable("t", ddl.Column(…), ddl.Column(…)). The printer quotes
// every string, so a line break is always layout.
func oneLine(src string) string {
	lines := strings.Split(src, "\n")
	var b strings.Builder
	for i, l := range lines {
		l = strings.TrimLeft(l, "\t")
		switch {
		case i == 0:
		case strings.HasPrefix(l, ")"):
			s := strings.TrimSuffix(b.String(), ",")
			b.Reset()
			b.WriteString(s)
		default:
			b.WriteString(" ")
		}
		b.WriteString(l)
	}
	return b.String()
}
