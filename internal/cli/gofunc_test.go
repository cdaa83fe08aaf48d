package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
)

// funcMigrationSrc is a Go migration written as UpFunc and DownFunc.
const funcMigrationSrc = `package migrations

import (
	"context"

	"github.com/strata-orm/strata/migrate"
)

func init() {
	All.Add(migrate.Migration{
		UpFunc: func(ctx context.Context, ex migrate.Executor) error {
			_, err := ex.ExecContext(ctx, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body VARCHAR(20))")
			return err
		},
		DownFunc: func(ctx context.Context, ex migrate.Executor) error {
			_, err := ex.ExecContext(ctx, "DROP TABLE notes")
			return err
		},
	})
}
`

// TestReliabilityGoFuncEditCLI is issue 13's defect 9 through the command:
// a project's Go function migration, applied, then edited in its file, is
// refused by the next db:migrate on every dialect before any SQL, and
// db:migrate:status says which migrations an edit would go unnoticed in.
func TestReliabilityGoFuncEditCLI(t *testing.T) {
	p := newProject(t)
	p.ok("init")
	const name = "20261126184503-notes"
	file := filepath.Join(p.dir, "migrations", name+".go")
	edited := strings.Replace(funcMigrationSrc, "VARCHAR(20)", "VARCHAR(40)", 1)
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		if testing.Short() && tg.Dialect.Name() != "sqlite" {
			t.Skip("-short: the project is built and checked on SQLite only")
		}
		q := &project{t: t, dir: p.dir, now: p.now, env: p.env}
		if err := os.WriteFile(file, []byte(funcMigrationSrc), 0o644); err != nil {
			t.Fatal(err)
		}
		q.ok("db:migrate", "--url", tg.URL)
		r := q.ok("db:migrate:status", "--url", tg.URL)
		if strings.Contains(r.stdout, "not checked") {
			t.Fatalf("status says a checked migration is not checked:\n%s", r)
		}
		// The function edited in its file.
		if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
			t.Fatal(err)
		}
		q.fails([]string{"db:migrate", "--url", tg.URL}, name, "was edited after it was applied", "--accept-checksum")
		// A row recorded before checksums were: status says it is not checked.
		quote := tg.Dialect.Quote
		tg.Exec(t, "UPDATE "+quote("SequelizeMeta")+" SET "+quote("checksum")+" = NULL")
		r = q.ok("db:migrate:status", "--url", tg.URL)
		contains(t, "status", r.stdout, "up "+name+" (applied without a recorded checksum: not checked")
		t.Logf("figure: 1 of 1 edited Go function refused before any SQL; status names the unchecked one")
	})
}
