package migrate

// SetReadSource replaces how Go migrations' source files are read, as an
// edit to a file or its absence would, until restore is called.
func SetReadSource(f func(string) ([]byte, error)) (restore func()) {
	old := readSource
	readSource = f
	return func() { readSource = old }
}
