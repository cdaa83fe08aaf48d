package strata_test

import (
	"errors"
	"fmt"
	"slices"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/internal/corpus"
)

// batchSize is how many payloads one transaction writes.
const batchSize = 100

// tx runs fn in one transaction, committed whatever fn's calls returned
// (each call that may fail runs in sp).
func (h *injection) tx(fn func(tx *strata.Tx)) {
	h.t.Helper()
	if err := h.db.Transaction(h.ctx, func(tx *strata.Tx) error { fn(tx); return nil }); err != nil {
		h.t.Fatalf("commit: %v", err)
	}
}

// sp runs one call of a batch: in a savepoint on PostgreSQL, where a
// failed statement would abort the whole transaction; directly elsewhere,
// where a failed statement changes nothing.
func (h *injection) sp(tx *strata.Tx, fn func(c strata.Conn) error) error {
	if h.tg.Dialect.Name() != "postgres" {
		return fn(tx)
	}
	return tx.Transaction(h.ctx, func(sp *strata.Tx) error { return fn(sp) })
}

// values drives the payloads through every write and every condition
// that takes a value, in batches: Create and BulkCreate, then the reads,
// then Update, Query.Update, Save, Exec, Upsert and FindOrCreate, the
// target table compared with what was written after each round.
func (h *injection) values(payloads, long []corpus.Payload) {
	all := append(slices.Clone(payloads), long...)
	for start := 0; start < len(all); start += batchSize {
		h.valuesBatch(start, all[start:min(start+batchSize, len(all))])
	}
	// The long payloads' rows go (a Destroy with each as the value), so
	// the later phases scan a table of short rows.
	for _, p := range long {
		want := h.equalNotes("body", p.Text)
		n, err := strata.Find[Note](h.db).Where(strata.Eq("body", p.Text)).Destroy(h.ctx)
		if h.call("Destroy", p, err) {
			h.count("Destroy", p, n, int64(len(want)))
			for id := range want {
				delete(h.notes, id)
			}
		}
	}
	for id, n := range h.notes {
		if len(n.Body) > 1000 {
			_, err := h.tg.DB.ExecContext(h.ctx, "DELETE FROM notes WHERE id = "+h.ph(1), id)
			ok(h.t, err)
			delete(h.notes, id)
		}
	}
	h.content("Destroy")
}

func (h *injection) valuesBatch(base int, batch []corpus.Payload) {
	made := make([]int64, len(batch)) // the note each payload created, 0 when refused
	var bulkIDs []int64
	h.tx(func(tx *strata.Tx) {
		for i, p := range batch {
			n := Note{Body: p.Text, Tag: fmt.Sprintf("c%d", base+i), N: int64(base + i)}
			if h.call("Create", p, h.sp(tx, func(c strata.Conn) error { return strata.Create(h.ctx, c, &n) })) {
				h.notes[n.ID] = Note{ID: n.ID, Body: n.Body, Tag: n.Tag, N: n.N}
				made[i] = n.ID
			}
		}
		// BulkCreate of the whole batch: refused as a whole when one
		// payload is; then of the payloads Create took.
		bulk := func(which func(i int) bool) []Note {
			var rows []Note
			for i, p := range batch {
				if which(i) {
					rows = append(rows, Note{Body: p.Text, Tag: fmt.Sprintf("b%d", base+i), N: int64(base + i)})
				}
			}
			return rows
		}
		p := corpus.Payload{Family: "batch", Text: fmt.Sprintf("payloads %d to %d", base, base+len(batch)-1)}
		rows := bulk(func(int) bool { return true })
		if !h.call("BulkCreate", p, h.sp(tx, func(c strata.Conn) error { return strata.BulkCreate(h.ctx, c, rows) })) {
			rows = bulk(func(i int) bool { return made[i] != 0 })
			if len(rows) == 0 || !h.call("BulkCreate", p, h.sp(tx, func(c strata.Conn) error { return strata.BulkCreate(h.ctx, c, rows) })) {
				rows = nil
			}
		}
		for _, n := range rows {
			h.notes[n.ID] = n
		}
		bulkIDs = ids(rows)
	})
	h.content("Create/BulkCreate")
	// The bulk rows go again (a Destroy by their ids), so the reads scan
	// one row per payload.
	if len(bulkIDs) > 0 {
		p := corpus.Payload{Family: "batch", Text: fmt.Sprintf("bulk rows of payloads %d to %d", base, base+len(batch)-1)}
		n, err := strata.Find[Note](h.db).Where(strata.In("id", bulkIDs)).Destroy(h.ctx)
		if h.call("Destroy", p, err) {
			h.count("Destroy", p, n, int64(len(bulkIDs)))
			for _, id := range bulkIDs {
				delete(h.notes, id)
			}
		}
	}

	zz := h.equalNotes("body", "zz") // the reads change nothing
	for _, p := range batch {
		h.reads(p, zz)
	}

	// One round per write: each payload's note rewritten, then the table
	// compared with what the test wrote.
	rounds := []struct {
		entry string
		write func(c strata.Conn, n Note, p string) (Note, error)
	}{
		{"Update", func(c strata.Conn, n Note, p string) (Note, error) {
			n.Body = "u" + p
			return n, strata.Update(h.ctx, c, &n, "body")
		}},
		{"Query.Update", func(c strata.Conn, n Note, p string) (Note, error) {
			k, err := strata.Find[Note](c).Where(strata.Eq("id", n.ID)).Update(h.ctx, strata.Fields{"body": p + "q"})
			if err == nil && k != 1 {
				err = fmt.Errorf("%w: %d rows updated, want 1", errWidened, k)
			}
			n.Body = p + "q"
			return n, err
		}},
		{"Save", func(c strata.Conn, n Note, p string) (Note, error) {
			n.Body = "s" + p
			return n, strata.Save(h.ctx, c, &n)
		}},
		{"Exec", func(c strata.Conn, n Note, p string) (Note, error) {
			res, err := strata.Exec(h.ctx, c, "UPDATE notes SET body = ? WHERE id = ?", "e"+p, n.ID)
			if err == nil {
				if k, _ := res.RowsAffected(); k != 1 {
					err = fmt.Errorf("%w: %d rows updated, want 1", errWidened, k)
				}
			}
			n.Body = "e" + p
			return n, err
		}},
		{"Upsert", func(c strata.Conn, n Note, p string) (Note, error) {
			up := Note{Tag: n.Tag, Body: p, N: n.N}
			err := strata.Upsert(h.ctx, c, &up, strata.OnConflict("tag"))
			if err == nil && up.ID != 0 && up.ID != n.ID {
				err = fmt.Errorf("%w: Upsert on tag %q gave note %d, want %d", errWidened, n.Tag, up.ID, n.ID)
			}
			n.Body = p
			return n, err
		}},
	}
	for _, r := range rounds {
		h.tx(func(tx *strata.Tx) {
			for i, p := range batch {
				if made[i] == 0 {
					continue
				}
				n, err := r.write(tx, h.notes[made[i]], p.Text)
				if h.wrote(r.entry, p, err) {
					h.notes[n.ID] = n
				}
			}
		})
		h.content(r.entry)
	}

	// FindOrCreate on the unique tag, the tag being the payload.
	h.tx(func(tx *strata.Tx) {
		h.cur = tx
		defer func() { h.cur = nil }()
		for _, p := range batch {
			want := h.equalNotes("tag", p.Text)
			var got *Note
			var created bool
			err := h.sp(tx, func(c strata.Conn) (err error) {
				got, created, err = strata.Find[Note](c).Where(strata.Eq("tag", p.Text)).FindOrCreate(h.ctx, &Note{Body: p.Text, N: -1})
				return err
			})
			if !h.call("FindOrCreate", p, err) {
				continue
			}
			switch {
			case created && len(want) > 0:
				h.fail(classMissed, "FindOrCreate", p, "created a note though %d have the tag", len(want))
			case !created && !want[got.ID]:
				h.fail(classWidened, "FindOrCreate", p, "found note %d (tag %q), not one with the payload's tag", got.ID, abbrev(got.Tag))
			case created && (got.Tag != p.Text || got.Body != p.Text):
				h.fail(classChanged, "FindOrCreate", p, "created tag %q body %q", abbrev(got.Tag), abbrev(got.Body))
			}
			if created {
				h.notes[got.ID] = Note{ID: got.ID, Body: p.Text, Tag: p.Text, N: -1}
			}
		}
	})
	h.content("FindOrCreate")
}

