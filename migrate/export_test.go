package migrate

// SetReadSource replaces how Go migrations' source files are read, as an
// edit to a file or its absence would, until restore is called.
func SetReadSource(f func(string) ([]byte, error)) (restore func()) {
	old := readSource
	readSource = f
	return func() { readSource = old }
}

// SetBeforeStatement sets the failpoint the kill tests use
// (RELIABILITY.md 4.1 before-stmt:N): f runs before each statement of a
// migration, once the statement before it is recorded. nil removes it.
func SetBeforeStatement(f func(migration string, n int)) { beforeStatement = f }
