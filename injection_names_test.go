package strata_test

import (
	"errors"
	"strconv"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/internal/corpus"
)

// names passes each payload, alone and after a real column ("body
// <payload>"), where strata takes a name: Order, Select, Group, Omit,
// Include and its Attributes and Order, the field list of Update, the
// keys of Query.Update and Fields, a condition's column, OnConflict,
// UpdateOnly and an aggregate's column. A name is a column of the model
// (then the call works as with that column) or a typed error; the target
// table is unchanged afterwards.
func (h *injection) names(payloads []corpus.Payload) {
	var first Note
	for _, n := range h.notes {
		if first.ID == 0 || n.ID < first.ID {
			first = n
		}
	}
	for _, p := range payloads {
		for _, name := range []string{p.Text, "body " + p.Text} {
			lim := func(entry string, q *strata.Query[Note], want int) {
				got, err := q.Limit(3).All(h.ctx)
				if h.call(entry, p, err) && want >= 0 && len(got) != want {
					h.count(entry, p, int64(len(got)), int64(want))
				}
			}
			lim("Order", strata.Find[Note](h.db).Order(name), 3)
			lim("Select", strata.Find[Note](h.db).Select(name), 3)
			lim("Group", strata.Find[Note](h.db).Select("n").Group(name), -1)
			lim("Omit", strata.Find[Note](h.db).Omit(name), 3)
			lim("Include", strata.Find[Note](h.db).Include(name), 3)
			_, err := strata.Find[Word](h.db).Include("Notes", strata.Attributes(name)).Limit(2).All(h.ctx)
			h.call("Include Attributes", p, err)
			_, err = strata.Find[Word](h.db).Include("Notes", strata.Order(name)).Limit(2).All(h.ctx)
			h.call("Include Order", p, err)
			n := first
			h.call("Update fields", p, strata.Update(h.ctx, h.db, &n, name))
			_, err = strata.Find[Note](h.db).Where(strata.Eq("id", first.ID)).Update(h.ctx, strata.Fields{name: first.Body})
			h.call("Query.Update names", p, err)
			for entry, c := range map[string]strata.Cond{
				"Fields names":    strata.Fields{name: "zz"},
				"Condition names": strata.Eq(name, "zz"),
			} {
				k, err := strata.Find[Note](h.db).Where(c).Count(h.ctx)
				if h.call(entry, p, err) {
					h.count(entry, p, k, 0)
				}
			}
			up := Note{Tag: first.Tag, Body: first.Body, N: first.N}
			h.call("OnConflict", p, strata.Upsert(h.ctx, h.db, &up, strata.OnConflict(name)))
			up = Note{Tag: first.Tag, Body: first.Body, N: first.N}
			h.call("UpdateOnly", p, strata.Upsert(h.ctx, h.db, &up, strata.OnConflict("tag"), strata.UpdateOnly(name)))
			_, err = strata.Max[int64](h.ctx, strata.Find[Note](h.db), name)
			h.call("Max", p, err)
		}
		// A value inside an include's where reads only equal notes.
		want := h.equalNotes("body", p.Text)
		words, err := strata.Find[Word](h.db).Include("Notes", strata.Where(strata.Eq("body", p.Text))).All(h.ctx)
		if h.call("Include Where", p, err) {
			for _, w := range words {
				for _, n := range w.Notes {
					if !want[n.ID] {
						h.fail(classWidened, "Include Where", p, "included note %d (%q)", n.ID, abbrev(n.Body))
					}
				}
			}
		}
	}
	h.content("names")
}