// errWidened marks a write that reported more rows than it should touch.
var errWidened = errors.New("widened write")

// wrote judges a write: a widened one fails as such.
func (h *injection) wrote(entry string, p corpus.Payload, err error) bool {
	h.t.Helper()
	if err != nil && errors.Is(err, errWidened) {
		h.checks++
		h.entries[entry] = true
		h.fail(classWidened, entry, p, "%v", err)
		return true // the write happened: the test's copy follows it
	}
	return h.call(entry, p, err)
}

// reads runs every condition that takes the payload as a value and
// compares the rows with the notes whose body equals it.
func (h *injection) reads(p corpus.Payload, zz map[int64]bool) {
	want := h.equalNotes("body", p.Text)
	find := func(entry string, c strata.Cond, want map[int64]bool) {
		got, err := strata.Find[Note](h.db).Select("id").Where(c).All(h.ctx)
		if h.call(entry, p, err) {
			h.rows(entry, p, ids(got), want)
		}
	}
	find("Where Eq", strata.Eq("body", p.Text), want)
	find("Fields", strata.Fields{"body": p.Text}, want)
	find("Raw cond", strata.Raw(h.q("body")+" = ?", p.Text), want)
	union := map[int64]bool{}
	for id := range zz {
		union[id] = true
	}
	for id := range want {
		union[id] = true
	}
	find("Where In", strata.In("body", []string{p.Text, "zz"}), union)
	got, err := strata.RawAll[int64](h.ctx, h.db, "SELECT id FROM notes WHERE "+h.q("body")+" = ?", p.Text)
	if h.call("RawAll", p, err) {
		h.rows("RawAll", p, got, want)
	}
	total := int64(len(h.notes))
	for entry, c := range map[string]strata.Cond{
		"Where Ne":  strata.Ne("body", p.Text),
		"Where Not": strata.Not(strata.Eq("body", p.Text)),
	} {
		n, err := strata.Find[Note](h.db).Where(c).Count(h.ctx)
		if h.call(entry, p, err) {
			h.count(entry, p, n, total-int64(len(want)))
		}
	}
	// LIKE takes the payload as a pattern: the rows are those the
	// database itself matches with the pattern bound through
	// database/sql.
	likeWant, refErr := h.reference("SELECT id FROM notes WHERE "+h.q("body")+" LIKE "+h.ph(1), p.Text)
	gotLike, err := strata.Find[Note](h.db).Select("id").Where(strata.Like("body", p.Text)).All(h.ctx)
	if h.call("Where Like", p, err) && refErr == nil {
		h.rows("Where Like", p, ids(gotLike), likeWant)
	}
}
