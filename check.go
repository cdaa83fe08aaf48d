package strata

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
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
	// What is the kind of difference, one of the Problem… kinds.
	What ProblemKind
	// Want and Got are what the model and the database have: the column
	// types for ProblemColumnType, "NOT NULL" or "NULL" for
	// ProblemNullability, the defaults' Go for ProblemDefault, the
	// actions for ProblemForeignKeyAction.
	Want, Got string
	// Migration is a name for the migration to write, and Op the
	// operation it should hold, after Before when that is set (the
	// removal of a foreign key that Op adds back).
	Migration string
	Before    ddl.Op
	Op        ddl.Op
	// onUpdateOnly marks a ProblemForeignKeyAction whose ON DELETE agrees.
	onUpdateOnly bool
	// nativeOnly marks a ProblemColumnType where one side is a type only
	// the database has.
	nativeOnly bool
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
	// ProblemNullability is a column that accepts NULL in the database
	// and not in the model, or the other way round.
	ProblemNullability ProblemKind = "nullability"
	// ProblemDefault is a column whose default differs from the model's
	// (compared in the dialect's canonical form).
	ProblemDefault ProblemKind = "default"
	// ProblemForeignKeyAction is a foreign key whose ON DELETE or
	// ON UPDATE differs from its association's.
	ProblemForeignKeyAction ProblemKind = "foreign key action"
	// ProblemExtraColumn is a column the database has and the model does
	// not: the model is behind. It blocks nothing (strata never reads or
	// writes it); see SchemaProblem.Blocking.
	ProblemExtraColumn ProblemKind = "extra column"
)

// Blocking reports whether the problem can make the application's
// queries fail or do other than the models say: every kind but
// ProblemExtraColumn and a ProblemForeignKeyAction on ON UPDATE alone.
// Migrations written for Sequelize leave onUpdate out (NO ACTION) where
// its associations default to CASCADE, and strata writes no key that a
// foreign key points at without the application asking; the difference is
// reported, and blocks nothing. Nor does a column of a type only the
// database has (INT UNSIGNED, YEAR, tsvector) where the model asks for a
// portable one: it is reported; a native spelling of the model's own type
// (DATETIME(3), SQLite's INT) is no difference at all (dialect.SameValues).
func (p SchemaProblem) Blocking() bool {
	return p.What != ProblemExtraColumn && !(p.What == ProblemForeignKeyAction && p.onUpdateOnly) && !p.nativeOnly
}

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
	case ProblemNullability:
		fmt.Fprintf(&b, "column %s.%s of model %s is %s in the database but %s in the model", p.Table, p.Column, p.Model, p.Got, p.Want)
	case ProblemDefault:
		fmt.Fprintf(&b, "column %s.%s of model %s has default %s in the database but %s in the model", p.Table, p.Column, p.Model, p.Got, p.Want)
	case ProblemForeignKeyAction:
		fmt.Fprintf(&b, "the foreign key of column %s.%s is %s in the database but %s in the model", p.Table, p.Column, p.Got, p.Want)
	case ProblemExtraColumn:
		fmt.Fprintf(&b, "column %s.%s is in the database but not in model %s (the model is behind; nothing is blocked)", p.Table, p.Column, p.Model)
	}
	if p.Association != "" {
		fmt.Fprintf(&b, " (needed by association %s)", p.Association)
	}
	if p.What == ProblemExtraColumn {
		b.WriteString("; add a field for it to the model, or drop it")
	}
	b.WriteString("; write a migration: strata migration:generate --name ")
	b.WriteString(p.Migration)
	b.WriteString(", with ")
	if p.Before != nil {
		b.WriteString(opGo(p.Before))
		b.WriteString(", then ")
	}
	b.WriteString(opGo(p.Op))
	if p.What == ProblemMissingUniqueKey {
		b.WriteString(", after deleting the rows that repeat a key")
	}
	return b.String()
}

// SchemaError is the report of CheckSchema: every difference found, table
// by table, and what Inspect read but could not model.
type SchemaError struct {
	Dialect  string
	Problems []SchemaProblem
	// Warnings are the constructs of the live database Inspect could not
	// model (schema.Warning, naming table and column); they are not
	// compared and block nothing.
	Warnings []schema.Warning
}

// Blocking reports whether a problem can make the application's queries
// fail: false when the report holds only extra columns and warnings, which
// an application may start with.
func (e *SchemaError) Blocking() bool {
	for _, p := range e.Problems {
		if p.Blocking() {
			return true
		}
	}
	return false
}

