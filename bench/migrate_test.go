package bench

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"

	"github.com/strata-orm/strata/bench/target"
)

// migrations is how many createTable migrations BenchmarkMigrate200 runs.
const migrations = 200

// migrations200 is issue 8's migration workload: 200 migrations, each
// creating one small table (id, name, timestamps) and dropping it on undo.
func migrations200() migrate.Registry {
	var reg migrate.Registry
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range migrations {
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
	return reg
}

// BenchmarkMigrate200 applies the 200 migrations with strata's migration
// engine (loading them included, as a run of the CLI would) and then undoes
// them all, on an empty database of each kind opened as strata opens it.
// It reports the two phases as up-sec/op and undo-sec/op, which
// cmd/benchreport shows beside sequelize-cli's figures.
func BenchmarkMigrate200(b *testing.B) {
	reg := migrations200()
	for _, k := range target.Kinds() {
		b.Run("db="+string(k), func(b *testing.B) {
			d := run.empty(b, k)
			db, err := k.Dialect().Open(d.URL)
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			ctx := context.Background()
			var up, undo time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				m, err := migrate.New(db, k.Dialect(), migrate.WithGo(reg))
				if err != nil {
					b.Fatal(err)
				}
				if res, err := m.Up(ctx); err != nil || len(res) != migrations {
					b.Fatalf("up: %d of %d applied: %v", len(res), migrations, err)
				}
				mid := time.Now()
				if res, err := m.UndoAll(ctx); err != nil || len(res) != migrations {
					b.Fatalf("undo all: %d of %d undone: %v", len(res), migrations, err)
				}
				up += mid.Sub(start)
				undo += time.Since(mid)
			}
			b.ReportMetric(up.Seconds()/float64(b.N), "up-sec/op")
			b.ReportMetric(undo.Seconds()/float64(b.N), "undo-sec/op")
		})
	}
}

// TestMigrate200 runs the migration workload once on each database, so
// that `go test` catches a broken benchmark.
func TestMigrate200(t *testing.T) {
	reg := migrations200()
	for _, k := range target.Kinds() {
		t.Run(string(k), func(t *testing.T) {
			d := run.empty(t, k)
			db, err := k.Dialect().Open(d.URL)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			m, err := migrate.New(db, k.Dialect(), migrate.WithGo(reg))
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			if res, err := m.Up(ctx); err != nil || len(res) != migrations {
				t.Fatalf("up: %d of %d applied: %v", len(res), migrations, err)
			}
			if res, err := m.UndoAll(ctx); err != nil || len(res) != migrations {
				t.Fatalf("undo all: %d of %d undone: %v", len(res), migrations, err)
			}
		})
	}
}
