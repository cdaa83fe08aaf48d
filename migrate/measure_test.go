package migrate_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

// TestMeasure200 times 200 small createTable migrations up, then UndoAll,
// the figure the issue compares with sequelize-cli (about 5.7 s up and
// 5.1 s undo-all on a local PostgreSQL). Run with -v to see the times;
// it asserts only that everything was applied and undone.
func TestMeasure200(t *testing.T) {
	if testing.Short() {
		t.Skip("timing run; skipped with -short")
	}
	const n = 200
	var reg migrate.Registry
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		table := fmt.Sprintf("t%03d", i)
		reg = append(reg, migrate.Migration{
			Name: base.Add(time.Duration(i)*time.Second).Format("20060102150405") + "-create-" + table,
			Up: []ddl.Op{ddl.CreateTable(table,
				ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
				ddl.Column("name", schema.String(0)),
				ddl.Column("createdAt", schema.Date()).NotNull(),
				ddl.Column("updatedAt", schema.Date()).NotNull(),
			)},
			Down: []ddl.Op{ddl.DropTable(table)},
		})
	}
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		m := newMigrator(t, tg, migrate.WithGo(reg))
		start := time.Now()
		res, err := m.Up(ctx)
		up := time.Since(start)
		if err != nil || len(res) != n {
			t.Fatalf("up: %d applied, %v", len(res), err)
		}
		start = time.Now()
		res, err = m.UndoAll(ctx)
		down := time.Since(start)
		if err != nil || len(res) != n {
			t.Fatalf("undo all: %d undone, %v", len(res), err)
		}
		t.Logf("%s: %d migrations up in %s (%s each), undo all in %s (%s each)", tg.Dialect.Name(), n,
			up.Round(time.Millisecond), (up / n).Round(10*time.Microsecond), down.Round(time.Millisecond), (down / n).Round(10*time.Microsecond))
	})
}
