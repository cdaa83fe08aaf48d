package strata_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/corpus"
	"github.com/strata-orm/strata/internal/dbtest"
)

// Note is the injection corpus's target table: payloads go into Body
// (TEXT) and Tag (unique: the key of Upsert and FindOrCreate); N is an
// integer column for values of the wrong kind; WordKey points at a Word
// by its string key.
type Note struct {
	ID      int64
	Body    string  `strata:",type=TEXT"`
	Tag     string  `strata:",notnull,unique,size=191"`
	N       int64   `strata:",type=BIGINT"`
	WordKey *string `strata:",size=191"`
	Word    *Word
}

// Associate: a note belongs to a word by its string key.
func (Note) Associate(a *strata.Associations) { a.BelongsTo(Word{}, strata.ForeignKey("WordKey")) }

// Word has a string primary key (payloads as keys) and notes.
type Word struct {
	Key   string `strata:",pk,size=191"`
	Body  string `strata:",type=TEXT"`
	Notes []Note
}

// Associate: a word has many notes.
func (Word) Associate(a *strata.Associations) { a.HasMany(Note{}, strata.ForeignKey("WordKey")) }

var (
	wordNotes = strata.HasMany[Word, Note]("Notes")
	noteWord  = strata.BelongsTo[Note, Word]("Word")
)

// Failure classes of the injection corpus.
const (
	classWidened = "widened" // more rows read or written than the payload names
	classUntyped = "untyped" // an error none of strata's types recognises
	classChanged = "changed" // what was read back is not what was written
	classMissed  = "missed"  // fewer rows than the payload names, or a write lost
)

// injection runs the corpus through strata on one database and counts
// what held and what failed, by class and entry point.
type injection struct {
	t       *testing.T
	ctx     context.Context
	tg      *dialecttest.Target
	db      *strata.DB
	q       func(string) string
	mysql   bool
	checks  int
	entries map[string]bool
	fails   map[string]map[string]int // class → entry point → failures
	typed   int                       // typed refusals
	byDB    int                       // … of which the database refused (*DatabaseError)

	dbRefused map[string]int // entry point → refusals by the database

	destroys []destroyJob             // Destroys with where maps, to run in a batch
	cur      *strata.Tx               // the transaction equalNotes asks in, if any
	spent    map[string]time.Duration // time since the previous check, by entry point
	last     time.Time

	notes map[int64]Note   // what notes should hold
	words map[string]*Word // what words should hold
}

func newInjection(t *testing.T, tg *dialecttest.Target) *injection {
	db := shop(t, tg, strata.WithModels(Note{}, Word{}))
	ctx, cancel := context.WithTimeout(context.Background(), 9*time.Minute)
	t.Cleanup(cancel)
	return &injection{
		t: t, ctx: ctx, tg: tg, db: db, q: tg.Dialect.Quote, mysql: tg.Dialect.Name() == "mysql",
		entries: map[string]bool{}, fails: map[string]map[string]int{},
		notes: map[int64]Note{}, words: map[string]*Word{}, spent: map[string]time.Duration{}, dbRefused: map[string]int{},
	}
}

// fail records a failure; the first three of each class and entry point
// are reported one by one, the rest in the summary.
func (h *injection) fail(class, entry string, p corpus.Payload, format string, args ...any) {
	h.t.Helper()
	m := h.fails[class]
	if m == nil {
		m = map[string]int{}
		h.fails[class] = m
	}
	m[entry]++
	if m[entry] <= 3 {
		h.t.Errorf("%s: %s, payload %q (%s): %s", class, entry, p.Short(), p.Family, fmt.Sprintf(format, args...))
	}
}

