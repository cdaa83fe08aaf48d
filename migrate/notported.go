package migrate

import (
	"fmt"
	"strings"
)

// NotPortedError is what a migration imported from a sequelize-cli
// project returns when a direction of it could not be recorded as
// operations (it queries data, requires the app's models, shells out …):
// the file, each construct with its line and reason, and what to do. A
// skeleton migration:import writes, and a JavaScript migration run
// directly, fail with it until a person ports the file.
type NotPortedError struct {
	// Migration is the migration's name; File the original file.
	Migration, File string
	// Direction is "up" or "down", the direction that was asked to run.
	Direction string
	// Problems are the constructs that stopped the recording.
	Problems []NotPorted
}

// NotPorted is one construct of a file that could not be recorded.
type NotPorted struct {
	Direction string // "up" or "down"
	Line      int
	Construct string // what the file did
	Reason    string // why it cannot be recorded
}

// Error names the migration, the file and each construct with its line.
func (e *NotPortedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "migration %s (%s) is not ported: its %s could not be recorded as operations", e.Migration, e.File, e.Direction)
	for _, p := range e.Problems {
		fmt.Fprintf(&b, "; %s, line %d: %s", p.Direction, p.Line, p.Reason)
		if p.Construct != "" {
			fmt.Fprintf(&b, " (%s)", p.Construct)
		}
	}
	b.WriteString("; port it: write its Up and Down as ddl operations (or UpFunc and DownFunc as Go code) in the migration's Go file (strata migration:import writes it), then run again")
	return b.String()
}
