package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
)

// The load: loadClients clients for loadFor (loadForShort with -short).
const (
	loadClients  = 16
	loadFor      = 10 * time.Second
	loadForShort = 3 * time.Second
	loadProducts = 12 // products the orders pick from
	loadOrders   = 6  // orders whose products PUTs replace, and as many that PUTs add to
)

// replaceWrite is a successful PUT that replaced an order's products: its
// total (unique to it) names it in the order afterwards.
type replaceWrite struct {
	products   map[int]int // productId → quantity
	start, end time.Time
}

// loadLog is what the clients did, to check the data against afterwards.
type loadLog struct {
	mu       sync.Mutex
	replaced map[int]map[int]replaceWrite // order → total → the write
	added    map[int]map[int][]int        // order → product → quantities written
	statuses map[int]int
	requests int
	fail5xx  int
	deadlock int
	created  int // ephemeral orders created
	deleted  int // and deleted (204)
	live     []int
}

// loadClient sends requests to the shop and decodes the answers.
type loadClient struct {
	t    *testing.T
	base string
	c    *http.Client
	log  *loadLog
}

// send sends one request and returns its status and JSON answer; a 5xx
// is counted and reported, and counted as a deadlock when it is the
// shop's 503 for a write that lost one (or mentions one).
func (lc *loadClient) send(method, path, body string) (int, map[string]any) {
	req, err := http.NewRequest(method, lc.base+path, strings.NewReader(body))
	if err != nil {
		lc.t.Error(err)
		return 0, nil
	}
	resp, err := lc.c.Do(req)
	if err != nil {
		lc.t.Errorf("%s %s: %v", method, path, err)
		return 0, nil
	}
	raw, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		lc.t.Errorf("%s %s: %v", method, path, err)
	}
	lc.log.mu.Lock()
	lc.log.requests++
	lc.log.statuses[resp.StatusCode]++
	if resp.StatusCode >= 500 {
		lc.log.fail5xx++
		lc.t.Errorf("%s %s %s: status %d: %s", method, path, body, resp.StatusCode, raw)
	}
	if resp.StatusCode == http.StatusServiceUnavailable || strings.Contains(strings.ToLower(string(raw)), "deadlock") {
		lc.log.deadlock++
		lc.t.Errorf("%s %s %s: the client sees a deadlock: %s", method, path, body, raw)
	}
	lc.log.mu.Unlock()
	var v map[string]any
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &v); err != nil {
			lc.t.Errorf("%s %s: not JSON: %v: %s", method, path, err, raw)
		}
	}
	return resp.StatusCode, v
}

// productsOf is an order answer's products: productId → quantity.
func productsOf(t *testing.T, o map[string]any) map[int]int {
	out := map[int]int{}
	ps, _ := o["products"].([]any)
	for _, p := range ps {
		pm, _ := p.(map[string]any)
		po, _ := pm["productOrder"].(map[string]any)
		id, _ := pm["id"].(float64)
		q, _ := po["quantity"].(float64)
		if _, dup := out[int(id)]; dup {
			t.Errorf("order %v lists product %v twice", o["id"], id)
		}
		out[int(id)] = int(q)
	}
	return out
}

// totalOf is an order answer's total as a whole number.
func totalOf(t *testing.T, o map[string]any) int {
	s, _ := o["total"].(string)
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Errorf("order %v: total %q", o["id"], s)
	}
	return int(f)
}

