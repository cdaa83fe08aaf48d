package strata_test

import (
	"fmt"
	"strconv"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/internal/corpus"
)

// associations: a payload as the string key of a source (the word whose
// key it is: AddKeys, HasKeys, Count, RemoveKeys, SetKeys of its notes
// and a note's SetKey to it), as a target key of the wrong kind for the
// shop's integer keys (HasMany and BelongsToMany Add/Has/Remove/Set and
// BelongsTo SetKey), and as a join row's value and column (Through).
// Each links exactly what it names or is a typed error; the notes, words
// and join rows are compared with what the test wrote.
func (h *injection) associations(payloads []corpus.Payload) {
	u, err := strata.Find[User](h.db).Where(strata.Eq("email", "canary@shop.test")).One(h.ctx)
	ok(h.t, err)
	user := *u
	order := Order{Total: "1.00"}
	product := Product{Name: "corpus", Price: "1.00"}
	ok(h.t, strata.Create(h.ctx, h.db, &order))
	ok(h.t, strata.Create(h.ctx, h.db, &product))
	free := Note{Body: "free", Tag: "free", N: -2} // never linked
	ok(h.t, strata.Create(h.ctx, h.db, &free))
	h.notes[free.ID] = free
	joins := 0 // product_orders rows the test made

	// The notes each payload's word links: two created for it.
	pairs := make([][2]Note, len(payloads))
	h.tx(func(tx *strata.Tx) {
		for i, p := range payloads {
			if h.words[p.Text] == nil {
				continue
			}
			for j := range pairs[i] {
				pairs[i][j] = Note{Body: p.Family, Tag: fmt.Sprintf("a%d.%d", i, j), N: int64(i)}
				ok(h.t, strata.Create(h.ctx, tx, &pairs[i][j]))
				h.notes[pairs[i][j].ID] = pairs[i][j]
			}
		}
	})
	link := func(id int64, key *string) {
		n := h.notes[id]
		n.WordKey = key
		h.notes[id] = n
	}
	for start := 0; start < len(payloads); start += batchSize {
		h.tx(func(tx *strata.Tx) {
			for i := start; i < min(start+batchSize, len(payloads)); i++ {
				if w := h.words[payloads[i].Text]; w != nil {
					h.linkWord(tx, payloads[i], w, pairs[i], free.ID, link)
				}
			}
		})
	}
	h.content("HasMany and BelongsTo on a string key")
	for _, p := range payloads {
		// The payload as a key of the wrong kind: typed errors, nothing written.
		o := order
		h.call("BelongsTo SetKey wrong kind", p, orderUser.SetKey(h.ctx, h.db, &o, p.Text))
		h.call("HasMany AddKeys wrong kind", p, userOrders.AddKeys(h.ctx, h.db, &user, p.Text))
		_, err := userOrders.HasKeys(h.ctx, h.db, &user, p.Text)
		h.call("HasMany HasKeys wrong kind", p, err)
		h.call("HasMany RemoveKeys wrong kind", p, userOrders.RemoveKeys(h.ctx, h.db, &user, p.Text))
		h.call("BelongsToMany AddKeys wrong kind", p, orderProducts.AddKeys(h.ctx, h.db, &order, p.Text))
		_, err = orderProducts.HasKeys(h.ctx, h.db, &order, p.Text)
		h.call("BelongsToMany HasKeys wrong kind", p, err)
		h.call("BelongsToMany RemoveKeys wrong kind", p, orderProducts.RemoveKeys(h.ctx, h.db, &order, p.Text))
		h.call("BelongsToMany SetKeys wrong kind", p, orderProducts.SetKeys(h.ctx, h.db, &order, p.Text))
		// Through: the payload as a join row's value and as its column.
		if h.call("Through values", p, orderProducts.Through(strata.Fields{"quantity": p.Text}).AddKeys(h.ctx, h.db, &order, product.ID)) {
			joins = 1
			q, err := strata.RawAll[int64](h.ctx, h.db, "SELECT quantity FROM product_orders WHERE "+h.q("orderId")+" = ? AND "+h.q("productId")+" = ?", order.ID, product.ID)
			k, perr := strconv.ParseInt(p.Text, 10, 64)
			if err != nil || len(q) != 1 || perr != nil || q[0] != k {
				h.fail(classChanged, "Through values", p, "quantity %v (%v) from the text", q, err)
			}
		}
		h.call("Through names", p, orderProducts.Through(strata.Fields{p.Text: 1}).AddKeys(h.ctx, h.db, &order, product.ID))
		h.call("Through names", p, orderProducts.Through(strata.Fields{"quantity " + p.Text: 1}).AddKeys(h.ctx, h.db, &order, product.ID))
	}
	h.content("associations")
	got := map[string]int64{}
	for _, table := range []string{"product_orders", "orders"} {
		n, err := strata.RawAll[int64](h.ctx, h.db, "SELECT COUNT(*) FROM "+table)
		ok(h.t, err)
		got[table] = n[0]
	}
	if got["product_orders"] != int64(joins) || got["orders"] != 1 {
		h.fail(classWidened, "associations", corpus.Payload{Family: "table"}, "%d join rows and %d orders, want %d and 1", got["product_orders"], got["orders"], joins)
	}
	// Destroy each word by its key: exactly that word goes (its notes'
	// keys are set NULL or the delete is refused by the foreign key).
	byKey := map[string][]int64{} // the notes linked to each word
	for id, n := range h.notes {
		if n.WordKey != nil {
			byKey[*n.WordKey] = append(byKey[*n.WordKey], id)
		}
	}
	for start := 0; start < len(payloads); start += batchSize {
		h.tx(func(tx *strata.Tx) {
			for _, p := range payloads[start:min(start+batchSize, len(payloads))] {
				w := h.words[p.Text]
				if w == nil {
					continue
				}
				for _, id := range byKey[w.Key] {
					n := h.notes[id]
					n.WordKey = nil
					h.notes[id] = n
					ok(h.t, strata.Update(h.ctx, tx, &n, "wordKey"))
				}
				if h.call("Destroy string key", p, h.sp(tx, func(c strata.Conn) error { return strata.Destroy(h.ctx, c, w) })) {
					delete(h.words, p.Text)
				}
			}
		})
	}
	h.content("Destroy string key")
}

