package corpus

import (
	"slices"
	"testing"
)

func TestCorpus(t *testing.T) {
	all := All()
	if len(all) < 1000 {
		t.Fatalf("%d payloads, want at least 1,000", len(all))
	}
	if !slices.Equal(All(), all) {
		t.Fatal("the corpus differs between calls")
	}
	byFamily := map[string]int{}
	seen := map[string]bool{}
	unstorable := 0
	for _, p := range all {
		byFamily[p.Family]++
		if seen[p.Text] {
			t.Errorf("duplicate payload %q", p.Short())
		}
		seen[p.Text] = true
		if len(p.Text) > 400 {
			t.Errorf("short payload of %d bytes", len(p.Text))
		}
		if !p.Storable() {
			unstorable++
		}
	}
	for _, f := range families {
		if byFamily[f.name] < len(f.atoms) {
			t.Errorf("family %s: %d payloads", f.name, byFamily[f.name])
		}
	}
	if unstorable == 0 || byFamily["mix"] == 0 {
		t.Errorf("%d payloads with NUL or invalid UTF-8, %d mixes", unstorable, byFamily["mix"])
	}
	long := Long()
	if len(long) < 5 || len(long[len(long)-1].Text) != 1<<20 || len(long[1].Text) != 64<<10 {
		t.Errorf("long payloads: %d", len(long))
	}
	t.Logf("%d payloads in %d families (%d not storable), %d long", len(all), len(byFamily), unstorable, len(long))
}

func TestSample(t *testing.T) {
	all := All()
	s := Sample(all, 4)
	numbers := 0
	for _, p := range s {
		if p.Family == "number" {
			numbers++
		}
	}
	if len(s) < len(all)/4 || len(s) > len(all)/2 || s[1] != all[4] || numbers < 27 || len(Sample(all, 1)) != len(all) {
		t.Fatalf("Sample(4) of %d: %d, %d numbers", len(all), len(s), numbers)
	}
}
