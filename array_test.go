package strata_test

import (
	"context"
	"slices"
	"testing"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
)

func TestArrayLiteral(t *testing.T) {
	in := strata.Array[string]{"a", `b "c"`, `back\slash`, "", "NULL", "x,y", "{}"}
	v, err := in.Value()
	if err != nil {
		t.Fatal(err)
	}
	var out strata.Array[string]
	if err := out.Scan(v); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(out, in) {
		t.Errorf("round trip: %q, want %q", out, in)
	}
	var ints strata.Array[int64]
	if err := ints.Scan("{1,-2,3}"); err != nil || !slices.Equal(ints, strata.Array[int64]{1, -2, 3}) {
		t.Errorf("ints: %v %v", ints, err)
	}
	for _, bad := range []string{"{1,NULL}", "{{1},{2}}", "1,2", `{"a}`} {
		if err := ints.Scan(bad); err == nil {
			t.Errorf("Scan(%q) succeeded", bad)
		}
	}
	if err := ints.Scan(nil); err != nil || ints != nil {
		t.Errorf("Scan(nil) = %v, %v", ints, err)
	}
}

type tagged struct {
	ID     int
	Tags   strata.Array[string] `strata:",type=ARRAY(STRING(30))"`
	Scores strata.Array[int]    `strata:",type=ARRAY(INTEGER)"`
}

func TestArrayOnPostgres(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		if tg.Dialect.Name() != "postgres" {
			t.Skip("ARRAY is PostgreSQL's")
		}
		ctx := context.Background()
		db, err := strata.New(tg.DB, tg.Dialect, strata.WithModels(tagged{}))
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Sync(ctx); err != nil {
			t.Fatal(err)
		}
		row := tagged{Tags: strata.Array[string]{"go", `"quoted", with comma`}, Scores: strata.Array[int]{3, 1}}
		if err := strata.Create(ctx, db, &row); err != nil {
			t.Fatal(err)
		}
		got, err := strata.Find[tagged](db).ByPK(ctx, row.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got.Tags, row.Tags) || !slices.Equal(got.Scores, row.Scores) {
			t.Errorf("read back %+v, want %+v", got, row)
		}
	})
}
