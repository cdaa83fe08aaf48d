package dialect

import "testing"

// TestNotEmptyErrorMessage: the message names the migration, the table,
// why it was assumed empty, the rows (grouped) and the fix.
func TestNotEmptyErrorMessage(t *testing.T) {
	e := &NotEmptyError{Table: "teams", Rows: 1204, Assumption: Assumption{File: "20171225143838-set-admins.js", Line: 6,
		Reason: "the file reads its rows at line 6 to change them"}}
	want := `migration 20171225143838-set-admins.js was recorded assuming table "teams" empty (the file reads its rows at line 6 to change them); ` +
		`"teams" holds 1,204 rows, so nothing was changed: port the migration by hand (its source is 20171225143838-set-admins.js, line 6), ` +
		`or run it only on a database where "teams" is empty`
	if got := e.Error(); got != want {
		t.Errorf("message\n%s\nwant\n%s", got, want)
	}
	for n, s := range map[int64]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 1234567: "1,234,567", -4500: "-4,500"} {
		if got := groupDigits(n); got != s {
			t.Errorf("groupDigits(%d) = %q, want %q", n, got, s)
		}
	}
	if got := (&NotEmptyError{Table: "t", Rows: 1}).Error(); got != `the migration was recorded assuming table "t" empty (); "t" holds 1 row, so nothing was changed: port the migration by hand, or run it only on a database where "t" is empty` {
		t.Errorf("one row: %s", got)
	}
}