// Error lists every problem, one a line, then every warning.
func (e *SchemaError) Error() string {
	var b strings.Builder
	n := len(e.Problems)
	fmt.Fprintf(&b, "strata: the %s database does not match the models (%d problem", e.Dialect, n)
	if n != 1 {
		b.WriteString("s")
	}
	if w := len(e.Warnings); w > 0 {
		fmt.Fprintf(&b, ", %d warning", w)
		if w != 1 {
			b.WriteString("s")
		}
	}
	b.WriteString("):")
	for _, p := range e.Problems {
		b.WriteString("\n  - ")
		b.WriteString(p.String())
	}
	for _, w := range e.Warnings {
		b.WriteString("\n  - warning: ")
		b.WriteString(w.String())
	}
	return b.String()
}

// CheckSchema compares the registered models with the live database (read
// through the dialect's Inspect) and returns a *SchemaError listing, table
// by table (a problem on one table never hides another's), each model
// whose table, column, foreign-key column or join table is missing, each
// column of another type, of another nullability (NOT NULL) or with
// another default (compared in the dialect's canonical form, so one
// default spelled two ways is not reported) than the model's, each
// association whose foreign key is missing or has other ON DELETE /
// ON UPDATE actions, each unique key a model declares, or a join model
// has on its two foreign keys, that no unique constraint, unique index or
// primary key of the table enforces, and each column the database has
// and the model does not (an extra column: the model is behind; it blocks
// nothing, see SchemaError.Blocking), each with the migration to write.
// The constructs Inspect read but could not model (Database.Warnings) are
// carried into the report as its Warnings. It returns nil when nothing
// blocks (SchemaError.Blocking): extra columns, ON UPDATE differences and
// warnings alone are in SchemaReport's answer, not CheckSchema's, so an
// application starts on a database that has more than its models use. An application runs it at start-up to
// fail fast instead of at the first query, which is where Sequelize
// reports such drift.
func (db *DB) CheckSchema(ctx context.Context) error {
	return db.checkSchema(ctx, true)
}

// SchemaReport is CheckSchema with everything it found, blocking or not:
// a *SchemaError listing the extra columns, the ON UPDATE differences and
// the warnings too, or nil when the models and the database agree in
// every respect. A CI job or `strata db:check` prints it.
func (db *DB) SchemaReport(ctx context.Context) error {
	return db.checkSchema(ctx, false)
}

func (db *DB) checkSchema(ctx context.Context, blockingOnly bool) error {
	live, err := db.d.Inspect(ctx, db.sql)
	if err != nil {
		return fmt.Errorf("strata: CheckSchema: inspect the database: %w", err)
	}
	models := db.reg.Models()
	want := &schema.Database{}
	var errs []error
	for _, m := range models {
		t, err := m.Schema()
		if err != nil {
			errs = append(errs, fmt.Errorf("strata: CheckSchema: %w", err))
			continue
		}
		want.Tables = append(want.Tables, t)
	}
	cw, cl := db.d.Canonical(want), db.d.Canonical(live)
	users := fkUsers(models)
	var probs []SchemaProblem
	for _, m := range models {
		p, err := checkTable(db.d, m, cw.Table(m.Table), cl.Table(m.Table), models, users)
		if err != nil {
			errs = append(errs, err)
		}
		probs = append(probs, p...)
	}
	var report error
	if len(probs) > 0 || len(live.Warnings) > 0 {
		se := &SchemaError{Dialect: db.d.Name(), Problems: probs, Warnings: slices.Clone(live.Warnings)}
		if se.Blocking() || !blockingOnly {
			report = se
		}
	}
	if len(errs) > 0 {
		return errors.Join(append(errs, report)...)
	}
	return report
}

