package dialecttest

import "testing"

// Strings runs a query of one text column on tg and returns its rows, as
// tests read a database's own catalog (information_schema, pg_catalog,
// sqlite_schema) to compare it with another's. It fails the test on error.
func (tg *Target) Strings(t testing.TB, query string, args ...any) []string {
	t.Helper()
	rows, err := tg.DB.QueryContext(ctx(t), query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return out
}
