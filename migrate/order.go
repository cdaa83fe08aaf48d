package migrate

import "strings"

// nameShape is what two names must share for their order to mean
// anything: the part before the first - or _ (the whole name when it has
// neither), with each digit as 0. strata's names (CheckName) all have the
// shape 00000000000000, as sequelize-cli's own YYYYMMDDHHMMSS names do;
// v2.15.0-add-team-sharing has v0.00.0, 1_initial 0, 20190118-x 00000000.
func nameShape(name string) string {
	if i := strings.IndexAny(name, "-_"); i >= 0 {
		name = name[:i]
	}
	return strings.Map(func(c rune) rune {
		if '0' <= c && c <= '9' {
			return '0'
		}
		return c
	}, name)
}

// comesBefore reports whether the migration a sorts before b in a way
// that says b was written after it: both names have the same shape
// (nameShape) and a sorts first. Names of different shapes (a strata
// timestamp and an imported v2.15.0-x, say) sort by name all the same, but
// neither says anything about when the other was written, so neither
// makes the other out of order or skipped.
func comesBefore(a, b string) bool {
	return a < b && nameShape(a) == nameShape(b)
}