// call counts one check of entry and judges its error: nil is true (the
// caller checks the result), a typed error is a refusal that holds, any
// other error fails as untyped.
func (h *injection) call(entry string, p corpus.Payload, err error) bool {
	h.t.Helper()
	h.checks++
	h.entries[entry] = true
	now := time.Now()
	if !h.last.IsZero() {
		h.spent[entry] += now.Sub(h.last)
	}
	h.last = now
	if err == nil {
		return true
	}
	if typedError(err) {
		h.typed++
		var de *strata.DatabaseError
		if errors.As(err, &de) {
			h.byDB++
			h.dbRefused[entry]++
		}
		return false
	}
	h.fail(classUntyped, entry, p, "%T: %v", err, err)
	return false
}

// sentinels are strata's errors matched with errors.Is.
var sentinels = []error{strata.ErrNotFound, strata.ErrMissingWhere, strata.ErrValue, strata.ErrEmptyCondition}

// typedError reports an error a program can recognise: one of strata's
// sentinels, or an error of a type declared in a strata package anywhere
// in its chain (*DatabaseError, *ValidationError, *UnknownColumnError,
// *PKTypeError …). A bare fmt error or a driver error is not.
func typedError(err error) bool {
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	var walk func(error) bool
	walk = func(e error) bool {
		if e == nil {
			return false
		}
		t := reflect.TypeOf(e)
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if strings.HasPrefix(t.PkgPath(), "github.com/strata-orm/strata") {
			return true
		}
		switch u := e.(type) {
		case interface{ Unwrap() error }:
			return walk(u.Unwrap())
		case interface{ Unwrap() []error }:
			for _, x := range u.Unwrap() {
				if walk(x) {
					return true
				}
			}
		}
		return false
	}
	return walk(err)
}

// rows compares the ids a read returned with the ids it should have:
// extra ids widen, missing ones miss.
func (h *injection) rows(entry string, p corpus.Payload, got []int64, want map[int64]bool) {
	h.t.Helper()
	var extra, missing int
	seen := map[int64]bool{}
	for _, id := range got {
		if !want[id] || seen[id] {
			extra++
		}
		seen[id] = true
	}
	for id := range want {
		if !seen[id] {
			missing++
		}
	}
	if extra > 0 {
		h.fail(classWidened, entry, p, "%d rows read, %d of them not the payload's (want %d)", len(got), extra, len(want))
	} else if missing > 0 {
		h.fail(classMissed, entry, p, "%d rows read, want %d", len(got), len(want))
	}
}

// count compares a count with the one expected.
func (h *injection) count(entry string, p corpus.Payload, got, want int64) {
	h.t.Helper()
	if got > want {
		h.fail(classWidened, entry, p, "%d rows, want %d", got, want)
	} else if got < want {
		h.fail(classMissed, entry, p, "%d rows, want %d", got, want)
	}
}

// equalNotes returns the notes whose column col ("body" or "tag") equals
// s as the database compares text: byte for byte on SQLite and
// PostgreSQL, computed in Go from what was written; by the column's
// collation on MySQL/MariaDB (case, accents and trailing spaces aside),
// asked through database/sql with s bound as a string. Text no column
// stores (NUL, invalid UTF-8) equals only what was written byte for byte.
// Inside h.cur the question is asked in that transaction.
func (h *injection) equalNotes(col, s string) map[int64]bool {
	h.t.Helper()
	out := map[int64]bool{}
	if !h.mysql || !corpus.Storable(s) {
		for id, n := range h.notes {
			if (col == "body" && n.Body == s) || (col == "tag" && n.Tag == s) {
				out[id] = true
			}
		}
		return out
	}
	var rs *sql.Rows
	var err error
	if h.cur != nil {
		rs, err = h.cur.SQL().QueryContext(h.ctx, "SELECT id FROM notes WHERE "+h.q(col)+" = ?", s)
	} else {
		rs, err = h.tg.DB.QueryContext(h.ctx, "SELECT id FROM notes WHERE "+h.q(col)+" = ?", s)
	}
	if err != nil {
		return out // the database refuses the text: no row is equal
	}
	defer rs.Close()
	for rs.Next() {
		var id int64
		if err := rs.Scan(&id); err != nil {
			h.t.Fatal(err)
		}
		out[id] = true
	}
	if err := rs.Err(); err != nil {
		h.t.Fatal(err)
	}
	return out
}

