package sequelizecompat_test

import (
	"fmt"
	"slices"
	"strings"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/schema"
)

// catalogDiff lists how got (strata's database) differs from want
// (sequelize-cli's), one line per table, column, key, index, foreign key
// or check, each named: nothing when they are identical.
func catalogDiff(want, got *schema.Database) []string {
	var out []string
	wt, gt := tablesByName(want), tablesByName(got)
	for _, name := range unionKeys(wt, gt) {
		w, g := wt[name], gt[name]
		switch {
		case g == nil:
			out = append(out, fmt.Sprintf("table %s: sequelize-cli made it, strata did not", name))
			continue
		case w == nil:
			out = append(out, fmt.Sprintf("table %s: strata made it, sequelize-cli did not", name))
			continue
		}
		out = append(out, namedDiff(name+" column", w.Columns, g.Columns, func(c schema.Column) string { return c.Name })...)
		if got, want := columnOrder(g), columnOrder(w); got != want {
			out = append(out, fmt.Sprintf("%s: columns in the order %s, sequelize-cli's %s", name, got, want))
		}
		if !slices.Equal(w.PrimaryKey, g.PrimaryKey) || w.PrimaryKeyName != g.PrimaryKeyName {
			out = append(out, fmt.Sprintf("%s primary key: sequelize-cli %v %q, strata %v %q", name, w.PrimaryKey, w.PrimaryKeyName, g.PrimaryKey, g.PrimaryKeyName))
		}
		out = append(out, namedDiff(name+" unique", w.Uniques, g.Uniques, func(u schema.Unique) string { return u.Name })...)
		out = append(out, namedDiff(name+" index", w.Indexes, g.Indexes, func(i schema.Index) string { return i.Name })...)
		out = append(out, namedDiff(name+" foreign key", w.ForeignKeys, g.ForeignKeys, func(f schema.ForeignKey) string { return f.Name })...)
		out = append(out, namedDiff(name+" check", w.Checks, g.Checks, func(c schema.Check) string { return c.Name })...)
		w.Columns, g.Columns, w.PrimaryKey, g.PrimaryKey, w.PrimaryKeyName, g.PrimaryKeyName = nil, nil, nil, nil, "", ""
		w.Uniques, g.Uniques, w.Indexes, g.Indexes, w.ForeignKeys, g.ForeignKeys, w.Checks, g.Checks = nil, nil, nil, nil, nil, nil, nil, nil
		if d := cmp.Diff(*w, *g); d != "" {
			out = append(out, fmt.Sprintf("table %s (-sequelize-cli +strata):\n%s", name, d))
		}
	}
	if d := cmp.Diff(want.Objects, got.Objects); d != "" {
		out = append(out, "objects (types, views …) (-sequelize-cli +strata):\n"+d)
	}
	return out
}

func tablesByName(db *schema.Database) map[string]*schema.Table {
	m := map[string]*schema.Table{}
	for _, t := range db.Tables {
		t := t
		m[t.Name] = &t
	}
	return m
}

func columnOrder(t *schema.Table) string {
	var names []string
	for _, c := range t.Columns {
		names = append(names, c.Name)
	}
	return strings.Join(names, ",")
}

// namedDiff compares two lists of named things by name.
func namedDiff[T any](what string, want, got []T, name func(T) string) []string {
	wm, gm := map[string]T{}, map[string]T{}
	for _, w := range want {
		wm[name(w)] = w
	}
	for _, g := range got {
		gm[name(g)] = g
	}
	var out []string
	for _, n := range unionKeys(wm, gm) {
		w, inW := wm[n]
		g, inG := gm[n]
		switch {
		case !inG:
			out = append(out, fmt.Sprintf("%s %s: sequelize-cli has %+v, strata has none", what, n, w))
		case !inW:
			out = append(out, fmt.Sprintf("%s %s: strata has %+v, sequelize-cli has none", what, n, g))
		default:
			if d := cmp.Diff(w, g); d != "" {
				out = append(out, fmt.Sprintf("%s %s (-sequelize-cli +strata):\n%s", what, n, d))
			}
		}
	}
	return out
}

func unionKeys[V any](a, b map[string]V) []string {
	var keys []string
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}
