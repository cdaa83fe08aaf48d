package suite

import (
	"testing"

	"github.com/strata-orm/strata/bench/shop"
)

// TestKey checks that every key a benchmark reads with stays within the
// seeded rows, so every iteration reads a full result.
func TestKey(t *testing.T) {
	for _, tc := range []struct {
		scenario string
		first    int64 // smallest id the read may touch
		last     int64 // largest id it may touch
		width    int64 // ids one read covers past its key
	}{
		{FindByPK, 1, shop.Users, 0},
		{FindMany100, 1, shop.Users, shop.ManyN},
		{EagerHasMany, 1, shop.Users, shop.ManyN},
		{EagerManyToMany, 1, shop.Orders, shop.ManyN},
		{EagerNested, 1, shop.Users, shop.NestedN},
	} {
		seen := map[int64]bool{}
		for i := 0; i < 5*shop.Orders; i++ {
			k := Key(tc.scenario, i)
			lo, hi := k, k
			if tc.width > 0 {
				lo, hi = k+1, k+tc.width
			}
			if lo < tc.first || hi > tc.last {
				t.Fatalf("%s: Key(%d) = %d reads ids %d..%d, outside the seeded %d..%d", tc.scenario, i, k, lo, hi, tc.first, tc.last)
			}
			seen[k] = true
		}
		if len(seen) < 10 {
			t.Errorf("%s: only %d distinct keys; the benchmark would read the same rows over and over", tc.scenario, len(seen))
		}
	}
}

func TestScenariosAreNamedOnce(t *testing.T) {
	seen := map[string]bool{}
	for _, sc := range Scenarios() {
		if seen[sc] {
			t.Errorf("scenario %s listed twice", sc)
		}
		seen[sc] = true
	}
	if len(seen) != 8 {
		t.Errorf("%d scenarios, want the 8 of issue 8", len(seen))
	}
}
