package main

import (
	"fmt"
	"io"
	"regexp"
	"strings"
)

// columns of the table: the three dialects, then "any" for tests and fuzz
// targets that use no server (or SQLite in process).
var columns = []string{"sqlite", "postgres", "mysql", "any"}

// allDialects is a scenario's dialects when it names none.
var allDialects = []string{"sqlite", "postgres", "mysql"}

// row is a scenario (or one of its fuzz targets) and its cells by column.
type row struct {
	id, title, plan string
	cells           map[string]*Cell
}

// report is the table and its totals.
type report struct {
	rows                                []row
	run, held, failed, missing, skipped int
	fuzzRun, fuzzHeld                   int
	requireAll                          bool
}

// evaluate turns the test and fuzz results into the table. With
// requireAll a skipped cell counts as failed.
func evaluate(module string, reg []Scenario, tests, fuzz *results, requireAll bool) *report {
	rep := &report{requireAll: requireAll}
	for _, s := range reg {
		r := row{id: s.ID, title: s.Title, plan: s.Plan, cells: map[string]*Cell{}}
		dialects := s.Dialects
		if dialects == nil {
			dialects = allDialects
		}
		for _, d := range dialects {
			for _, t := range s.Tests {
				if on := onlyDialect(t); on != "" && on != d {
					continue
				}
				addCell(r.cells, d, tests.testCell(module, t, d))
			}
		}
		for _, t := range s.Offline {
			addCell(r.cells, "any", tests.testCell(module, t, "any"))
		}
		if len(r.cells) > 0 {
			rep.rows = append(rep.rows, r)
		}
		for _, f := range s.Fuzz {
			fr := row{id: s.ID, title: "fuzz " + f, plan: s.Plan, cells: map[string]*Cell{}}
			c := fuzz.testCell(module, f, "any")
			race := c.Status == Failed && deadlineRace(fuzz, module, f)
			if race {
				c = Cell{Status: Held}
			}
			if c.Status == Held {
				c.Figures = []string{fuzzFigure(fuzz, module, f)}
				if race {
					c.Figures[0] += " (the fuzzer's stop at -fuzztime raced its deadline, go.dev/issue/75804; no failing input)"
				}
			}
			addCell(fr.cells, "any", c)
			rep.rows = append(rep.rows, fr)
			rep.fuzzRun++
			if c.Status == Held {
				rep.fuzzHeld++
			}
		}
	}
	for _, r := range rep.rows {
		if strings.HasPrefix(r.title, "fuzz ") {
			continue
		}
		for _, c := range r.cells {
			rep.run++
			switch c.Status {
			case Held:
				rep.held++
			case Skipped:
				rep.skipped++
			case Missing:
				rep.missing++
			case Failed:
				rep.failed++
			}
		}
	}
	return rep
}

func addCell(cells map[string]*Cell, col string, c Cell) {
	if cells[col] == nil {
		cells[col] = &Cell{Status: Held}
	}
	cells[col].add(c)
}

// deadlineRace reports whether a failed fuzz run failed only by Go's
// fuzzing coordinator reporting its own -fuzztime deadline ("context
// deadline exceeded" alone after the FAIL line, go.dev/issue/75804, fixed
// in Go 1.27), with no failing input written: no input failed the target.
func deadlineRace(fuzz *results, module, ref string) bool {
	dir, test := splitRef(ref)
	pkg := module
	if dir != "" {
		pkg += "/" + dir
	}
	nodes := fuzz.tree(pkg, test)
	if len(nodes) != 1 {
		return false // a subtest ran: an input was tried and failed
	}
	out := nodes[0].run.output.String()
	if nodes[0].run.action != "fail" || strings.Contains(out, "Failing input written") {
		return false
	}
	_, after, ok := strings.Cut(out, "--- FAIL: "+test+" (")
	if !ok {
		return false
	}
	_, rest, _ := strings.Cut(after, "\n")
	return strings.TrimSpace(rest) == "context deadline exceeded"
}

var (
	execsRE    = regexp.MustCompile(`elapsed: (\S+), execs: (\d+)`)
	baselineRE = regexp.MustCompile(`elapsed: (\S+), gathering baseline coverage: (\d+)/(\d+) completed`)
)

// fuzzFigure is the last "elapsed: …, execs: …" the fuzzer printed.
func fuzzFigure(fuzz *results, module, ref string) string {
	dir, test := splitRef(ref)
	pkg := module
	if dir != "" {
		pkg += "/" + dir
	}
	var last []string
	for _, n := range fuzz.tree(pkg, test) {
		for _, m := range execsRE.FindAllStringSubmatch(n.run.output.String(), -1) {
			last = m
		}
	}
	if last == nil {
		var base []string
		for _, n := range fuzz.tree(pkg, test) {
			for _, m := range baselineRE.FindAllStringSubmatch(n.run.output.String(), -1) {
				base = m
			}
		}
		if base != nil {
			return fmt.Sprintf("%s: ran %s of %s corpus inputs in %s (the time went to the baseline), no failing input", test, base[2], base[3], base[1])
		}
		return test + ": passed (no progress line)"
	}
	return fmt.Sprintf("%s: %s execs in %s, no failing input", test, last[2], last[1])
}

// ok reports whether the run holds: nothing failed or missing, and with
// requireAll nothing skipped.
func (rep *report) ok() bool {
	bad := rep.failed + rep.missing
	if rep.requireAll {
		bad += rep.skipped
	}
	return bad == 0 && rep.fuzzHeld == rep.fuzzRun
}

// print writes the table, the figures, the failures and the totals.
func (rep *report) print(w io.Writer) {
	const titleWidth = 52
	fmt.Fprintf(w, "%-5s %-*s %-16s", "ID", titleWidth, "scenario", "plan")
	for _, c := range columns {
		fmt.Fprintf(w, " %-9s", c)
	}
	fmt.Fprintln(w)
	for _, r := range rep.rows {
		title := r.title
		if len([]rune(title)) > titleWidth {
			title = string([]rune(title)[:titleWidth-1]) + "…"
		}
		fmt.Fprintf(w, "%-5s %-*s %-16s", r.id, titleWidth, title, r.plan)
		for _, col := range columns {
			s := "-"
			if c := r.cells[col]; c != nil {
				s = c.Status.String()
			}
			fmt.Fprintf(w, " %-9s", s)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "\nFigures:")
	for _, r := range rep.rows {
		for _, col := range columns {
			c := r.cells[col]
			if c == nil {
				continue
			}
			for _, f := range c.Figures {
				fmt.Fprintf(w, "  %-5s %-9s %s\n", r.id, col, f)
			}
		}
	}
	var bad []string
	for _, r := range rep.rows {
		for _, col := range columns {
			if c := r.cells[col]; c != nil && c.Status != Held {
				for _, f := range c.Failing {
					bad = append(bad, fmt.Sprintf("%s %s %s: %s", r.id, col, c.Status, f))
				}
			}
		}
	}
	if len(bad) > 0 {
		fmt.Fprintln(w, "\nNot held:")
		for _, b := range bad {
			fmt.Fprintln(w, "  "+strings.ReplaceAll(b, "\n", "\n  "))
		}
	}
	fmt.Fprintf(w, "\nTotals: %d scenario × dialect cases run, %d held, %d failed, %d missing, %d skipped; %d fuzz targets, %d held\n",
		rep.run, rep.held, rep.failed, rep.missing, rep.skipped, rep.fuzzRun, rep.fuzzHeld)
	if rep.ok() {
		fmt.Fprintln(w, "ok")
	} else {
		fmt.Fprintln(w, "FAIL")
	}
}
