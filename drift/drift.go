package drift

import (
	"database/sql"
	"fmt"
	"strings"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schemadiff"
)

// Project is what drift compares: the models, the migration history and,
// optionally, the live database.
type Project struct {
	// Models are the registered models (struct values such as User{}), as
	// strata.WithModels takes them.
	Models []any
	// Migrations give the history: migrate.WithGo and migrate.WithFS.
	Migrations []migrate.Option
	// Dialect is the database's dialect. It may be nil for a comparison of
	// models with a history of Go migrations only; then the schemas are
	// compared as the operations build them, not as a database spells them.
	Dialect dialect.Dialect
	// DB is the live database; nil compares the models with the history
	// only.
	DB *sql.DB
	// Dialects are the dialects a model's native type may name
	// (type=NATIVE(postgres,'mpaa_rating')) besides Dialect, asked what
	// only they know: whether the type is built in (dialect.TypeNames).
	// The strata command passes every dialect; nil asks Dialect only.
	Dialects []dialect.Dialect
	// StateTables are the tables strata keeps its own records in (the
	// migration and seeder state tables); they are never compared. Empty:
	// SequelizeMeta and SequelizeData.
	StateTables []string
}

// Side is one of the three descriptions of the schema.
type Side string

// The sides.
const (
	SideModels   Side = "models"
	SideHistory  Side = "history"
	SideDatabase Side = "database"
)

// Kind is the kind of a Difference: a schemadiff.Kind ("add column": what
// the side that is behind lacks) or one of drift's own kinds.
type Kind string

// drift's own kinds of Difference.
const (
	KindPending           Kind = "pending migration"                // the database has not run a migration yet
	KindUnknownForeignKey Kind = "foreign key without association"  // the models are behind
	KindUnknownJoinTable  Kind = "join table without belongsToMany" // the models are behind
	KindTableWithoutModel Kind = "table without model"              // the models are behind, or the table is left over
	KindOutsideHistory    Kind = "changed outside migrations"       // the database differs from what its applied migrations build
	KindHistoryProblem    Kind = "migration history problem"        // the database's record of a migration disagrees with the history (see Problem)
)

// Difference is one way two sides differ.
type Difference struct {
	// Between are the two sides compared.
	Between [2]Side
	// Behind is the side to change (the other side is ahead).
	Behind Side
	Kind   Kind
	Table  string
	// Name is the column, key or index, when the difference is in one.
	Name string
	// Association names the associations the difference concerns
	// ("Order.User"), if any.
	Association string
	// Message says what differs; Fix what to do about it.
	Message, Fix string
	// Ops are the operations that bring the side behind in step, when that
	// is a migration (what migration:generate --auto writes).
	Ops []ddl.Op `json:"-"`
	// Go is Ops as the Go of a migration, one line each.
	Go []string `json:",omitempty"`
	// Problem is the migration history's problem of a KindHistoryProblem
	// difference (Fix is its Message), for a caller that words its
	// remedies (Problem.Explain).
	Problem *migrate.Problem `json:"-"`
}

// String is the difference in one line: the sides, what differs and the fix.
func (d Difference) String() string {
	return fmt.Sprintf("[%s ↔ %s] %s; %s is behind: %s", d.Between[0], d.Between[1], d.Message, d.Behind, d.Fix)
}

// Report is what Check found.
type Report struct {
	// Differences, models ↔ history first, then history ↔ database (or
	// models ↔ database, see Notes).
	Differences []Difference
	// Opaque are the migrations whose changes an offline replay cannot
	// see (Go functions, .sql files, raw SQL): the history side is
	// incomplete by what they do.
	Opaque []string
	// Pending are the migrations the database has not run.
	Pending []string
	// Notes say what was compared and what could not be.
	Notes []string
}

// Clean reports whether the three sides agree.
func (r *Report) Clean() bool { return len(r.Differences) == 0 }

// String lists the differences, one a line; "" when Clean.
func (r *Report) String() string {
	var b strings.Builder
	for _, d := range r.Differences {
		b.WriteString(d.String())
		b.WriteString("\n")
	}
	return b.String()
}

// changeDiff words a schemadiff change as a difference between two sides.
func changeDiff(between [2]Side, c schemadiff.Change, m *models) Difference {
	d := Difference{Between: between, Kind: Kind(c.Kind), Table: c.Table, Name: c.Name, Ops: c.Up}
	if c.Name == c.Table {
		d.Name = "" // a change of the whole table
	}
	if m != nil {
		d.Association = m.association(c.Table, d.Name)
		for _, op := range c.Up {
			// A foreign key is named for its constraint: its users are
			// those of its column.
			if fk, ok := op.(*ddl.AddConstraintOp); ok && fk.Type == ddl.ForeignKeyConstraint && len(fk.Columns) == 1 && d.Association == "" {
				d.Association = m.association(c.Table, fk.Columns[0])
			}
		}
	}
	for _, op := range c.Up {
		d.Go = append(d.Go, ddl.GoLine(op))
	}
	what := strings.TrimSpace(string(c.Kind) + " " + qualified(c.Table, d.Name))
	if c.From != "" || c.To != "" {
		what += fmt.Sprintf(" (%s → %s)", orNone(c.From), orNone(c.To))
	}
	d.Message = what
	if d.Association != "" {
		d.Message += " (association " + d.Association + ")"
	}
	return d
}

func qualified(table, name string) string {
	if name == "" {
		return table
	}
	return table + "." + name
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
