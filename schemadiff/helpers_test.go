package schemadiff

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/internal/testshop"
	"github.com/strata-orm/strata/schema"
)

// shop is the seed's shop replayed offline.
func shop(t testing.TB) *schema.Database {
	t.Helper()
	db := &schema.Database{}
	if err := ddl.Replay(db, testshop.Ops()...); err != nil {
		t.Fatal(err)
	}
	return db
}

// replayed is db with ops applied, on a clone.
func replayed(t testing.TB, db *schema.Database, ops ...ddl.Op) *schema.Database {
	t.Helper()
	out := db.Clone()
	if err := ddl.Replay(out, ops...); err != nil {
		t.Fatalf("replay: %v", err)
	}
	return out
}

// schemaDiff lists the differences between two schemas table by table,
// columns compared by name (a column dropped and added back goes to the
// end), everything else after schema's Normalize. Empty means equal.
func schemaDiff(got, want *schema.Database) []string {
	norm := func(db *schema.Database) map[string]schema.Table {
		c := db.Clone()
		c.Warnings, c.Objects = nil, nil
		c.Normalize()
		out := map[string]schema.Table{}
		for _, t := range c.Tables {
			slices.SortFunc(t.Columns, func(a, b schema.Column) int { return strings.Compare(a.Name, b.Name) })
			out[t.Name] = t
		}
		return out
	}
	g, w := norm(got), norm(want)
	var out []string
	for name, wt := range w {
		gt, ok := g[name]
		if !ok {
			out = append(out, "missing table "+name)
			continue
		}
		if !reflect.DeepEqual(gt, wt) {
			out = append(out, fmt.Sprintf("table %s:\n got  %+v\n want %+v", name, gt, wt))
		}
	}
	for name := range g {
		if _, ok := w[name]; !ok {
			out = append(out, "extra table "+name)
		}
	}
	slices.Sort(out)
	return out
}

// roundTrip checks what every Result must hold: Up replayed on from makes a
// schema Diff finds Empty against to, and Down replayed on that gives
// from back.
func roundTrip(t *testing.T, from, to *schema.Database, o Options) *Result {
	t.Helper()
	r, err := Diff(from, to, o)
	if err != nil {
		t.Fatalf("Diff: %v", err)
	}
	up := from.Clone()
	if err := ddl.Replay(up, r.Up...); err != nil {
		t.Fatalf("replay Up: %v\n%s", err, opsText(r.Up))
	}
	o.Renames = nil // taken: the names now match
	again, err := Diff(up, to, o)
	if err != nil {
		t.Fatalf("Diff after Up: %v", err)
	}
	if !again.Empty() {
		t.Fatalf("Diff after Up = %s, want empty; Up:\n%s", kindsText(again), opsText(r.Up))
	}
	down := up.Clone()
	if err := ddl.Replay(down, r.Down...); err != nil {
		t.Fatalf("replay Down: %v\n%s", err, opsText(r.Down))
	}
	if d := schemaDiff(down, from); len(d) > 0 {
		t.Fatalf("Down does not give from back:\n%s\nDown:\n%s", strings.Join(d, "\n"), opsText(r.Down))
	}
	return r
}

func opsText(ops []ddl.Op) string {
	var b strings.Builder
	for _, op := range ops {
		b.WriteString("  " + op.GoString() + "\n")
	}
	return b.String()
}

func kinds(r *Result) []string {
	var out []string
	for _, c := range r.Changes {
		out = append(out, string(c.Kind)+" "+c.Table+"."+c.Name)
	}
	return out
}

func kindsText(r *Result) string { return "[" + strings.Join(kinds(r), "; ") + "]" }
