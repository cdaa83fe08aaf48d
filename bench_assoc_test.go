package strata_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialect/sqlitedialect"
	"github.com/strata-orm/strata/dialecttest"
)

// The eager-loading benchmarks' shop (issue 8's shapes): 1,000 buyers × 10
// purchases, 200 items, 3 items per purchase.
type (
	Buyer struct {
		ID        int
		Name      string
		Email     string
		CreatedAt time.Time
		UpdatedAt time.Time
		Purchases []Purchase
	}
	Purchase struct {
		ID        int
		BuyerID   int
		Total     float64
		CreatedAt time.Time
		UpdatedAt time.Time
		Items     []Item
	}
	Item struct {
		ID        int
		Name      string
		Price     float64
		CreatedAt time.Time
		UpdatedAt time.Time
	}
	PurchaseItem struct {
		ID         int
		PurchaseID int
		ItemID     int
		Quantity   int
	}
)

func (Buyer) Associate(a *strata.Associations) { a.HasMany(Purchase{}) }
func (Purchase) Associate(a *strata.Associations) {
	a.BelongsToMany(Item{}, strata.Through(PurchaseItem{}))
}

func eagerDB(b *testing.B) (*strata.DB, *sql.DB) {
	b.Helper()
	tg := dialecttest.Fresh(b, sqlitedialect.New(), "")
	db, err := strata.New(tg.DB, tg.Dialect, strata.WithModels(Buyer{}, Purchase{}, Item{}, PurchaseItem{}))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	if err := db.Sync(ctx); err != nil {
		b.Fatal(err)
	}
	buyers := make([]Buyer, 1000)
	for i := range buyers {
		buyers[i] = Buyer{Name: fmt.Sprintf("buyer %d", i), Email: fmt.Sprintf("b%d@shop.test", i)}
	}
	items := make([]Item, 200)
	for i := range items {
		items[i] = Item{Name: fmt.Sprintf("item %d", i), Price: float64(i) + 0.5}
	}
	if err := strata.BulkCreate(ctx, db, buyers); err != nil {
		b.Fatal(err)
	}
	if err := strata.BulkCreate(ctx, db, items); err != nil {
		b.Fatal(err)
	}
	var purchases []Purchase
	for _, u := range buyers {
		for k := range 10 {
			purchases = append(purchases, Purchase{BuyerID: u.ID, Total: float64(k) * 1.25})
		}
	}
	if err := strata.BulkCreate(ctx, db, purchases); err != nil {
		b.Fatal(err)
	}
	var links []PurchaseItem
	for i, p := range purchases {
		for k := range 3 {
			links = append(links, PurchaseItem{PurchaseID: p.ID, ItemID: items[(i*7+k*31)%len(items)].ID, Quantity: k + 1})
		}
	}
	if err := strata.BulkCreate(ctx, db, links); err != nil {
		b.Fatal(err)
	}
	return db, tg.DB
}

// BenchmarkEagerHasMany reads 100 buyers, each with its 10 purchases.
func BenchmarkEagerHasMany(b *testing.B) {
	db, _ := eagerDB(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		bs, err := strata.Find[Buyer](db).Where(strata.Gt("id", 0)).Order("id").Limit(100).Include("Purchases").All(ctx)
		if err != nil || len(bs) != 100 || len(bs[99].Purchases) != 10 {
			b.Fatal(err, len(bs))
		}
	}
}

// BenchmarkEagerManyToMany reads 100 purchases, each with its 3 items.
func BenchmarkEagerManyToMany(b *testing.B) {
	db, _ := eagerDB(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		ps, err := strata.Find[Purchase](db).Where(strata.Gt("id", 0)).Order("id").Limit(100).Include("Items").All(ctx)
		if err != nil || len(ps) != 100 || len(ps[99].Items) != 3 {
			b.Fatal(err, len(ps))
		}
	}
}

// BenchmarkEagerNested reads 50 buyers → purchases → items.
func BenchmarkEagerNested(b *testing.B) {
	db, _ := eagerDB(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		bs, err := strata.Find[Buyer](db).Where(strata.Gt("id", 0)).Order("id").Limit(50).Include("Purchases.Items").All(ctx)
		if err != nil || len(bs) != 50 || len(bs[49].Purchases[9].Items) != 3 {
			b.Fatal(err, len(bs))
		}
	}
}

// The same three reads written by hand with database/sql: the floor.

