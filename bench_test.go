package strata_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialect/sqlitedialect"
	"github.com/strata-orm/strata/dialecttest"
)

// BenchRow is a typical row: a key, a few strings and numbers, timestamps.
type BenchRow struct {
	ID        int
	Name      string
	Email     string
	Age       int
	Score     float64
	Active    bool
	CreatedAt time.Time
	UpdatedAt time.Time
}

func benchDB(b *testing.B) (*strata.DB, *dialecttest.Target) {
	b.Helper()
	tg := dialecttest.Fresh(b, sqlitedialect.New(), "")
	db, err := strata.New(tg.DB, tg.Dialect, strata.WithModels(BenchRow{}))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	if err := db.Sync(ctx); err != nil {
		b.Fatal(err)
	}
	rows := make([]BenchRow, 1000)
	for i := range rows {
		rows[i] = BenchRow{Name: fmt.Sprintf("name %d", i), Email: fmt.Sprintf("u%d@example.com", i), Age: i % 90, Score: float64(i) / 3, Active: i%2 == 0}
	}
	if err := strata.BulkCreate(ctx, db, rows); err != nil {
		b.Fatal(err)
	}
	return db, tg
}

// BenchmarkFindMany reads 100 rows into structs (SQLite).
func BenchmarkFindMany(b *testing.B) {
	db, _ := benchDB(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		rows, err := strata.Find[BenchRow](db).Where(strata.Gt("id", 0)).Limit(100).All(ctx)
		if err != nil || len(rows) != 100 {
			b.Fatal(err, len(rows))
		}
	}
}

// BenchmarkFindManyRawSQL is the same read with database/sql by hand, the
// floor strata's overhead is measured against.
func BenchmarkFindManyRawSQL(b *testing.B) {
	_, tg := benchDB(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		rs, err := tg.DB.QueryContext(ctx, `SELECT "id", "name", "email", "age", "score", "active", "createdAt", "updatedAt" FROM "benchRows" WHERE "id" > ? LIMIT ?`, 0, 100)
		if err != nil {
			b.Fatal(err)
		}
		var rows []BenchRow
		for rs.Next() {
			var r BenchRow
			if err := rs.Scan(&r.ID, &r.Name, &r.Email, &r.Age, &r.Score, &r.Active, &r.CreatedAt, &r.UpdatedAt); err != nil {
				b.Fatal(err)
			}
			rows = append(rows, r)
		}
		rs.Close()
		if len(rows) != 100 {
			b.Fatal(len(rows))
		}
	}
}

// BenchmarkByPK reads one row by primary key (SQLite).
func BenchmarkByPK(b *testing.B) {
	db, _ := benchDB(b)
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i = i%1000 + 1
		if _, err := strata.Find[BenchRow](db).ByPK(ctx, i); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCreate inserts one row (SQLite).
func BenchmarkCreate(b *testing.B) {
	db, _ := benchDB(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		r := BenchRow{Name: "n", Email: "e@x.org", Age: 3}
		if err := strata.Create(ctx, db, &r); err != nil {
			b.Fatal(err)
		}
	}
}
