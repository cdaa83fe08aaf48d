package cli

import (
	"testing"

	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
)

// TestCheckWithoutModels: right after init, whose models folder holds only
// the package's doc, db:check compares the history with the database (it
// has no models to compare) instead of failing for want of models.
func TestCheckWithoutModels(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		p := newProject(t)
		p.ok("init")
		r := p.run("db:check", "--url", tg.URL)
		if r.code != 0 {
			t.Fatalf("db:check on a project without models: %s", r)
		}
		contains(t, "db:check", r.stdout, "no models", "agree")
	})
}