// ph is the n-th placeholder of a statement sent through database/sql.
func (h *injection) ph(n int) string {
	if h.tg.Dialect.Name() == "postgres" {
		return fmt.Sprintf("$%d", n)
	}
	return "?"
}

// reference runs a query through database/sql directly (the driver with
// the payload bound as a string): what the database itself answers.
func (h *injection) reference(sqlText string, args ...any) (map[int64]bool, error) {
	rs, err := h.tg.DB.QueryContext(h.ctx, sqlText, args...)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	out := map[int64]bool{}
	for rs.Next() {
		var id int64
		if err := rs.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rs.Err()
}

// ids returns the ids of notes.
func ids(ns []Note) []int64 {
	out := make([]int64, len(ns))
	for i, n := range ns {
		out[i] = n.ID
	}
	return out
}

// content compares every note and word in the database with what the
// test wrote (the target tables' whole content): a row too many, one
// missing or one changed fails.
func (h *injection) content(entry string) {
	h.t.Helper()
	p := corpus.Payload{Family: "table", Text: entry}
	got := map[int64]Note{}
	rs, err := h.tg.DB.QueryContext(h.ctx, "SELECT id, body, tag, n, "+h.q("wordKey")+" FROM notes")
	if err != nil {
		h.t.Fatal(err)
	}
	for rs.Next() {
		var n Note
		if err := rs.Scan(&n.ID, &n.Body, &n.Tag, &n.N, &n.WordKey); err != nil {
			h.t.Fatal(err)
		}
		got[n.ID] = n
	}
	rs.Close()
	for id, n := range got {
		w, ok := h.notes[id]
		switch {
		case !ok:
			h.fail(classWidened, entry, p, "note %d (%q) should not exist", id, abbrev(n.Body))
		case w.Body != n.Body || w.Tag != n.Tag || w.N != n.N || !eqPtr(w.WordKey, n.WordKey):
			h.fail(classChanged, entry, p, "note %d holds body %q tag %q n %d word %v, want %q %q %d %v", id,
				abbrev(n.Body), abbrev(n.Tag), n.N, showKey(n.WordKey), abbrev(w.Body), abbrev(w.Tag), w.N, showKey(w.WordKey))
		}
	}
	for id := range h.notes {
		if _, ok := got[id]; !ok {
			h.fail(classMissed, entry, p, "note %d is missing", id)
		}
	}
	words := map[string]string{}
	rs, err = h.tg.DB.QueryContext(h.ctx, "SELECT "+h.q("key")+", body FROM words")
	if err != nil {
		h.t.Fatal(err)
	}
	for rs.Next() {
		var k, b string
		if err := rs.Scan(&k, &b); err != nil {
			h.t.Fatal(err)
		}
		words[k] = b
	}
	rs.Close()
	for k, b := range words {
		if w, ok := h.words[k]; !ok {
			h.fail(classWidened, entry, p, "word %q should not exist", abbrev(k))
		} else if w.Body != b {
			h.fail(classChanged, entry, p, "word %q holds %q, want %q", abbrev(k), abbrev(b), abbrev(w.Body))
		}
	}
	for k := range h.words {
		if _, ok := words[k]; !ok {
			h.fail(classMissed, entry, p, "word %q is missing", abbrev(k))
		}
	}
}

func eqPtr(a, b *string) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

func showKey(s *string) string {
	if s == nil {
		return "NULL"
	}
	return fmt.Sprintf("%q", abbrev(*s))
}

// canaryHash is the hash of the canary table and of the shop's users,
// which no entry point writes: any change is an injected statement.
func canaryHash(t *testing.T, tg *dialecttest.Target) string {
	t.Helper()
	h := sha256.New()
	for _, sqlText := range []string{"SELECT id, value FROM canaries ORDER BY id", "SELECT id, email FROM users ORDER BY id"} {
		rs, err := tg.DB.QueryContext(testCtx(t), sqlText)
		if err != nil {
			t.Fatalf("the canary is unreadable: %v", err)
		}
		for rs.Next() {
			var id int64
			var v string
			if err := rs.Scan(&id, &v); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(h, "%d\x00%s\x00", id, v)
		}
		rs.Close()
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// summary reports the failures by class and entry point and returns the
// figure's counts.
func (h *injection) summary() string {
	var classes []string
	for c := range h.fails {
		classes = append(classes, c)
	}
	sort.Strings(classes)
	total := func(c string) int {
		n := 0
		for _, k := range h.fails[c] {
			n += k
		}
		return n
	}
	for _, c := range classes {
		var parts []string
		for e, n := range h.fails[c] {
			parts = append(parts, fmt.Sprintf("%s %d", e, n))
		}
		slices.Sort(parts)
		h.t.Errorf("%s: %d failures (%s)", c, total(c), strings.Join(parts, ", "))
	}
	return fmt.Sprintf("%d widened, %d untyped, %d changed, %d missed (%d typed refusals, %d by the database)",
		total(classWidened), total(classUntyped), total(classChanged), total(classMissed), h.typed, h.byDB)
}

// TestReliabilityInjectionCorpus drives the injection corpus (RELIABILITY
// 27: internal/corpus, more than 1,000 payloads and the long ones)
// through every entry point of the library that takes user input —
// values of every write and condition, where maps decoded from JSON,
// names for Order/Select/Group/Include and field lists, primary keys,
// limits parsed from text, association helpers — on every dialect, with
// a canary table that must not change. Every call either round-trips the
// payload byte for byte (read back and compared with what the test
// wrote) or returns an error of strata's types; a read matches exactly
// the rows whose value equals the payload.
func TestReliabilityInjectionCorpus(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		h := newInjection(t, tg)
		canary := []Canary{{Value: "one"}, {Value: "'; DROP TABLE canaries; --"}, {Value: "three"}}
		ok(t, strata.BulkCreate(h.ctx, h.db, canary))
		ok(t, strata.Create(h.ctx, h.db, &User{LastName: "Canary", Email: "canary@shop.test"}))
		before := canaryHash(t, tg)

		payloads := corpus.All()
		long := corpus.Long()
		if testing.Short() {
			payloads = corpus.Sample(payloads, 4)
			long = long[:5] // the 64 KiB ones only
		}
		for _, phase := range []struct {
			name string
			run  func()
		}{
			{"values", func() { h.values(payloads, long) }},
			{"where maps", func() { h.whereMaps(payloads) }},
			{"names", func() { h.names(payloads) }},
			{"keys", func() { h.keys(payloads) }},
			{"associations", func() { h.associations(payloads) }},
			{"limits", func() { h.limits(payloads) }},
		} {
			start, checks := time.Now(), h.checks
			phase.run()
			t.Logf("%s: %d checks in %v", phase.name, h.checks-checks, time.Since(start).Round(time.Millisecond))
		}
		h.content("the end")
		var slow []string
		for e, d := range h.spent {
			slow = append(slow, fmt.Sprintf("%08d %s %v", d.Milliseconds(), e, d.Round(time.Millisecond)))
		}
		slices.Sort(slow)
		slices.Reverse(slow)
		for i := range slow {
			slow[i] = slow[i][9:]
		}
		var refused []string
		for e, n := range h.dbRefused {
			refused = append(refused, fmt.Sprintf("%s %d", e, n))
		}
		slices.Sort(refused)
		t.Logf("refused by the database (typed, after SQL): %s", strings.Join(refused, ", "))
		t.Logf("time by entry point: %s", strings.Join(slow[:min(12, len(slow))], ", "))

		state := "canary unchanged"
		if canaryHash(t, tg) != before {
			state = "CANARY CHANGED"
			t.Errorf("the canary table or users changed")
		}
		t.Logf("figure: %d payloads × %d entry points = %d checks, %s, %s",
			len(payloads)+len(long), len(h.entries), h.checks, h.summary(), state)
	})
}
