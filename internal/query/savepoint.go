package query

// The statements of a transaction that strata writes itself. Begin and
// Commit are what an error about starting or committing a transaction
// names as its SQL (database/sql sends them); the savepoint statements
// run as they are. A savepoint name is one strata made (strata_sp_1, strata_sp_2 …),
// never the user's, so it needs no quoting.
const (
	Begin  = "BEGIN"
	Commit = "COMMIT"
)

// Savepoint starts the savepoint name inside a transaction.
func Savepoint(name string) string { return "SAVEPOINT " + name }

// ReleaseSavepoint ends the savepoint name, keeping its changes.
func ReleaseSavepoint(name string) string { return "RELEASE SAVEPOINT " + name }

// RollbackToSavepoint undoes what ran since the savepoint name.
func RollbackToSavepoint(name string) string { return "ROLLBACK TO SAVEPOINT " + name }