func rawBuyers(ctx context.Context, b *testing.B, db *sql.DB, limit int) ([]Buyer, []any) {
	rs, err := db.QueryContext(ctx, `SELECT "id", "name", "email", "createdAt", "updatedAt" FROM "buyers" WHERE "id" > ? ORDER BY "id" LIMIT ?`, 0, limit)
	if err != nil {
		b.Fatal(err)
	}
	defer rs.Close()
	var out []Buyer
	var ids []any
	for rs.Next() {
		var u Buyer
		if err := rs.Scan(&u.ID, &u.Name, &u.Email, &u.CreatedAt, &u.UpdatedAt); err != nil {
			b.Fatal(err)
		}
		out = append(out, u)
		ids = append(ids, u.ID)
	}
	return out, ids
}

func placeholders(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }

func rawPurchases(ctx context.Context, b *testing.B, db *sql.DB, buyers []Buyer, ids []any) []*Purchase {
	at := make(map[int]int, len(buyers))
	for i, u := range buyers {
		at[u.ID] = i
	}
	rs, err := db.QueryContext(ctx, `SELECT "id", "buyerId", "total", "createdAt", "updatedAt" FROM "purchases" WHERE "buyerId" IN (`+placeholders(len(ids))+`) ORDER BY "buyerId", "id"`, ids...)
	if err != nil {
		b.Fatal(err)
	}
	defer rs.Close()
	for rs.Next() {
		var p Purchase
		if err := rs.Scan(&p.ID, &p.BuyerID, &p.Total, &p.CreatedAt, &p.UpdatedAt); err != nil {
			b.Fatal(err)
		}
		u := &buyers[at[p.BuyerID]]
		u.Purchases = append(u.Purchases, p)
	}
	var all []*Purchase
	for i := range buyers {
		for k := range buyers[i].Purchases {
			all = append(all, &buyers[i].Purchases[k])
		}
	}
	return all
}

func rawItems(ctx context.Context, b *testing.B, db *sql.DB, purchases []*Purchase) {
	at := make(map[int]*Purchase, len(purchases))
	ids := make([]any, len(purchases))
	for i, p := range purchases {
		at[p.ID] = p
		ids[i] = p.ID
	}
	rs, err := db.QueryContext(ctx, `SELECT i."id", i."name", i."price", i."createdAt", i."updatedAt", pi."purchaseId" FROM "items" i JOIN "purchaseItems" pi ON pi."itemId" = i."id" WHERE pi."purchaseId" IN (`+placeholders(len(ids))+`) ORDER BY pi."purchaseId", i."id"`, ids...)
	if err != nil {
		b.Fatal(err)
	}
	defer rs.Close()
	for rs.Next() {
		var it Item
		var pid int
		if err := rs.Scan(&it.ID, &it.Name, &it.Price, &it.CreatedAt, &it.UpdatedAt, &pid); err != nil {
			b.Fatal(err)
		}
		p := at[pid]
		p.Items = append(p.Items, it)
	}
}

func BenchmarkEagerHasManyRawSQL(b *testing.B) {
	_, sqlDB := eagerDB(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		bs, ids := rawBuyers(ctx, b, sqlDB, 100)
		rawPurchases(ctx, b, sqlDB, bs, ids)
		if len(bs) != 100 || len(bs[99].Purchases) != 10 {
			b.Fatal(len(bs))
		}
	}
}

func BenchmarkEagerManyToManyRawSQL(b *testing.B) {
	_, sqlDB := eagerDB(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		rs, err := sqlDB.QueryContext(ctx, `SELECT "id", "buyerId", "total", "createdAt", "updatedAt" FROM "purchases" WHERE "id" > ? ORDER BY "id" LIMIT ?`, 0, 100)
		if err != nil {
			b.Fatal(err)
		}
		var ps []Purchase
		for rs.Next() {
			var p Purchase
			if err := rs.Scan(&p.ID, &p.BuyerID, &p.Total, &p.CreatedAt, &p.UpdatedAt); err != nil {
				b.Fatal(err)
			}
			ps = append(ps, p)
		}
		rs.Close()
		ptrs := make([]*Purchase, len(ps))
		for i := range ps {
			ptrs[i] = &ps[i]
		}
		rawItems(ctx, b, sqlDB, ptrs)
		if len(ps) != 100 || len(ps[99].Items) != 3 {
			b.Fatal(len(ps))
		}
	}
}

func BenchmarkEagerNestedRawSQL(b *testing.B) {
	_, sqlDB := eagerDB(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		bs, ids := rawBuyers(ctx, b, sqlDB, 50)
		ps := rawPurchases(ctx, b, sqlDB, bs, ids)
		rawItems(ctx, b, sqlDB, ps)
		if len(bs) != 50 || len(bs[49].Purchases[9].Items) != 3 {
			b.Fatal(len(bs))
		}
	}
}
