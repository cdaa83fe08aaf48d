package strata_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
)

// injectionCorpus is RELIABILITY 27's payloads: quotes, backslashes,
// comment markers, semicolons, dollar quotes, placeholders, NUL, invalid
// UTF-8, and long strings, each alone and in a few wrappings.
func injectionCorpus() []string {
	base := []string{
		"'", "''", `"`, "`", `\`, `\'`, `\\'`, "--", "-- x", "/*", "*/", "/* x */", ";",
		"; DROP TABLE canaries; --", "'; DELETE FROM canaries; --", "$$", "$tag$", "$a$ x $a$", "$1", "?", "??", ":name",
		`E'\\'`, "\n", "\r\n", "\t", "\x00", "a\x00b", "ʼ", "\xbf\x27", "\xed\xa0\x80", "😀", "%", "_", "\x1a",
		"NULL", " ", "  x  ", "1 OR 1=1", "' OR '1'='1", `" OR ""="`, `\x27`, "0x27", "%27", "&#39;",
		"${x}", ")", "(", "::text", "' || (SELECT 1) || '", "x'); DROP TABLE users; --", "#", "# x\n",
		"\u2028", "\ufeff", "ß", "İ",
	}
	var out []string
	for _, b := range base {
		out = append(out, b, "x"+b+"y", b+b, "'"+b, b+"--", "\\"+b)
	}
	return append(out,
		strings.Repeat("a", 60000),
		strings.Repeat("'", 60000),
		strings.Repeat("😀", 15000),
		strings.Repeat(`\'; --`, 10000),
	)
}