// linkWord links and unlinks a word's notes by its key (the payload) in
// tx, checking each step.
func (h *injection) linkWord(tx *strata.Tx, p corpus.Payload, w *Word, pair [2]Note, free int64, link func(int64, *string)) {
	key := w.Key
	write := func(entry string, fn func(c strata.Conn) error) bool {
		return h.call(entry, p, h.sp(tx, fn))
	}
	if write("HasMany AddKeys", func(c strata.Conn) error { return wordNotes.AddKeys(h.ctx, c, w, pair[0].ID) }) {
		link(pair[0].ID, &key)
	}
	has, err := wordNotes.HasKeys(h.ctx, tx, w, pair[0].ID)
	if h.call("HasMany HasKeys", p, err) && !has {
		h.fail(classMissed, "HasMany HasKeys", p, "the added note is not the word's")
	}
	has, err = wordNotes.HasKeys(h.ctx, tx, w, free)
	if h.call("HasMany HasKeys", p, err) && has {
		h.fail(classWidened, "HasMany HasKeys", p, "a note never linked is the word's")
	}
	n1 := pair[1]
	if write("BelongsTo SetKey", func(c strata.Conn) error { return noteWord.SetKey(h.ctx, c, &n1, key) }) {
		link(pair[1].ID, &key)
	}
	k, err := wordNotes.Count(h.ctx, tx, w)
	if h.call("HasMany Count", p, err) {
		h.count("HasMany Count", p, k, 2)
	}
	if write("HasMany RemoveKeys", func(c strata.Conn) error { return wordNotes.RemoveKeys(h.ctx, c, w, pair[0].ID) }) {
		link(pair[0].ID, nil)
	}
	if write("HasMany SetKeys", func(c strata.Conn) error { return wordNotes.SetKeys(h.ctx, c, w, pair[0].ID) }) {
		link(pair[0].ID, &key)
		link(pair[1].ID, nil)
	}
	got, err := wordNotes.Get(h.ctx, tx, w)
	if h.call("HasMany Get", p, err) {
		h.rows("HasMany Get", p, ids(got), map[int64]bool{pair[0].ID: true})
	}
}
