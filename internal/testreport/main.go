// Command testreport reads `go test -json` output on stdin, prints the
// output of failing tests and a summary: tests passed, failed and skipped
// per package and per dialect. It exits 1 when anything failed or did not
// build, and, with STRATA_TEST_REQUIRE_ALL=1 (CI), when a dialect's tests
// were skipped for want of a server.
//
//	go test -json ./... | go run ./internal/testreport
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

type event struct {
	Action  string
	Package string
	Test    string
	Output  string
	Elapsed float64
}

type counts struct{ pass, fail, skip int }

func main() {
	os.Exit(run(os.Stdin, os.Stdout, os.Getenv("STRATA_TEST_REQUIRE_ALL") == "1"))
}

var dialects = []string{"sqlite", "postgres", "mysql"}

// dialectOf names the dialect a test ran on: a "/sqlite", "/postgres" or
// "/mysql" element of its name, or the dialect package it belongs to.
func dialectOf(pkg, test string) string {
	for _, d := range dialects {
		for _, part := range strings.Split(test, "/") {
			if part == d {
				return d
			}
		}
	}
	switch {
	case strings.HasSuffix(pkg, "/pgdialect"):
		return "postgres"
	case strings.HasSuffix(pkg, "/mysqldialect"):
		return "mysql"
	case strings.HasSuffix(pkg, "/sqlitedialect"):
		return "sqlite"
	}
	return ""
}

func run(in io.Reader, out io.Writer, requireAll bool) int {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	outputs := map[string]*strings.Builder{}
	perPkg := map[string]*counts{}
	perDialect := map[string]*counts{}
	parents := map[string]bool{}
	var failed []string
	var skippedServers []string
	pkgFailed := map[string]bool{}
	var nonJSON []string
	type leaf struct{ pkg, test, action string }
	var leaves []leaf
	for sc.Scan() {
		line := sc.Bytes()
		var e event
		if err := json.Unmarshal(line, &e); err != nil {
			nonJSON = append(nonJSON, string(line))
			continue
		}
		key := e.Package + " " + e.Test
		switch e.Action {
		case "output":
			if outputs[key] == nil {
				outputs[key] = &strings.Builder{}
			}
			outputs[key].WriteString(e.Output)
		case "pass", "fail", "skip":
			if e.Test == "" {
				if e.Action == "fail" {
					pkgFailed[e.Package] = true
				}
				continue
			}
			if i := strings.LastIndexByte(e.Test, '/'); i >= 0 {
				parents[e.Package+" "+e.Test[:i]] = true
			}
			leaves = append(leaves, leaf{e.Package, e.Test, e.Action})
			if e.Action == "fail" {
				failed = append(failed, key)
			}
			if e.Action == "skip" {
				if o := outputs[key]; o != nil && strings.Contains(o.String(), "tests skipped: set STRATA_TEST_") {
					skippedServers = append(skippedServers, key)
				}
			}
		}
	}
	for _, l := range leaves {
		if parents[l.pkg+" "+l.test] {
			continue // count leaf tests only
		}
		c := perPkg[l.pkg]
		if c == nil {
			c = &counts{}
			perPkg[l.pkg] = c
		}
		d := dialectOf(l.pkg, l.test)
		dc := perDialect[d]
		if dc == nil {
			dc = &counts{}
			perDialect[d] = dc
		}
		for _, x := range []*counts{c, dc} {
			switch l.action {
			case "pass":
				x.pass++
			case "fail":
				x.fail++
			case "skip":
				x.skip++
			}
		}
	}
	for _, line := range nonJSON {
		fmt.Fprintln(out, line)
	}
	for _, key := range failed {
		if parents[key] {
			continue
		}
		fmt.Fprintf(out, "--- FAIL: %s\n", key)
		if o := outputs[key]; o != nil {
			fmt.Fprint(out, o.String())
		}
	}
	for pkg := range pkgFailed {
		if o := outputs[pkg+" "]; o != nil {
			fmt.Fprintf(out, "--- package %s:\n%s", pkg, o.String())
		}
	}
	pkgs := make([]string, 0, len(perPkg))
	for p := range perPkg {
		pkgs = append(pkgs, p)
	}
	sort.Strings(pkgs)
	fmt.Fprintln(out, "\nTests per package (pass / fail / skip):")
	for _, p := range pkgs {
		c := perPkg[p]
		fmt.Fprintf(out, "  %-60s %5d %5d %5d\n", p, c.pass, c.fail, c.skip)
	}
	fmt.Fprintln(out, "\nTests per dialect (pass / fail / skip):")
	for _, d := range append(dialects, "") {
		c := perDialect[d]
		if c == nil {
			c = &counts{}
		}
		name := d
		if name == "" {
			name = "(no database)"
		}
		fmt.Fprintf(out, "  %-14s %5d %5d %5d\n", name, c.pass, c.fail, c.skip)
	}
	status := 0
	leafFailures := 0
	for _, key := range failed {
		if !parents[key] {
			leafFailures++
		}
	}
	if len(failed) > 0 || len(pkgFailed) > 0 {
		fmt.Fprintf(out, "\nFAIL: %d tests failed, %d packages failed\n", leafFailures, len(pkgFailed))
		status = 1
	}
	if requireAll && len(skippedServers) > 0 {
		fmt.Fprintf(out, "\nFAIL: %d tests skipped for want of a database server although CI requires every dialect:\n", len(skippedServers))
		for _, k := range skippedServers {
			fmt.Fprintf(out, "  %s\n", k)
		}
		status = 1
	}
	if status == 0 {
		fmt.Fprintln(out, "\nok")
	}
	return status
}
