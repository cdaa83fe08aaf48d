package strata

// SetIncludeChunk makes includes bind at most n keys per statement, so
// that tests can see chunking without thousands of rows.
func SetIncludeChunk(db *DB, n int) { db.inChunk = n }

// UsesDirect reports whether statements on c take the dialect's direct path.
func UsesDirect(db *DB, c Conn) bool {
	_, ok := db.directFor(c)
	return ok
}

// CachedStatements is how many prepared statements db keeps.
func CachedStatements(db *DB) int { return db.stmts.len() }

// TxStatements is how many cached statements are bound to tx's
// transaction.
func TxStatements(tx *Tx) int {
	tx.sh.mu.Lock()
	defer tx.sh.mu.Unlock()
	return len(tx.sh.stmts)
}
