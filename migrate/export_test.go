package migrate

// SetBeforeStatement sets the failpoint the kill tests use
// (RELIABILITY.md 4.1 before-stmt:N): f runs before each statement of a
// migration, once the statement before it is recorded. nil removes it.
func SetBeforeStatement(f func(migration string, n int)) { beforeStatement = f }