// TestReliabilityShopLoad runs 16 clients against the shop for 10 s (3 s
// with -short) on every dialect: PUTs replacing an order's products (and
// total), PUTs adding products, POST and DELETE of orders that PUTs race
// with, and GETs. No answer is a 5xx or mentions a deadlock; afterwards
// no (order, product) pair has two join rows, every order holds exactly
// the products of its last successful write, the added products are
// those added, and the counts of orders and join rows agree with the
// answers.
func TestReliabilityShopLoad(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		s := start(t, tg.URL)
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: loadClients * 2}, Timeout: time.Minute}
		defer client.CloseIdleConnections()
		log := &loadLog{replaced: map[int]map[int]replaceWrite{}, added: map[int]map[int][]int{}, statuses: map[int]int{}}
		setup := &loadClient{t: t, base: s.base, c: client, log: log}
		want := func(method, path, body string, status int) map[string]any {
			got, v := setup.send(method, path, body)
			if got != status {
				t.Fatalf("%s %s %s: status %d, want %d: %v", method, path, body, got, status, v)
			}
			return v
		}
		products := make([]int, loadProducts)
		for i := range products {
			products[i] = int(want("POST", "/products", fmt.Sprintf(`{"name": "load %d", "price": "1.50"}`, i), 201)["id"].(float64))
		}
		newOrder := func(c *loadClient) (int, bool) {
			st, v := c.send("POST", "/orders", `{"userId": 1, "total": "0"}`)
			if st != 201 {
				t.Errorf("POST /orders: %d %v", st, v)
				return 0, false
			}
			return int(v["id"].(float64)), true
		}
		var replaceOrders, addOrders []int
		for range loadOrders {
			id, _ := newOrder(setup)
			replaceOrders = append(replaceOrders, id)
			log.replaced[id] = map[int]replaceWrite{}
			id, _ = newOrder(setup)
			addOrders = append(addOrders, id)
			log.added[id] = map[int][]int{}
		}
		ordersBefore := tg.Count(t, "orders")

		dur := loadFor
		if testing.Short() {
			dur = loadForShort
		}
		var seq atomic.Int64
		stop := time.Now().Add(dur)
		began := time.Now()
		var wg sync.WaitGroup
		for ci := range loadClients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				c := &loadClient{t: t, base: s.base, c: client, log: log}
				rnd := rand.New(rand.NewPCG(uint64(ci), 13))
				// replaceBody picks a few products in a random order.
				replaceBody := func(total int64) (string, map[int]int) {
					ps := slices.Clone(products)
					rnd.Shuffle(len(ps), func(i, j int) { ps[i], ps[j] = ps[j], ps[i] })
					ps = ps[:rnd.IntN(6)]
					want := map[int]int{}
					items := make([]string, len(ps))
					for i, p := range ps {
						want[p] = 1 + rnd.IntN(9)
						items[i] = fmt.Sprintf(`{"productId": %d, "quantity": %d}`, p, want[p])
					}
					return fmt.Sprintf(`{"total": "%d", "products": [%s]}`, total, strings.Join(items, ", ")), want
				}
				for time.Now().Before(stop) {
					switch op := rnd.IntN(20); {
					case op < 8: // replace an order's products
						id := replaceOrders[rnd.IntN(len(replaceOrders))]
						total := seq.Add(1)
						body, want := replaceBody(total)
						w := replaceWrite{products: want, start: time.Now()}
						st, v := c.send("PUT", fmt.Sprintf("/orders/%d", id), body)
						w.end = time.Now()
						if st != 200 {
							t.Errorf("PUT /orders/%d %s: %d %v", id, body, st, v)
							continue
						}
						log.mu.Lock()
						log.replaced[id][int(total)] = w
						log.mu.Unlock()
					case op < 12: // add a product
						id := addOrders[rnd.IntN(len(addOrders))]
						p, q := products[rnd.IntN(len(products))], 1+rnd.IntN(9)
						st, v := c.send("PUT", fmt.Sprintf("/orders/%d", id), fmt.Sprintf(`{"productId": %d, "quantity": %d}`, p, q))
						if st != 200 {
							t.Errorf("PUT /orders/%d add %d: %d %v", id, p, st, v)
							continue
						}
						log.mu.Lock()
						log.added[id][p] = append(log.added[id][p], q)
						log.mu.Unlock()
					case op < 14: // an order made, raced with and deleted
						id, ok := newOrder(c)
						if !ok {
							continue
						}
						log.mu.Lock()
						log.created++
						log.live = append(log.live, id)
						log.mu.Unlock()
						body, _ := replaceBody(seq.Add(1))
						if st, v := c.send("PUT", fmt.Sprintf("/orders/%d", id), body); st != 200 && st != 404 {
							t.Errorf("PUT /orders/%d (new): %d %v", id, st, v)
						}
						if st, v := c.send("DELETE", fmt.Sprintf("/orders/%d", id), ""); st == 204 {
							log.mu.Lock()
							log.deleted++
							log.mu.Unlock()
						} else if st != 404 {
							t.Errorf("DELETE /orders/%d: %d %v", id, st, v)
						}
					case op < 16: // a PUT on an order that may be being deleted
						log.mu.Lock()
						var id int
						if n := len(log.live); n > 0 {
							id = log.live[n-1-rnd.IntN(min(n, 4))]
						}
						log.mu.Unlock()
						if id == 0 {
							continue
						}
						body, _ := replaceBody(seq.Add(1))
						if st, v := c.send("PUT", fmt.Sprintf("/orders/%d", id), body); st != 200 && st != 404 && st != 422 {
							t.Errorf("PUT /orders/%d (racing its DELETE): %d %v", id, st, v)
						}
					case op < 19:
						all := append(slices.Clone(replaceOrders), addOrders...)
						if st, v := c.send("GET", fmt.Sprintf("/orders/%d", all[rnd.IntN(len(all))]), ""); st != 200 {
							t.Errorf("GET: %d %v", st, v)
						}
					default:
						if st, v := c.send("GET", "/users/1", ""); st != 200 {
							t.Errorf("GET /users/1: %d %v", st, v)
						}
					}
				}
			}()
		}
		wg.Wait()
		took := time.Since(began)

		// The data afterwards.
		q := tg.Dialect.Quote
		var dups int
		if err := tg.DB.QueryRow(fmt.Sprintf("SELECT COUNT(*) FROM (SELECT %s, %s FROM product_orders GROUP BY %s, %s HAVING COUNT(*) > 1) d",
			q("orderId"), q("productId"), q("orderId"), q("productId"))).Scan(&dups); err != nil {
			t.Fatal(err)
		}
		if dups != 0 {
			t.Errorf("%d (order, product) pairs have more than one join row", dups)
		}
		listed := 0
		for _, id := range replaceOrders {
			o := want("GET", fmt.Sprintf("/orders/%d", id), "", 200)
			got, total := productsOf(t, o), totalOf(t, o)
			listed += len(got)
			writes := log.replaced[id]
			if total == 0 {
				if len(writes) > 0 || len(got) > 0 {
					t.Errorf("order %d: total 0 and products %v after %d successful writes", id, got, len(writes))
				}
				continue
			}
			w, ok := writes[total]
			if !ok {
				t.Errorf("order %d: total %d is no successful write's", id, total)
				continue
			}
			if fmt.Sprint(got) != fmt.Sprint(w.products) {
				t.Errorf("order %d holds products %v, but the write that set total %d wrote %v", id, got, total, w.products)
			}
			for other, o := range writes {
				if o.start.After(w.end) {
					t.Errorf("order %d holds write %d, but write %d began after it had ended and succeeded", id, total, other)
					break
				}
			}
		}
		for _, id := range addOrders {
			got := productsOf(t, want("GET", fmt.Sprintf("/orders/%d", id), "", 200))
			listed += len(got)
			added := log.added[id]
			if len(got) != len(added) {
				t.Errorf("order %d lists %d products, %d were added: %v", id, len(got), len(added), got)
			}
			for p, qs := range added {
				if !slices.Contains(qs, got[p]) {
					t.Errorf("order %d, product %d: quantity %d, written were %v", id, p, got[p], qs)
				}
			}
		}
		log.mu.Lock()
		live := map[int]bool{}
		for _, id := range log.live {
			live[id] = true
		}
		log.mu.Unlock()
		for id := range live {
			if st, o := setup.send("GET", fmt.Sprintf("/orders/%d", id), ""); st == 200 {
				listed += len(productsOf(t, o))
			}
		}
		if n := tg.Count(t, "orders"); n != ordersBefore+log.created-log.deleted {
			t.Errorf("%d orders, want %d before + %d created - %d deleted", n, ordersBefore, log.created, log.deleted)
		}
		if n := tg.Count(t, "product_orders"); n != listed+seededLinks(t, tg, append(append(replaceOrders, addOrders...), keys(live)...)) {
			t.Errorf("%d join rows, but the orders list %d products", n, listed)
		}
		t.Logf("statuses: %v", log.statuses)
		t.Logf("figure: %d requests in %.0fs, %d 5xx, %d deadlocks, %d duplicate pairs", log.requests, took.Seconds(), log.fail5xx, log.deadlock, dups)
	})
}

// keys returns a set's members.
func keys(m map[int]bool) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// seededLinks counts the join rows of orders other than ours (the demo
// data's).
func seededLinks(t *testing.T, tg *dialecttest.Target, ours []int) int {
	t.Helper()
	ids := make([]string, len(ours))
	for i, id := range ours {
		ids[i] = strconv.Itoa(id)
	}
	var n int
	if err := tg.DB.QueryRow(fmt.Sprintf("SELECT COUNT(*) FROM product_orders WHERE %s NOT IN (%s)", tg.Dialect.Quote("orderId"), strings.Join(ids, ", "))).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