// keys: a payload as the primary key of an integer key (a typed error:
// a string is no integer key), as the whole number it spells, and as a
// string key — created, found exactly, updated alone.
func (h *injection) keys(payloads []corpus.Payload) {
	for _, p := range payloads {
		got, err := strata.Find[Note](h.db).ByPK(h.ctx, p.Text)
		if h.call("ByPK int key", p, err) {
			h.fail(classWidened, "ByPK int key", p, "the text found note %d", got.ID)
		}
		if k, err := strconv.ParseInt(p.Text, 10, 64); err == nil {
			got, err := strata.Find[Note](h.db).ByPK(h.ctx, k)
			_, exists := h.notes[k]
			switch {
			case errors.Is(err, strata.ErrNotFound) && exists:
				h.fail(classMissed, "ByPK parsed key", p, "note %d not found", k)
			case h.call("ByPK parsed key", p, err) && got.ID != k:
				h.fail(classWidened, "ByPK parsed key", p, "found note %d", got.ID)
			}
		}
	}
	for start := 0; start < len(payloads); start += batchSize {
		batch := payloads[start:min(start+batchSize, len(payloads))]
		h.tx(func(tx *strata.Tx) {
			for _, p := range batch {
				w := Word{Key: p.Text, Body: p.Text}
				if h.call("Create string key", p, h.sp(tx, func(c strata.Conn) error { return strata.Create(h.ctx, c, &w) })) {
					h.words[w.Key] = &w
				}
			}
		})
		h.content("Create string key")
		for _, p := range batch {
			want, refErr := h.wordsEqual(p.Text)
			got, err := strata.Find[Word](h.db).ByPK(h.ctx, p.Text)
			switch {
			case errors.Is(err, strata.ErrNotFound):
				h.checks++
				if len(want) > 0 {
					h.fail(classMissed, "ByPK string key", p, "not found, though %d words have the key", len(want))
				}
			case h.call("ByPK string key", p, err) && refErr == nil:
				if !want[got.Key] {
					h.fail(classWidened, "ByPK string key", p, "found word %q", abbrev(got.Key))
				} else if w := h.words[got.Key]; w == nil || w.Body != got.Body {
					h.fail(classChanged, "ByPK string key", p, "word %q reads %q", abbrev(got.Key), abbrev(got.Body))
				}
			}
		}
		h.tx(func(tx *strata.Tx) {
			for _, p := range batch {
				w := h.words[p.Text]
				if w == nil {
					continue
				}
				u := Word{Key: w.Key, Body: "u" + w.Body}
				if h.call("Update string key", p, h.sp(tx, func(c strata.Conn) error { return strata.Update(h.ctx, c, &u, "body") })) {
					w.Body = u.Body
				}
			}
		})
		h.content("Update string key")
	}
}

// wordsEqual returns the keys of the words equal to s as the database
// compares keys (see equalNotes).
func (h *injection) wordsEqual(s string) (map[string]bool, error) {
	out := map[string]bool{}
	if !h.mysql || !corpus.Storable(s) {
		if h.words[s] != nil {
			out[s] = true
		}
		return out, nil
	}
	rs, err := h.tg.DB.QueryContext(h.ctx, "SELECT "+h.q("key")+" FROM words WHERE "+h.q("key")+" = ?", s)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	for rs.Next() {
		var k string
		if err := rs.Scan(&k); err != nil {
			return nil, err
		}
		out[k] = true
	}
	return out, rs.Err()
}

// limits: a payload that parses as a whole number, as a handler reading
// ?limit= and ?offset= would pass it, to Limit, Offset, LimitPer and
// FindAndCountAll. A negative number is a typed error, never "the whole
// table"; any other reads at most that many rows.
func (h *injection) limits(payloads []corpus.Payload) {
	total := len(h.notes)
	for _, p := range payloads {
		k, err := strconv.Atoi(p.Text)
		if err != nil {
			continue // the handler refuses it before strata
		}
		want := func(n int) int {
			if k < 0 {
				return 0 // a negative limit must be refused
			}
			return n
		}
		got, err := strata.Find[Note](h.db).Select("id").Order("id").Limit(k).All(h.ctx)
		if h.call("Limit", p, err) {
			h.count("Limit", p, int64(len(got)), int64(want(min(k, total))))
		}
		got, err = strata.Find[Note](h.db).Select("id").Order("id").Offset(k).All(h.ctx)
		if h.call("Offset", p, err) {
			h.count("Offset", p, int64(len(got)), int64(want(max(0, total-k))))
		}
		got, n, err := strata.Find[Note](h.db).Select("id").Order("id").Limit(k).FindAndCountAll(h.ctx)
		if h.call("FindAndCountAll", p, err) {
			h.count("FindAndCountAll", p, int64(len(got)), int64(want(min(k, total))))
			h.count("FindAndCountAll", p, n, int64(total))
		}
		words, err := strata.Find[Word](h.db).Include("Notes", strata.LimitPer(k)).All(h.ctx)
		if h.call("LimitPer", p, err) {
			for _, w := range words {
				if len(w.Notes) > max(k, 0) {
					h.count("LimitPer", p, int64(len(w.Notes)), int64(max(k, 0)))
				}
			}
		}
	}
}
