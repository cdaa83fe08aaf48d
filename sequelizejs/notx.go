package sequelizejs

import "strings"

// needsNoTx reports whether raw SQL that a file runs with sequelize.query
// behaves as sequelize-cli ran it only outside a transaction, as
// sequelize-cli runs every migration, so that the recorded migration must
// be NoTx:
//
//   - on PostgreSQL, CREATE/DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY
//     and VACUUM, which PostgreSQL refuses in a transaction;
//   - on SQLite, PRAGMA foreign_keys = … (OFF before a hand-made rebuild
//     of a table, ON after it), which SQLite ignores in a transaction: the
//     rebuild would then run with the keys checked, and fail or lose the
//     rows that reference the old table. Such a PRAGMA sets and does not
//     read, so it is recorded (PRAGMA foreign_keys alone reads, and stays
//     a problem).
//
// The word CONCURRENTLY counts only outside string literals, quoted names
// and comments.
func needsNoTx(d Dialect, sql string) bool {
	w := firstWord(sql)
	switch d {
	case Postgres:
		return w == "VACUUM" || hasWord(d, sql, "CONCURRENTLY")
	case SQLite:
		if w != "PRAGMA" {
			return false
		}
		rest := strings.TrimLeft(strings.TrimSpace(sql)[len("PRAGMA"):], " \t\r\n")
		rest = strings.TrimPrefix(strings.TrimPrefix(strings.ToLower(rest), "main."), `"main".`)
		rest = strings.Trim(rest, "\"`[]")
		rest, ok := strings.CutPrefix(rest, "foreign_keys")
		rest = strings.TrimLeft(rest, " \t\r\n")
		return ok && (strings.HasPrefix(rest, "=") || strings.HasPrefix(rest, "("))
	}
	return false
}

// hasWord reports whether sql holds word (upper-case) as a keyword, outside
// strings, quoted names and comments.
func hasWord(d Dialect, sql, word string) bool {
	found := false
	scanSQL(d, sql, func(i int) int {
		if found || i > 0 && isWordByte(sql[i-1]) || len(sql)-i < len(word) || !strings.EqualFold(sql[i:i+len(word)], word) {
			return 0
		}
		if end := i + len(word); end == len(sql) || !isWordByte(sql[end]) {
			found = true
		}
		return 0
	})
	return found
}
