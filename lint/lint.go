package lint

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

// Severity is how bad a finding is: an error stops `strata
// migration:lint` (unless allowed); a warning is printed only.
type Severity string

// Severities.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Finding is one dangerous operation of a migration.
type Finding struct {
	Rule      string   `json:"rule"` // L001 … L008
	Severity  Severity `json:"severity"`
	Migration string   `json:"migration"`
	Table     string   `json:"table"`
	Column    string   `json:"column,omitempty"`
	Message   string   `json:"message"` // one line naming the table and column
	Fix       string   `json:"fix"`     // one line: what to do instead
	Op        ddl.Op   `json:"-"`
	// Allowed is the reason of the Allow that silences the finding, ""
	// when none does.
	Allowed string `json:"allowed,omitempty"`
}

// String is the finding on one line: "L002 error 2026…-x: users.email: message (fix: …)".
func (f Finding) String() string {
	where := f.Table
	if f.Column != "" {
		where += "." + f.Column
	}
	s := fmt.Sprintf("%s %s %s: %s: %s (fix: %s)", f.Rule, f.Severity, f.Migration, where, f.Message, f.Fix)
	if f.Allowed != "" {
		s += " [allowed: " + f.Allowed + "]"
	}
	return s
}

// Blocking reports whether the finding is an error no Allow silences.
func (f Finding) Blocking() bool { return f.Severity == Error && f.Allowed == "" }

// Rule describes one rule.
type Rule struct {
	Code     string
	Severity Severity // the usual severity (L004 is a warning without a probe, or on a change to NOT NULL)
	Title    string
}

// rules is every rule, by code.
var rules = []Rule{
	{"L001", Error, "drop table"},
	{"L002", Error, "drop column"},
	{"L003", Error, "narrowing a column's type"},
	{"L004", Error, "NOT NULL without a default on a table with rows"},
	{"L005", Error, "unique key over columns holding duplicates"},
	{"L006", Warning, "renaming a column or table a running version reads"},
	{"L007", Error, "PostgreSQL: CREATE INDEX without CONCURRENTLY on a large table"},
	{"L008", Warning, "MySQL/MariaDB: ALTER that copies or rebuilds the table"},
}

// Rules lists every rule, in order of code.
func Rules() []Rule { return slices.Clone(rules) }

func known(code string) bool {
	return slices.ContainsFunc(rules, func(r Rule) bool { return r.Code == code })
}

// Allow silences one rule for one migration, with the reason it is safe.
type Allow struct {
	Rule   string `json:"rule"`
	Reason string `json:"reason"`
}

// ErrBadAllow is what CheckAllows returns (wrapped) for an Allow without
// a reason or with an unknown rule.
var ErrBadAllow = errors.New("bad lint allow")

// CheckAllows checks that every Allow names a known rule and gives a
// reason.
func CheckAllows(allow []Allow) error {
	for _, a := range allow {
		if !known(a.Rule) {
			codes := make([]string, len(rules))
			for i, r := range rules {
				codes[i] = r.Code
			}
			return fmt.Errorf("%w: rule %q is unknown; the rules are %s", ErrBadAllow, a.Rule, strings.Join(codes, ", "))
		}
		if strings.TrimSpace(a.Reason) == "" {
			return fmt.Errorf("%w: %s has no reason; say why the operation is safe here", ErrBadAllow, a.Rule)
		}
	}
	return nil
}

// Probe is what the rules ask the live database.
type Probe interface {
	// Rows is the number of rows of table, exact or estimated.
	Rows(ctx context.Context, table string) (int64, error)
	// Duplicates is the number of groups of rows of table that share
	// their values of cols (none of them NULL).
	Duplicates(ctx context.Context, table string, cols []string) (int64, error)
}

// Server is the server's flavour, for the rules that depend on it (L008).
type Server struct {
	MariaDB bool
	// Version is major*10000 + minor*100 + patch (MySQL 8.0.36: 80036);
	// 0 when unknown.
	Version int
}

// ServerProbe is a Probe that also tells the server's flavour.
type ServerProbe interface {
	Server(ctx context.Context) (Server, error)
}

// DefaultLargeTable is the row count above which a PostgreSQL index must
// be built CONCURRENTLY (L007).
const DefaultLargeTable = 100_000

// Config tunes the rules. Its zero value is the default.
type Config struct {
	// LargeTable is the row count above which L007 reports an index
	// built without CONCURRENTLY; 0 means DefaultLargeTable.
	LargeTable int64
}

// Check lints the operations of one migration with the default Config.
func Check(ctx context.Context, d dialect.Dialect, before *schema.Database, migration string, ops []ddl.Op, p Probe, allow []Allow) ([]Finding, error) {
	return Config{}.Check(ctx, d, before, migration, ops, p, allow)
}

// Check lints the operations of migration against the schema before
// them (which it does not change), asking p where a rule needs the data
// (p may be nil: see the package documentation). Findings an Allow
// silences are returned with Allowed set. An operation that does not
// apply to the schema stops the check with an error, unless raw SQL came
// before it (the schema is then a guess and the check ends quietly).
func (c Config) Check(ctx context.Context, d dialect.Dialect, before *schema.Database, migration string, ops []ddl.Op, p Probe, allow []Allow) ([]Finding, error) {
	if err := CheckAllows(allow); err != nil {
		return nil, fmt.Errorf("lint: %s: %w", migration, err)
	}
	if before == nil {
		before = &schema.Database{}
	}
	if c.LargeTable <= 0 {
		c.LargeTable = DefaultLargeTable
	}
	ck := &checker{cfg: c, d: d, p: p, migration: migration, cur: before.Clone(),
		fresh: map[string]bool{}, freshCols: map[[2]string]bool{}, rows: map[string]int64{}}
	if sp, ok := p.(ServerProbe); ok && d != nil && d.Name() == "mysql" {
		srv, err := sp.Server(ctx)
		if err != nil {
			return nil, fmt.Errorf("lint: %s: ask the server's version: %w", migration, err)
		}
		ck.server = srv
	}
	afterRaw := false
	for _, op := range ops {
		if err := ck.op(ctx, op); err != nil {
			return nil, fmt.Errorf("lint: %s: %s: %w", migration, op, err)
		}
		if err := op.Apply(ck.cur); err != nil {
			if afterRaw {
				break
			}
			return nil, fmt.Errorf("lint: %s: %s does not apply to the schema before it: %w", migration, op, err)
		}
		ck.track(op)
		if _, ok := op.(*ddl.RawOp); ok {
			afterRaw = true
		}
	}
	for i := range ck.out {
		for _, a := range allow {
			if a.Rule == ck.out[i].Rule {
				ck.out[i].Allowed = a.Reason
				break
			}
		}
	}
	return ck.out, nil
}

// Blocking returns the findings that are errors no Allow silences.
func Blocking(fs []Finding) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.Blocking() {
			out = append(out, f)
		}
	}
	return out
}
