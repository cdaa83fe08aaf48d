package sequelizejs

import "testing"

// TestNeedsNoTx: the raw statements whose effect depends on running
// outside a transaction, per dialect, and lookalikes that do not.
func TestNeedsNoTx(t *testing.T) {
	for _, c := range []struct {
		d    Dialect
		sql  string
		want bool
	}{
		{Postgres, `CREATE INDEX CONCURRENTLY x ON t (a)`, true},
		{Postgres, "CREATE UNIQUE INDEX\n\tCONCURRENTLY IF NOT EXISTS x ON t (a)", true},
		{Postgres, `drop index concurrently "x"`, true},
		{Postgres, `REINDEX INDEX CONCURRENTLY x`, true},
		{Postgres, `VACUUM ANALYZE t`, true},
		{Postgres, `CREATE INDEX x ON t (a)`, false},
		{Postgres, `UPDATE t SET note = 'built CONCURRENTLY'`, false},
		{Postgres, `CREATE INDEX x ON t ("CONCURRENTLY")`, false},
		{Postgres, `-- CONCURRENTLY
CREATE INDEX x ON t (a)`, false},
		{Postgres, `CREATE INDEX concurrently_x ON t (a)`, false},
		{Postgres, `PRAGMA foreign_keys = OFF`, false},
		{SQLite, `PRAGMA foreign_keys = OFF`, true},
		{SQLite, `pragma foreign_keys=ON;`, true},
		{SQLite, `PRAGMA main.foreign_keys = 0`, true},
		{SQLite, `PRAGMA foreign_key_check`, false}, // a check, which works in a transaction
		{SQLite, `PRAGMA journal_mode = WAL`, false},
		{SQLite, `PRAGMA foreign_keys`, false}, // reads
		{SQLite, `PRAGMA foreign_keys(0)`, true},
		{SQLite, `CREATE INDEX CONCURRENTLY x ON t (a)`, false},
		{MySQL, `SET FOREIGN_KEY_CHECKS = 0`, false},
	} {
		if got := needsNoTx(c.d, c.sql); got != c.want {
			t.Errorf("needsNoTx(%s, %q) = %v, want %v", c.d, c.sql, got, c.want)
		}
	}
}
