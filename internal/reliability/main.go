// Command reliability runs strata's reliability suite (`make reliability`):
// every scenario of the registry (registry.go) as ordinary Go tests on
// each dialect, then each registered fuzz target for a short time, and
// prints a table: scenario × dialect → held, failed, missing or skipped,
// with each test's figure (its "figure: " log lines, or how many of its
// tests passed). It exits 1 when a cell is not held; with
// STRATA_TEST_REQUIRE_ALL=1 (CI) a dialect skipped for want of a server
// is not held either.
//
//	go run ./internal/reliability [-run ID-regexp] [-fuzztime 10s]
//
// Run it from the module's root. RELIABILITY_FUZZTIME sets the default fuzz time (10s).
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strings"
	"time"
)

func main() {
	fuzzDefault := os.Getenv("RELIABILITY_FUZZTIME")
	if fuzzDefault == "" {
		fuzzDefault = "10s"
	}
	only := flag.String("run", "", "run only the scenarios whose ID matches this regular expression")
	fuzzTime := flag.String("fuzztime", fuzzDefault, "how long to run each fuzz target (0: skip fuzzing)")
	flag.Parse()
	os.Exit(suite(os.Stdout, *only, *fuzzTime, os.Getenv("STRATA_TEST_REQUIRE_ALL") == "1"))
}

// testTimeout bounds the go test run; the suite as a whole, fuzzing
// included, gets a minute more, and what did not run by then is missing.
const testTimeout = 9 * time.Minute

func suite(out io.Writer, only, fuzzTime string, requireAll bool) int {
	module, err := modulePath()
	if err != nil {
		fmt.Fprintln(out, "reliability:", err)
		return 2
	}
	reg := Registry
	if only != "" {
		re, err := regexp.Compile(only)
		if err != nil {
			fmt.Fprintln(out, "reliability: -run:", err)
			return 2
		}
		reg = nil
		for _, s := range Registry {
			if re.MatchString(s.ID) {
				reg = append(reg, s)
			}
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout+time.Minute)
	defer cancel()
	start := time.Now()
	tests := newResults()
	runs := plan(reg)
	if len(runs) > 0 {
		// One go test over the packages, two at a time as `make test` runs
		// them: a test name registered in one package may also run in
		// another; the table reads only the registered ones.
		var dirs, names []string
		seen := map[string]bool{}
		for _, p := range runs {
			dirs = append(dirs, p.dir)
			for _, n := range p.tests {
				if !seen[n] {
					seen[n] = true
					names = append(names, n)
				}
			}
		}
		sort.Strings(names)
		fmt.Fprintf(out, "== go test %d tests in %s\n", len(names), strings.Join(dirs, " "))
		args := append([]string{"test", "-json", "-count=1", "-p", "2", "-timeout", testTimeout.String(), "-run", "^(" + strings.Join(names, "|") + ")$"}, dirs...)
		if err := goTest(ctx, tests, args); err != nil {
			fmt.Fprintln(out, "reliability:", err)
		}
	}
	testTime := time.Since(start)
	fuzz := newResults()
	if fuzzTime != "0" && fuzzTime != "0s" {
		for _, s := range reg {
			for _, f := range s.Fuzz {
				dir, name := splitRef(f)
				fmt.Fprintf(out, "== fuzz %s %s for %s\n", pkgDir(dir), name, fuzzTime)
				args := []string{"test", "-json", "-run", "^$", "-fuzz", "^" + name + "$", "-fuzztime", fuzzTime, pkgDir(dir)}
				if err := goTest(ctx, fuzz, args); err != nil {
					fmt.Fprintln(out, "reliability:", err)
				}
			}
		}
	}
	for _, l := range append(tests.nonJSON, fuzz.nonJSON...) {
		fmt.Fprintln(out, l)
	}
	fmt.Fprintln(out)
	rep := evaluate(module, reg, tests, fuzz, requireAll)
	rep.print(out)
	fmt.Fprintf(out, "Time: tests %s (%s), fuzzing %s\n", testTime.Round(time.Second), packageTimes(module, tests), (time.Since(start) - testTime).Round(time.Second))
	if !rep.ok() {
		return 1
	}
	return 0
}

// pkgRun is a package directory and its registered tests.
type pkgRun struct {
	dir   string
	tests []string
}

// plan groups the registered tests by package, in a stable order.
func plan(reg []Scenario) []pkgRun {
	byDir := map[string]map[string]bool{}
	for _, s := range reg {
		for _, t := range append(append([]string{}, s.Tests...), s.Offline...) {
			dir, name := splitRef(t)
			if byDir[dir] == nil {
				byDir[dir] = map[string]bool{}
			}
			byDir[dir][name] = true
		}
	}
	var out []pkgRun
	for dir, names := range byDir {
		p := pkgRun{dir: pkgDir(dir)}
		for n := range names {
			p.tests = append(p.tests, n)
		}
		sort.Strings(p.tests)
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].dir < out[j].dir })
	return out
}

func pkgDir(dir string) string {
	if dir == "" {
		return "."
	}
	return "./" + dir
}

// goTest runs go with args (GOMAXPROCS=2, as the plan's budget says) and
// reads its JSON events into res. A failing test is not an error here.
func goTest(ctx context.Context, res *results, args []string) error {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Env = append(os.Environ(), "GOMAXPROCS=2")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	readErr := res.read(stdout)
	waitErr := cmd.Wait()
	if s := strings.TrimSpace(stderr.String()); s != "" {
		res.nonJSON = append(res.nonJSON, s)
	}
	if readErr != nil {
		return readErr
	}
	if _, exit := waitErr.(*exec.ExitError); waitErr != nil && !exit {
		return waitErr
	}
	return nil
}

// packageTimes lists how long each package's tests ran, longest first.
func packageTimes(module string, res *results) string {
	pkgs := make([]string, 0, len(res.pkgTime))
	for p := range res.pkgTime {
		pkgs = append(pkgs, p)
	}
	sort.Slice(pkgs, func(i, j int) bool { return res.pkgTime[pkgs[i]] > res.pkgTime[pkgs[j]] })
	var parts []string
	for _, p := range pkgs {
		name := strings.TrimPrefix(strings.TrimPrefix(p, module), "/")
		if name == "" {
			name = "."
		}
		parts = append(parts, fmt.Sprintf("%s %.0fs", name, res.pkgTime[p]))
	}
	return strings.Join(parts, ", ")
}

// modulePath reads the module line of ./go.mod.
func modulePath() (string, error) {
	b, err := os.ReadFile("go.mod")
	if err != nil {
		return "", fmt.Errorf("run from the module's root: %w", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if m, ok := strings.CutPrefix(strings.TrimSpace(line), "module "); ok {
			return strings.TrimSpace(m), nil
		}
	}
	return "", fmt.Errorf("go.mod has no module line")
}
