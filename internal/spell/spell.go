// Package spell finds the name a user most likely meant, for "did you
// mean" hints in error messages. It uses the standard library only, so the
// lowest packages (ddl, model) can use it.
package spell

import "strings"

// Suggest returns the candidate nearest to name (ignoring case), or "" when
// none is close enough to be a plausible typo: fewer than len(name)/3+1
// edits, where swapping two neighbouring letters is one edit.
func Suggest(name string, candidates []string) string {
	best, bestD := "", len(name)/3+1
	lower := strings.ToLower(name)
	for _, c := range candidates {
		if d := Distance(lower, strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// Distance is the optimal string alignment distance between a and b: the
// edits (insert, delete, substitute, swap two neighbours) from one to the
// other, so that "emial" is one edit from "email".
func Distance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