func TestInjectionCorpus(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := shop(t, tg)
		canary := []Canary{{Value: "one"}, {Value: "two"}}
		if err := strata.BulkCreate(ctx, db, canary); err != nil {
			t.Fatal(err)
		}
		users := must(strata.Find[User](db).Count(ctx))(t)
		at := time.Date(2024, 2, 3, 4, 5, 6, 0, time.UTC)
		corpus := injectionCorpus()
		var checks, refused, rows int
		// refusedOK accepts a typed refusal from the database.
		refusedOK := func(what string, i int, err error) bool {
			var de *strata.DatabaseError
			if errors.As(err, &de) {
				refused++
				return true
			}
			// NUL and invalid UTF-8 are refused before SQL on every
			// database (PostgreSQL cannot store them, SQLite would).
			if badText(corpus[i]) && fieldFailed(err, "Text", "text") {
				refused++
				return true
			}
			t.Errorf("%s, payload %d %q: %T %v", what, i, abbrev(corpus[i]), err, err)
			return false
		}
		readBack := func(what string, i int, id int64, want string) {
			t.Helper()
			checks++
			got, err := strata.Find[Sample](db).ByPK(ctx, id)
			if err != nil {
				t.Errorf("%s, payload %d: read back: %v", what, i, err)
				return
			}
			if got.Text != want {
				t.Errorf("%s, payload %d: wrote %q, read %q", what, i, abbrev(want), abbrev(got.Text))
			}
		}
		for i, p := range corpus {
			// Create.
			s := Sample{Tag: fmt.Sprintf("c%d", i), Text: p, Dec: "0", At: at}
			if err := strata.Create(ctx, db, &s); err != nil {
				refusedOK("Create", i, err)
				continue
			}
			if badText(p) {
				t.Errorf("Create, payload %d %q: text PostgreSQL cannot store was stored", i, abbrev(p))
			}
			rows++
			readBack("Create", i, s.ID, p)
			// Every condition form finds exactly that row.
			for name, cond := range map[string]strata.Cond{
				"Eq":     strata.Eq("text", p),
				"In":     strata.In("text", []string{p, "other"}),
				"Fields": strata.Fields{"text": p},
				"Raw":    strata.Raw(tg.Dialect.Quote("text")+" = ?", p),
				"Like":   strata.Or(strata.Like("text", p), strata.Eq("text", p)),
				"Ne":     strata.Not(strata.Ne("text", p)),
			} {
				checks++
				n, err := strata.Find[Sample](db).Where(cond, strata.Eq("id", s.ID)).Count(ctx)
				if name == "Like" && err != nil {
					// The payload is a LIKE pattern here: a database may refuse
					// one ending in an escape or too long to match.
					refusedOK("Where Like", i, err)
					continue
				}
				if err != nil || n != 1 {
					t.Errorf("Where %s, payload %d %q: %d rows, %v", name, i, abbrev(p), n, err)
				}
			}
			raw, err := strata.RawAll[string](ctx, db, "SELECT "+tg.Dialect.Quote("text")+" FROM samples WHERE id = ? AND "+tg.Dialect.Quote("text")+" = ?", s.ID, p)
			checks++
			if err != nil || len(raw) != 1 || raw[0] != p {
				t.Errorf("RawAll, payload %d: %d rows, %v", i, len(raw), err)
			}
			// Update, query Update, Upsert, Exec.
			s.Text = "u" + p
			if err := strata.Update(ctx, db, &s, "text"); err != nil {
				refusedOK("Update", i, err)
			} else {
				readBack("Update", i, s.ID, "u"+p)
			}
			if _, err := strata.Find[Sample](db).Where(strata.Eq("id", s.ID)).Update(ctx, strata.Fields{"text": p + "q"}); err != nil {
				refusedOK("Query.Update", i, err)
			} else {
				readBack("Query.Update", i, s.ID, p+"q")
			}
			up := Sample{Tag: s.Tag, Text: p, Dec: "1", At: at}
			if err := strata.Upsert(ctx, db, &up, strata.OnConflict("tag")); err != nil {
				refusedOK("Upsert", i, err)
			} else {
				if up.ID != s.ID {
					t.Errorf("Upsert, payload %d: id %d, want %d", i, up.ID, s.ID)
				}
				readBack("Upsert", i, s.ID, p)
			}
			if _, err := strata.Exec(ctx, db, "UPDATE samples SET "+tg.Dialect.Quote("text")+" = ? WHERE id = ?", "e"+p, s.ID); err != nil {
				refusedOK("Exec", i, err)
			} else {
				readBack("Exec", i, s.ID, "e"+p)
			}
			// FindOrCreate on a unique column holding the payload.
			if len(p) < 200 {
				key := fmt.Sprintf("f%d:%s", i, p)
				got, created, err := strata.Find[Sample](db).Where(strata.Eq("tag", key)).FindOrCreate(ctx, &Sample{Dec: "0", At: at, Text: p})
				if err != nil {
					refusedOK("FindOrCreate", i, err)
				} else {
					checks++
					rows++
					if !created || got.Tag != key || got.Text != p {
						t.Errorf("FindOrCreate, payload %d: created %v, tag %q", i, created, abbrev(got.Tag))
					}
				}
			}
		}
		// BulkCreate of the whole corpus where the database stores it.
		var bulk []Sample
		for i, p := range corpus {
			if badText(p) {
				continue
			}
			bulk = append(bulk, Sample{Tag: fmt.Sprintf("b%d", i), Text: p, Dec: "0", At: at})
		}
		if err := strata.BulkCreate(ctx, db, bulk); err != nil {
			refusedOK("BulkCreate", 0, err)
		} else {
			rows += len(bulk)
			for i, s := range bulk {
				readBack("BulkCreate", i, s.ID, s.Text)
			}
		}
		if got := canaries(t, db); fmt.Sprint(got) != "[one two]" {
			t.Errorf("canary changed: %v", got)
		}
		if n := must(strata.Find[User](db).Count(ctx))(t); n != users {
			t.Errorf("users: %d, want %d", n, users)
		}
		if n := must(strata.Find[Sample](db).Count(ctx))(t); n != int64(rows) {
			t.Errorf("samples: %d rows, want %d", n, rows)
		}
		t.Logf("%s: %d payloads, %d checks, %d typed refusals", tg.Dialect.Name(), len(corpus), checks, refused)
	})
}

// badText reports text with NUL or invalid UTF-8, which no column takes.
func badText(s string) bool {
	return strings.ContainsRune(s, 0) || strings.ToValidUTF8(s, "\uFFFD") != s
}

func abbrev(s string) string {
	if len(s) > 40 {
		return s[:37] + "..."
	}
	return s
}
