package strata_test

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/internal/corpus"
)

// errRollBack ends a transaction that only measured a Destroy.
var errRollBack = errors.New("roll back")

// whereMaps decodes where maps from JSON as a handler would — the
// payload as a value, in a list, under an operator object, as a key, and
// (when it is a JSON number, true, false or null) as a value of the wrong
// kind for a text and for an integer column — and reads and destroys with
// them. A value reads exactly the notes equal to it; an operator object
// or an unknown key is an error; a value of the wrong kind matches only
// the rows its exact conversion names, or is refused.
func (h *injection) whereMaps(payloads []corpus.Payload) {
	extra := []string{"0", "1", "-1", "0.0", "-0", "1e3", "1.5", "false", "true", "null", "2147483648", "9223372036854775807", "1e400"}
	zz := h.equalNotes("body", "zz") // the table does not change in this loop
	for _, p := range payloads {
		js, err := json.Marshal(p.Text)
		if err != nil {
			h.t.Fatal(err)
		}
		var s string // the payload as JSON gives it back (invalid UTF-8 as U+FFFD)
		if err := json.Unmarshal(js, &s); err != nil {
			h.t.Fatal(err)
		}
		j := string(js)
		want := h.equalNotes("body", s)
		h.mapRead("JSON map", p, `{"body": `+j+`}`, want)
		h.mapDestroy("Destroy JSON map", p, `{"body": `+j+`}`, want, true)
		union := map[int64]bool{}
		for id := range zz {
			union[id] = true
		}
		for id := range want {
			union[id] = true
		}
		h.mapRead("JSON map list", p, `{"body": [`+j+`, "zz"]}`, union)
		for _, doc := range []string{
			`{"body": {"$ne": ` + j + `}}`,
			`{"body": {"$or": [` + j + `]}}`,
			`{"$or": [{"body": ` + j + `}, {"tag": ` + j + `}]}`,
			`{"body->>'$.x'": ` + j + `}`,
			`{"body": {"@>": ` + j + `}}`,
			`{` + j + `: "zz"}`,
		} {
			h.mapRead("JSON map operator", p, doc, want)
		}
		h.mapRead("JSON map wrong kind", p, `{"n": `+j+`}`, h.equalN(s))
		if json.Valid([]byte(p.Text)) {
			extra = append(extra, p.Text)
		}
	}
	for _, lit := range extra {
		var v any
		if json.Unmarshal([]byte(lit), &v) != nil {
			continue
		}
		p := corpus.Payload{Family: "json-literal", Text: lit}
		var texts []string
		var n map[int64]bool
		switch x := v.(type) {
		case float64:
			texts = []string{lit, strconv.FormatFloat(x, 'f', -1, 64), strconv.FormatFloat(x, 'g', -1, 64)}
			n = h.equalN(lit)
			if x == float64(int64(x)) {
				for id := range h.equalN(strconv.FormatInt(int64(x), 10)) {
					n[id] = true
				}
			}
		case bool:
			texts = []string{lit, map[bool]string{false: "0", true: "1"}[x]}
			n = map[int64]bool{}
		case nil:
			n = map[int64]bool{}
		default:
			continue // a string, list or object: the payload loop has it
		}
		body := map[int64]bool{}
		for _, t := range texts {
			for id := range h.equalNotes("body", t) {
				body[id] = true
			}
		}
		for doc, want := range map[string]map[int64]bool{`{"body": ` + lit + `}`: body, `{"n": ` + lit + `}`: n} {
			h.mapRead("JSON map wrong kind", p, doc, want)
			h.mapDestroy("Destroy JSON map wrong kind", p, doc, want, false)
		}
	}
	h.runDestroys()
	h.content("JSON maps")
}

// equalN returns the notes whose integer column n is the number s says
// exactly (none when s is not a whole number).
func (h *injection) equalN(s string) map[int64]bool {
	out := map[int64]bool{}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		// A number in another notation ("1e3") converts exactly too.
		f, ferr := strconv.ParseFloat(s, 64)
		if ferr != nil || f != float64(int64(f)) || strings.TrimSpace(s) != s {
			return out
		}
		v = int64(f)
	}
	for id, n := range h.notes {
		if n.N == v {
			out[id] = true
		}
	}
	return out
}

// decodeWhere decodes a where map as a handler would.
func (h *injection) decodeWhere(doc string) strata.Fields {
	h.t.Helper()
	var f strata.Fields
	if err := json.Unmarshal([]byte(doc), &f); err != nil {
		h.t.Fatalf("%s: %v", doc, err)
	}
	return f
}

// mapRead reads with the decoded map: an error of strata's, or rows
// among want only (exactly want when exact).
func (h *injection) mapRead(entry string, p corpus.Payload, doc string, want map[int64]bool) {
	h.t.Helper()
	got, err := strata.Find[Note](h.db).Select("id").Where(h.decodeWhere(doc)).All(h.ctx)
	if !h.call(entry, p, err) {
		return
	}
	if entry == "JSON map" || entry == "JSON map list" {
		h.rows(entry, p, ids(got), want)
		return
	}
	for _, id := range ids(got) {
		if !want[id] {
			h.fail(classWidened, entry, p, "%s read %d rows, note %d not among the %d it names", doc, len(got), id, len(want))
			return
		}
	}
}

// destroyJob is a Destroy with a where map, run later in a batch.
type destroyJob struct {
	entry string
	p     corpus.Payload
	doc   string
	want  map[int64]bool
	exact bool
}

// mapDestroy queues a Destroy with the decoded map: it must delete
// exactly want's rows (at most them, unless exact).
func (h *injection) mapDestroy(entry string, p corpus.Payload, doc string, want map[int64]bool, exact bool) {
	h.destroys = append(h.destroys, destroyJob{entry, p, doc, want, exact})
}

// runDestroys runs the queued Destroys, each in a savepoint rolled back
// after its rows are counted, batchSize to a transaction.
func (h *injection) runDestroys() {
	h.t.Helper()
	jobs := h.destroys
	h.destroys = nil
	for start := 0; start < len(jobs); start += batchSize {
		h.tx(func(tx *strata.Tx) {
			for _, j := range jobs[start:min(start+batchSize, len(jobs))] {
				var n int64
				var derr error
				err := tx.Transaction(h.ctx, func(sp *strata.Tx) error {
					n, derr = strata.Find[Note](sp).Where(h.decodeWhere(j.doc)).Destroy(h.ctx)
					return errRollBack
				})
				if !errors.Is(err, errRollBack) {
					h.t.Fatalf("%s: the savepoint: %v", j.doc, err)
				}
				if !h.call(j.entry, j.p, derr) {
					continue
				}
				if n > int64(len(j.want)) {
					h.fail(classWidened, j.entry, j.p, "%s deleted %d rows, want %d", j.doc, n, len(j.want))
				} else if j.exact && n < int64(len(j.want)) {
					h.fail(classMissed, j.entry, j.p, "%s deleted %d rows, want %d", j.doc, n, len(j.want))
				}
			}
		})
	}
}
