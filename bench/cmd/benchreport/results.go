package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/perf/benchfmt"
	"golang.org/x/perf/benchmath"
)

// Units read from the benchmark output (benchfmt turns ns/op into sec/op).
const (
	unitTime   = "sec/op"
	unitAllocs = "allocs/op"
	unitBytes  = "B/op"
	unitUp     = "up-sec/op"   // BenchmarkMigrate200: applying the migrations
	unitUndo   = "undo-sec/op" // BenchmarkMigrate200: undoing them all
)

// key names one benchmark: BenchmarkShop/db=<DB>/op=<Op>/lib=<Lib>.
type key struct{ DB, Op, Lib string }

// stat is benchstat's summary of one unit of one benchmark: the median
// and its confidence interval (benchmath.AssumeNothing at 95%).
type stat struct {
	Center, Lo, Hi float64
	N              int
}

// cell is one benchmark's three summaries.
type cell struct{ Time, Allocs, Bytes stat }

// migration is BenchmarkMigrate200 on one database, summarized.
type migration struct{ Up, Undo stat }

// results are a benchmark run, summarized.
type results struct {
	Config map[string]string // file configuration lines: goos, cpu, go-version, cores, db-<kind>…
	Cells  map[key]cell
	// Migrations holds BenchmarkMigrate200 by database.
	Migrations map[string]migration
	// Orders of first appearance.
	DBs, Ops, Libs []string
}

// parseResults reads `go test -bench` output and summarizes each
// BenchmarkShop benchmark as benchstat does.
func parseResults(r io.Reader, name string) (*results, error) {
	res := &results{Config: map[string]string{}, Cells: map[key]cell{}, Migrations: map[string]migration{}}
	samples := map[key]map[string][]float64{}
	migrations := map[string]map[string][]float64{}
	var order []key
	rd := benchfmt.NewReader(r, name)
	for rd.Scan() {
		switch rec := rd.Result().(type) {
		case *benchfmt.SyntaxError:
			return nil, fmt.Errorf("benchreport: %w", rec)
		case *benchfmt.Result:
			for _, c := range rec.Config {
				if c.File {
					res.Config[c.Key] = string(c.Value)
				}
			}
			if db, ok := parseMigrateName(rec.Name); ok {
				if migrations[db] == nil {
					migrations[db] = map[string][]float64{}
				}
				for _, v := range rec.Values {
					migrations[db][v.Unit] = append(migrations[db][v.Unit], v.Value)
				}
				continue
			}
			k, ok := parseName(rec.Name)
			if !ok {
				continue
			}
			if samples[k] == nil {
				samples[k] = map[string][]float64{}
				order = append(order, k)
			}
			for _, v := range rec.Values {
				samples[k][v.Unit] = append(samples[k][v.Unit], v.Value)
			}
		}
	}
	if err := rd.Err(); err != nil {
		return nil, fmt.Errorf("benchreport: read %s: %w", name, err)
	}
	if len(order) == 0 {
		return nil, errors.New("benchreport: no BenchmarkShop/db=…/op=…/lib=… results in " + name)
	}
	for db, s := range migrations {
		res.Migrations[db] = migration{Up: summarize(s[unitUp]), Undo: summarize(s[unitUndo])}
	}
	for _, k := range order {
		res.DBs = appendNew(res.DBs, k.DB)
		res.Ops = appendNew(res.Ops, k.Op)
		res.Libs = appendNew(res.Libs, k.Lib)
		s := samples[k]
		res.Cells[k] = cell{Time: summarize(s[unitTime]), Allocs: summarize(s[unitAllocs]), Bytes: summarize(s[unitBytes])}
	}
	return res, nil
}

// appendNew appends s to list unless list has it.
func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// parseName splits BenchmarkShop/db=X/op=Y/lib=Z-N into its key.
func parseName(n benchfmt.Name) (key, bool) {
	base, parts := n.Parts()
	if string(base) != "Shop" && string(base) != "BenchmarkShop" {
		return key{}, false
	}
	var k key
	for _, p := range parts {
		kv, ok := strings.CutPrefix(string(p), "/")
		if !ok {
			continue // -GOMAXPROCS
		}
		name, value, ok := strings.Cut(kv, "=")
		if !ok {
			return key{}, false
		}
		switch name {
		case "db":
			k.DB = value
		case "op":
			k.Op = value
		case "lib":
			k.Lib = value
		}
	}
	if k.DB == "" || k.Op == "" || k.Lib == "" {
		return key{}, false
	}
	return k, true
}

// parseMigrateName reads BenchmarkMigrate200/db=X-N.
func parseMigrateName(n benchfmt.Name) (db string, ok bool) {
	base, parts := n.Parts()
	if string(base) != "BenchmarkMigrate200" && string(base) != "Migrate200" {
		return "", false
	}
	for _, p := range parts {
		if v, ok := strings.CutPrefix(string(p), "/db="); ok {
			db = v
		}
	}
	return db, db != ""
}

func summarize(values []float64) stat {
	if len(values) == 0 {
		return stat{}
	}
	s := benchmath.AssumeNothing.Summary(benchmath.NewSample(values, &benchmath.DefaultThresholds), 0.95)
	return stat{Center: s.Center, Lo: s.Lo, Hi: s.Hi, N: len(values)}
}
