package main

import (
	"bufio"
	"encoding/json"
	"io"
	"strings"
)

// event is one line of `go test -json` (cmd/test2json).
type event struct {
	Action  string
	Package string
	Test    string
	Output  string
	Elapsed float64 // seconds (pass, fail)
}

// run is what go test reported for one test or subtest: its final action
// ("pass", "fail", "skip"; "" when it started and never ended, as after a
// panic or a timeout) and its output.
type run struct {
	action string
	output strings.Builder
}

// results are the parsed events of one or more go test runs.
type results struct {
	tests   map[string]*run // by package + " " + test
	order   []string        // keys in the order the tests started
	pkgOut  map[string]*strings.Builder
	pkgFail map[string]bool
	pkgTime map[string]float64 // seconds each package's tests took
	nonJSON []string
}

func newResults() *results {
	return &results{tests: map[string]*run{}, pkgOut: map[string]*strings.Builder{}, pkgFail: map[string]bool{}, pkgTime: map[string]float64{}}
}

// read adds the events of r.
func (res *results) read(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var e event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil || e.Action == "" {
			res.nonJSON = append(res.nonJSON, sc.Text())
			continue
		}
		if e.Test == "" {
			switch e.Action {
			case "output":
				b := res.pkgOut[e.Package]
				if b == nil {
					b = &strings.Builder{}
					res.pkgOut[e.Package] = b
				}
				b.WriteString(e.Output)
			case "fail":
				res.pkgFail[e.Package] = true
				res.pkgTime[e.Package] = e.Elapsed
			case "pass":
				res.pkgTime[e.Package] = e.Elapsed
			}
			continue
		}
		key := e.Package + " " + e.Test
		t := res.tests[key]
		if t == nil {
			t = &run{}
			res.tests[key] = t
			res.order = append(res.order, key)
		}
		switch e.Action {
		case "output":
			t.output.WriteString(e.Output)
		case "pass", "fail", "skip":
			t.action = e.Action
		}
	}
	return sc.Err()
}

// node is one test or subtest of a tree the cell functions walk.
type node struct {
	name string // full test name, e.g. TestX/sqlite/case
	run  *run
}

// tree returns test and its subtests in package pkg, in start order.
func (res *results) tree(pkg, test string) []node {
	var out []node
	for _, key := range res.order {
		p, name, _ := strings.Cut(key, " ")
		if p != pkg || (name != test && !strings.HasPrefix(name, test+"/")) {
			continue
		}
		out = append(out, node{name, res.tests[key]})
	}
	return out
}

// figures returns the text after "figure: " of each line the nodes logged.
func figures(nodes []node) []string {
	var out []string
	for _, n := range nodes {
		for _, line := range strings.Split(n.run.output.String(), "\n") {
			if _, f, ok := strings.Cut(line, "figure: "); ok {
				out = append(out, strings.TrimSpace(f))
			}
		}
	}
	return out
}

// leavesPassed counts the nodes without subtests that passed.
func leavesPassed(nodes []node) int {
	n := 0
	for i, x := range nodes {
		if x.run.action != "pass" {
			continue
		}
		leaf := true
		for _, y := range nodes[i+1:] {
			if strings.HasPrefix(y.name, x.name+"/") {
				leaf = false
				break
			}
		}
		if leaf {
			n++
		}
	}
	return n
}