// checkTable compares the table of model m as the model wants it (wt) with
// the live one (lt, nil when missing).
func checkTable(d dialect.Dialect, m *model.Model, wt, lt *schema.Table, models []*model.Model, users map[string]string) ([]SchemaProblem, error) {
	if wt == nil {
		return nil, nil
	}
	if lt == nil {
		op, err := m.CreateTable()
		if err != nil {
			return nil, fmt.Errorf("strata: CheckSchema: %w", err)
		}
		return []SchemaProblem{{Model: m.Name, Association: joinUser(models, m), Table: m.Table, What: ProblemMissingTable,
			Migration: "create-" + migrationWord(m.Table), Op: op}}, nil
	}
	var probs []SchemaProblem
	for _, wc := range wt.Columns {
		probs = append(probs, checkColumn(d, m, wt, lt, wc, users[m.Table+"."+wc.Name])...)
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
	for _, lc := range lt.Columns {
		if wt.Column(lc.Name) != nil {
			continue
		}
		probs = append(probs, SchemaProblem{Model: m.Name, Table: m.Table, Column: lc.Name, What: ProblemExtraColumn,
			Migration: "remove-" + migrationWord(lc.Name) + "-from-" + migrationWord(m.Table), Op: ddl.RemoveColumn(m.Table, lc.Name)})
	}
	return probs, nil
}

// checkColumn compares column wc of the model's table wt with the live
// table lt; assoc names the associations that use it as a foreign key.
func checkColumn(d dialect.Dialect, m *model.Model, wt, lt *schema.Table, wc schema.Column, assoc string) []SchemaProblem {
	lc := lt.Column(wc.Name)
	fk := foreignKeyOn(wt, wc.Name)
	at := SchemaProblem{Model: m.Name, Association: assoc, Table: m.Table, Column: wc.Name}
	change := func(what ProblemKind, want, got string) SchemaProblem {
		p := at
		p.What, p.Want, p.Got = what, want, got
		p.Migration = "change-" + migrationWord(wc.Name) + "-in-" + migrationWord(m.Table)
		p.Op = ddl.ChangeColumn(m.Table, ddl.ColumnDef{Column: wc.Clone()})
		return p
	}
	if lc == nil {
		def := ddl.ColumnDef{Column: wc.Clone()}
		if fk != nil {
			def = def.References(fk.RefTable, fk.RefColumns[0]).OnDelete(fk.OnDelete).OnUpdate(fk.OnUpdate)
		}
		at.What, at.Migration, at.Op = ProblemMissingColumn, "add-"+migrationWord(wc.Name)+"-to-"+migrationWord(m.Table), ddl.AddColumn(m.Table, def)
		return []SchemaProblem{at}
	}
	if !dialect.SameValues(d, lc.Type, wc.Type) {
		// The change of type restates the whole column: it fixes its
		// nullability and default too.
		p := change(ProblemColumnType, wc.Type.String(), lc.Type.String())
		// A type only the database has (INT UNSIGNED, YEAR, tsvector) is
		// reported, and does not stop the application: strata cannot tell
		// whether it holds what the model means.
		p.nativeOnly = lc.Type.Kind == schema.KindNative || wc.Type.Kind == schema.KindNative
		return []SchemaProblem{p}
	}
	var probs []SchemaProblem
	if lc.NotNull != wc.NotNull {
		probs = append(probs, change(ProblemNullability, nullWord(wc.NotNull), nullWord(lc.NotNull)))
	}
	if !lc.Default.Equal(wc.Default) {
		probs = append(probs, change(ProblemDefault, defaultWord(wc.Default), defaultWord(lc.Default)))
	}
	if fk == nil {
		return probs
	}
	add := ddl.AddForeignKey(m.Table, fk.Columns, fk.RefTable, fk.RefColumns).WithOnDelete(fk.OnDelete).WithOnUpdate(fk.OnUpdate)
	switch live := liveForeignKey(lt, *fk); {
	case live == nil:
		p := at
		p.What, p.Migration, p.Op = ProblemMissingForeignKey, "add-"+migrationWord(m.Table)+"-"+migrationWord(wc.Name)+"-fkey", add
		probs = append(probs, p)
	case live.OnDelete != fk.OnDelete || live.OnUpdate != fk.OnUpdate:
		p := at
		p.What, p.Want, p.Got = ProblemForeignKeyAction, actionWords(fk), actionWords(live)
		p.Migration = "change-" + migrationWord(m.Table) + "-" + migrationWord(wc.Name) + "-fkey"
		p.Before, p.Op = ddl.RemoveConstraint(m.Table, live.Name), add
		p.onUpdateOnly = live.OnDelete == fk.OnDelete
		probs = append(probs, p)
	}
	return probs
}

// nullWord is a column's nullability as SQL says it.
func nullWord(notNull bool) string {
	if notNull {
		return "NOT NULL"
	}
	return "NULL"
}

// defaultWord is a default as the Go of a migration writes it, "none" for none.
func defaultWord(d *schema.Default) string {
	if d == nil {
		return "none"
	}
	return d.GoString()
}

// actionWords are a foreign key's actions as SQL says them.
func actionWords(fk *schema.ForeignKey) string {
	return "ON DELETE " + string(fk.OnDelete) + " ON UPDATE " + string(fk.OnUpdate)
}

// fkUsers names, for each "table.column", the associations that use it
// as a foreign key.
func fkUsers(models []*model.Model) map[string]string {
	out := map[string]string{}
	for k, names := range model.ForeignKeyUsers(models) {
		out[k] = strings.Join(names, ", ")
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

// liveForeignKey returns the live foreign key over the same columns to the
// same table and columns, whatever its name and actions, or nil.
func liveForeignKey(t *schema.Table, want schema.ForeignKey) *schema.ForeignKey {
	for i, fk := range t.ForeignKeys {
		if slices.Equal(fk.Columns, want.Columns) && fk.RefTable == want.RefTable && slices.Equal(fk.RefColumns, want.RefColumns) {
			return &t.ForeignKeys[i]
		}
	}
	return nil
}

// migrationWord keeps a name as migration:generate writes names.
func migrationWord(s string) string { return strings.ReplaceAll(s, "_", "-") }

// opGo writes an operation as the Go a migration would hold, on one line,
// with ddl's printer.
func opGo(op ddl.Op) string { return ddl.GoLine(op) }
