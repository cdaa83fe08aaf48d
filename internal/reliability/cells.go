package main

import (
	"fmt"
	"strings"
)

// Status is how a scenario fared on one dialect.
type Status int

// Statuses, from best to worst: a cell takes the worst of its tests.
const (
	Held    Status = iota // every test passed
	Skipped               // a test skipped (a failure with STRATA_TEST_REQUIRE_ALL=1)
	Missing               // a registered test did not run there
	Failed                // a test failed, panicked or timed out
)

func (s Status) String() string {
	return [...]string{"held", "skipped", "missing", "FAILED"}[s]
}

// Cell is a scenario on one dialect ("any" for dialect-independent tests
// and fuzz targets).
type Cell struct {
	Status  Status
	Figures []string // the tests' "figure: " lines, or the count of tests passed
	Failing []string // the tests that failed, with their output
}

// add merges c into x: the worse status, all figures and failures.
func (x *Cell) add(c Cell) {
	x.Status = max(x.Status, c.Status)
	x.Figures = append(x.Figures, c.Figures...)
	x.Failing = append(x.Failing, c.Failing...)
}

// dialectPackages are the packages whose tests are one dialect's without
// subtests naming it.
var dialectPackages = map[string]string{"dialect/pgdialect": "postgres", "dialect/mysqldialect": "mysql", "dialect/sqlitedialect": "sqlite"}

// testCell is how test (a "dir/TestName" reference) fared on dialect: the
// subtests named after the dialect and everything below them; the whole
// test for "any", in a dialect's own package, or when the reference ends
// in "@" and the dialect ("dir/TestName@sqlite": a test of one dialect
// without subtests naming it).
func (res *results) testCell(module, ref, dialect string) Cell {
	dir, test := splitRef(ref)
	whole := dialect == "any" || onlyDialect(ref) == dialect
	pkg := module
	if dir != "" {
		pkg += "/" + dir
	}
	all := res.tree(pkg, test)
	if len(all) == 0 {
		return Cell{Status: Missing, Failing: []string{fmt.Sprintf("%s: did not run (%s)", ref, res.packageNote(pkg))}}
	}
	nodes := all
	if !whole {
		nodes = nil
		for _, n := range all {
			if under(n.name, dialect) {
				nodes = append(nodes, n)
			}
		}
		if len(nodes) == 0 {
			if all[0].run.action == "fail" || all[0].run.action == "" {
				return Cell{Status: Failed, Failing: []string{failure(ref, all[0])}}
			}
			return Cell{Status: Missing, Failing: []string{fmt.Sprintf("%s: no %s subtest ran", ref, dialect)}}
		}
	}
	c := Cell{Status: Held}
	for _, n := range nodes {
		switch n.run.action {
		case "fail", "":
			c.Status = Failed
			if leafOf(nodes, n) {
				c.Failing = append(c.Failing, failure(ref, n))
			}
		case "skip":
			// A dialect (or a whole test) skipped is a case not run; a
			// subtest below it that does not apply there is not.
			if isRoot(nodes, n) {
				c.Status = max(c.Status, Skipped)
				c.Failing = append(c.Failing, fmt.Sprintf("%s: %s skipped: %s", ref, n.name, lastLine(n.run.output.String())))
			}
		}
	}
	if c.Status == Failed && len(c.Failing) == 0 {
		c.Failing = append(c.Failing, failure(ref, nodes[0]))
	}
	if c.Status != Skipped {
		c.Failing = onlyFailures(c.Failing)
	}
	if f := figures(nodes); len(f) > 0 {
		c.Figures = f
	} else if c.Status == Held {
		c.Figures = []string{fmt.Sprintf("%s: %d passed", test, leavesPassed(nodes))}
	}
	return c
}

// onlyDialect is the one dialect a test reference counts for: its
// "@dialect" suffix, or the dialect whose package it is in ("" for any).
func onlyDialect(ref string) string {
	if _, on, ok := strings.Cut(ref, "@"); ok {
		return on
	}
	dir, _ := splitRef(ref)
	return dialectPackages[dir]
}

// splitRef splits "dir/TestName" (or "TestName" in the module's root),
// dropping an "@dialect" suffix.
func splitRef(ref string) (dir, test string) {
	ref, _, _ = strings.Cut(ref, "@")
	if i := strings.LastIndexByte(ref, '/'); i >= 0 {
		return ref[:i], ref[i+1:]
	}
	return "", ref
}

// under reports whether the test name has an element equal to dialect
// below its top level.
func under(name, dialect string) bool {
	parts := strings.Split(name, "/")
	for _, p := range parts[1:] {
		if p == dialect {
			return true
		}
	}
	return false
}

// isRoot reports whether no other node is n's parent.
func isRoot(nodes []node, n node) bool {
	for _, m := range nodes {
		if strings.HasPrefix(n.name, m.name+"/") {
			return false
		}
	}
	return true
}

func leafOf(nodes []node, n node) bool {
	for _, m := range nodes {
		if strings.HasPrefix(m.name, n.name+"/") {
			return false
		}
	}
	return true
}

func onlyFailures(lines []string) []string {
	var out []string
	for _, l := range lines {
		if !strings.Contains(l, " skipped: ") {
			out = append(out, l)
		}
	}
	return out
}

// failure is a failed test's name and the end of its output.
func failure(ref string, n node) string {
	state := "failed"
	if n.run.action == "" {
		state = "never finished (panic or timeout)"
	}
	out := strings.Split(strings.TrimRight(n.run.output.String(), "\n"), "\n")
	if len(out) > 30 {
		out = append([]string{"    …"}, out[len(out)-30:]...)
	}
	return fmt.Sprintf("%s: %s %s:\n%s", ref, n.name, state, strings.Join(out, "\n"))
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// packageNote says why a package's tests may not have run.
func (res *results) packageNote(pkg string) string {
	if res.pkgFail[pkg] {
		if o := res.pkgOut[pkg]; o != nil {
			return "package failed: " + lastLine(o.String())
		}
		return "package failed"
	}
	return "no such test in " + pkg
}
