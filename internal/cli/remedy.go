package cli

import (
	"errors"
	"strings"

	"github.com/strata-orm/strata/migrate"
)

// remedyWords is what the command says for each of the engine's remedies
// of a migration: the command or the flag that applies it. The engine's
// messages name the Go API; the command prints them with these words
// instead (remedyText), from the typed remedy, never by rewriting text.
var remedyWords = map[migrate.Remedy]func(migration string) string{
	migrate.RemedyMarkApplied:     func(n string) string { return repairCommand(n, "mark-applied") },
	migrate.RemedyForget:          func(n string) string { return repairCommand(n, "forget") },
	migrate.RemedyAcceptChecksum:  func(n string) string { return repairCommand(n, "accept-checksum") },
	migrate.RemedyAllowMissing:    func(string) string { return "--allow-missing" },
	migrate.RemedyAllowOutOfOrder: func(string) string { return "--allow-out-of-order" },
	migrate.RemedyLockTimeout:     func(string) string { return "--lock-timeout" },
	migrate.RemedyOtherTable: func(string) string {
		return "set another migrationStorageTableName (seederStorageTableName for seeders) in the config"
	},
	migrate.RemedyStatus: func(string) string { return "strata db:migrate:status" },
}

func repairCommand(migration, flag string) string {
	if migration == "" {
		migration = "<migration>"
	}
	return "strata db:migrate:repair --name " + migration + " --" + flag
}

// remedyText is the command's words for remedy r of a migration (a
// migrate.RemedyText); the Go API's words for a remedy it has none for.
func remedyText(r migrate.Remedy, migration string) string {
	if f := remedyWords[r]; f != nil {
		return f(migration)
	}
	return r.String()
}

// remedied is an engine error whose message names remedies
// (*migrate.MigrationError, *migrate.LockError, …).
type remedied interface {
	error
	Explain(migrate.RemedyText) string
}

// explain puts an engine error in the command's terms: its remedies as
// the command's flags and commands (remedyText), without the package
// prefix.
func (r *run) explain(err error) error {
	if err == nil {
		return nil
	}
	var he *migrate.HistoryError
	if errors.As(err, &he) {
		msg := strings.ReplaceAll(he.Explain(remedyText), "migrate: ", "")
		return errors.New(msg + "\nRun \"strata db:migrate:status\" to see the whole history.")
	}
	msg := err.Error()
	for _, re := range remediedIn(err) {
		// re may be wrapped, or one of several (errors.Join): the rest of
		// the text stays.
		msg = strings.Replace(msg, re.Error(), re.Explain(remedyText), 1)
	}
	return errors.New(strings.ReplaceAll(msg, "migrate: ", ""))
}

// remediedIn lists the remedied errors in err's tree, outermost first,
// without those inside one (its Explain covers them).
func remediedIn(err error) []remedied {
	if re, ok := err.(remedied); ok {
		return []remedied{re}
	}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		if inner := u.Unwrap(); inner != nil {
			return remediedIn(inner)
		}
	case interface{ Unwrap() []error }:
		var out []remedied
		for _, inner := range u.Unwrap() {
			out = append(out, remediedIn(inner)...)
		}
		return out
	}
	return nil
}
