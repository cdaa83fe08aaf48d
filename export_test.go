package strata

// SetIncludeChunk makes includes bind at most n keys per statement, so
// that tests can see chunking without thousands of rows.
func SetIncludeChunk(db *DB, n int) { db.inChunk = n }
