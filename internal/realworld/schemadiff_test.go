package realworld

import (
	"context"
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/schema"
	"github.com/strata-orm/strata/schemadiff"
)

// TestFixturesDiff reads each fixture as Inspect does and checks that
// schemadiff finds it equal to itself, and that the Up of a diff from
// nothing builds it offline (native types, identity and generated
// columns, inheritance, partitions, index methods and all) so that the
// built schema compares equal to it and Down takes it back to nothing.
func TestFixturesDiff(t *testing.T) {
	dbtest.EachServer(t, func(t *testing.T, s dbtest.Server) {
		tg := dialecttest.Fresh(t, s.Dialect, s.URL)
		for _, stmt := range fixtures[s.Dialect.Name()] {
			tg.Exec(t, stmt)
		}
		read, err := s.Dialect.Inspect(context.Background(), tg.DB)
		if err != nil {
			t.Fatalf("Inspect: %v", err)
		}
		x := s.Dialect.Canonical(read)
		all := schemadiff.Options{Indexes: true, Checks: true, DropTables: true}
		r, err := schemadiff.Diff(x, x.Clone(), all)
		if err != nil || !r.Empty() {
			t.Fatalf("Diff(x, x) = %v, %v; want empty", r, err)
		}
		empty := &schema.Database{TableScopedIndexNames: x.TableScopedIndexNames}
		r, err = schemadiff.Diff(empty, x, all)
		if err != nil {
			t.Fatalf("Diff(empty, x): %v", err)
		}
		if len(r.Up) < len(x.Tables) || len(x.Tables) == 0 {
			t.Fatalf("Diff(empty, x) has %d operations for %d tables", len(r.Up), len(x.Tables))
		}
		built := empty.Clone()
		if err := ddl.Replay(built, r.Up...); err != nil {
			t.Fatalf("replay Up: %v", err)
		}
		if again, err := schemadiff.Diff(built, x, all); err != nil || !again.Empty() {
			t.Fatalf("Diff(built, x) = %+v, %v; want empty", again, err)
		}
		if err := ddl.Replay(built, r.Down...); err != nil || len(built.Tables) > 0 {
			t.Fatalf("replay Down: %v; tables left %q", err, built.TableNames())
		}
	})
}
