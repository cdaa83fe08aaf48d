package sequelizecompat_test

import (
	"path/filepath"
	"testing"

	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/sequelizejs"
)

// TestSeeders: the shared history's seeders (bulkInsert in up, bulkDelete
// in down, one as a promise chain) are recorded fully on every dialect.
func TestSeeders(t *testing.T) {
	eachDialect(t, histories["shared"], func(t *testing.T, s dbtest.Server) {
		recs, err := sequelizejs.RecordDir(filepath.Join("testdata", "shared", "seeders"), sequelizejs.RecordOptions{Dialect: s.Dialect.Name(), Env: env})
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != 2 {
			t.Fatalf("recorded %d seeders, want 2", len(recs))
		}
		for _, r := range recs {
			if !r.Complete() {
				t.Errorf("%s: %s:%d: %s", r.Name, r.Problems[0].File, r.Problems[0].Line, r.Problems[0].Reason)
			}
			if len(r.Up) == 0 || len(r.Down) == 0 {
				t.Errorf("%s: recorded %d up and %d down operations; want its bulkInsert and bulkDelete", r.Name, len(r.Up), len(r.Down))
			}
		}
	})
}
