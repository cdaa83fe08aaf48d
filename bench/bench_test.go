package bench

import (
	"context"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/strata-orm/strata/bench/shop"
	"github.com/strata-orm/strata/bench/suite"
	"github.com/strata-orm/strata/bench/target"
)

// BenchmarkShop runs every scenario with every library on every database
// it supports. Names are BenchmarkShop/db=<kind>/op=<scenario>/lib=<name>,
// which cmd/benchreport (and benchstat's -row/-col) read.
func BenchmarkShop(b *testing.B) {
	for _, k := range target.Kinds() {
		b.Run("db="+string(k), func(b *testing.B) {
			d := run.db(b, k)
			for _, sc := range suite.Scenarios() {
				b.Run("op="+sc, func(b *testing.B) {
					for _, lib := range Libraries() {
						if !lib.Supports(k) || lib.Lacks[sc] != "" {
							continue
						}
						b.Run("lib="+lib.Name, func(b *testing.B) {
							benchScenario(b, d, d.impl(b, lib), lib.Name, sc)
						})
					}
				})
			}
		})
	}
}

// runs numbers benchmark runs, so that the users each run inserts have
// emails of their own.
var runs atomic.Int64

func benchScenario(b *testing.B, d *database, im *suite.Impl, lib, sc string) {
	ctx := context.Background()
	prefix := lib + "-" + strconv.FormatInt(runs.Add(1), 10) + "-"
	switch sc {
	case suite.InsertOne, suite.InsertBulk100:
		b.Cleanup(func() {
			if err := d.Trim(ctx, d.sql); err != nil {
				b.Error(err)
			}
		})
	}
	var read func(context.Context, int64) error
	switch sc {
	case suite.InsertOne:
		us := shop.NewUsers(prefix, 0, b.N)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if err := im.InsertOne(ctx, &us[i]); err != nil {
				b.Fatal(err)
			}
		}
		return
	case suite.InsertBulk100:
		us := shop.NewUsers(prefix, 0, b.N*suite.BulkSize)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if err := im.InsertBulk(ctx, us[i*suite.BulkSize:(i+1)*suite.BulkSize]); err != nil {
				b.Fatal(err)
			}
		}
		return
	case suite.UpdateOne:
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if err := im.UpdateOne(ctx, suite.Key(suite.FindByPK, i), "Updated", 20+i%50); err != nil {
				b.Fatal(err)
			}
		}
		return
	case suite.FindByPK:
		read = im.FindByPK.Run
	case suite.FindMany100:
		read = im.FindMany100.Run
	case suite.EagerHasMany:
		read = im.EagerHasMany.Run
	case suite.EagerManyToMany:
		read = im.EagerManyToMany.Run
	case suite.EagerNested:
		read = im.EagerNested.Run
	default:
		b.Fatalf("unknown scenario %q", sc)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := read(ctx, suite.Key(sc, i)); err != nil {
			b.Fatal(err)
		}
	}
}
