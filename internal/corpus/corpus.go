// Package corpus generates the injection corpus of the reliability suite
// (RELIABILITY 27): hostile strings in families (quotes, backslashes,
// comment markers, stacked statements, dollar quotes, E-string escapes, NUL and
// other control bytes, homoglyphs, invalid UTF-8, JSON operators, LIKE
// wildcards, placeholder markers, numbers as text, SQL keywords), each
// alone, in wrappings and mixed with the next family, plus very long
// strings. The corpus is deterministic: the same payloads in the same
// order on every run, so a failure names a payload by its index.
package corpus

import (
	"strings"
	"unicode/utf8"
)

// Payload is one hostile string and the family it was made from.
type Payload struct {
	Family string
	Text   string
}

// Storable reports whether every database can store the text: valid
// UTF-8 without NUL (PostgreSQL refuses both in text columns).
func (p Payload) Storable() bool { return Storable(p.Text) }

// Storable reports text that is valid UTF-8 without NUL.
func Storable(s string) bool { return utf8.ValidString(s) && !strings.ContainsRune(s, 0) }

// Short abbreviates the text for messages: at most 40 bytes, quoted.
func (p Payload) Short() string {
	s := p.Text
	if len(s) > 40 {
		s = s[:37] + "..."
	}
	return strings.ToValidUTF8(strings.ReplaceAll(s, "\x00", `\0`), "\uFFFD")
}

// family is a name and its atoms.
type family struct {
	name  string
	atoms []string
}

var families = []family{
	{"quote", []string{"'", "''", `"`, "`", "'''", `'"`, "' OR '1'='1", `" OR ""="`, "' OR 1=1 --", "admin'--", "')", "'))", "x' AND 'a'='a", "'+'", "'||'"}},
	{"backslash", []string{`\`, `\\`, `\'`, `\"`, `\\'`, `\0`, `\n`, `\x27`, `\u0027`, `\Z`, `\%`, `\_`, `\\\`}},
	{"comment", []string{"--", "-- x", "--\n", "#", "# x\n", "/*", "*/", "/* x */", "/**/", "/*! 1 */", "/*!50000 UNION SELECT 1 */", "/*M! , 1 */", "--\x7f", "-- '", "/* ' */", "*/ '"}},
	{"stacked", []string{";", "; SELECT 1", "'; DROP TABLE canaries; --", "; DELETE FROM canaries; --", "1; UPDATE canaries SET value = 'x'", "'; INSERT INTO canaries (value) VALUES ('pwned'); --", ");--", "');--", "; COMMIT; DROP TABLE canaries"}},
	{"dollar", []string{"$$", "$tag$", "$a$ x $a$", "$$; DROP TABLE canaries; $$", "$1$", "$_$", "$$'$$", "$x$'$y$"}},
	{"escape-string", []string{"E''", `E'\''`, `e'\\'`, `E'\x27'`, `U&'\0027'`, `N'x'`, `_utf8'x'`, `x'27'`, `B'1'`}},
	{"nul", []string{"\x00", "a\x00b", "\x00'", "'\x00--", "\x00\x00"}},
	{"control", []string{"\n", "\r\n", "\t", "\r", "\x1a", "\x08", "\x1b", "\v", "\f", "\x01", "\u2028", "\u2029", "\u0085"}},
	{"del", []string{"\x7f", "a\x7fb", "'\x7f", "\x7f--"}},
	{"homoglyph", []string{"\u02bc", "\uff07", "\u2019", "\u2018", "\uff02", "\uff3c", "\uff1b", "\ufe63", "\u02bc OR \u02bc1\u02bc=\u02bc1", "\u0130", "\u00df", "\ufeff", "\u200b", "e\u0301", "\u202e", "😀", "👩‍💻", "\u00a0"}},
	{"invalid-utf8", []string{"\xbf\x27", "\xed\xa0\x80", "\xed\xbf\xbf", "\xc0\x27", "\xc0\xaf", "\xff", "\xfe", "\x80", "\xe0\x80\xa7", "\xf4\x90\x80\x80", "a\xffb"}},
	{"json-operator", []string{"$ne", "$or", "$gt", "$where", `{"$ne": null}`, `{"$or": [{}]}`, "->", "->>", "#>", "#>>", "@>", "<@", "?|", "?&", "[]", "{}", "null", "true"}},
	{"like", []string{"%", "_", "%%", "%_%", "a%", "%a", "_%", "[a]", "[^a]", "^", "%' --", "\\%'", "ESCAPE '\\'"}},
	{"placeholder", []string{"?", "??", "$1", "$2", ":name", ":1", "@x", "@@version", "%s", "%v", "{0}", "${x}", "#{x}", "?::text", "a?", "2=?AND", "?/*", "'?'"}},
	{"number", []string{"0", "-0", "1", "-1", "-5", "007", "1e3", "0x27", "1.5", "NaN", "Inf", "-Inf", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "2147483648", "99999999999999999999", " 1", "1 ", "+1", "1_000", "0.0", ".5", "1,5", "\uff11", "\u0663", "1 OR 1=1"}},
	{"keyword", []string{"NULL", "null", "TRUE", "DEFAULT", "SELECT", "DROP TABLE canaries", "UNION SELECT 1", "OR 1=1", "AND 1=0", "SLEEP(5)", "pg_sleep(5)", "BENCHMARK(1000000,MD5(1))", "LOAD_FILE('/etc/passwd')", "INTO OUTFILE '/tmp/x'", `COLLATE "C"`, "NULLS LAST", "ASC", "DESC", "id DESC", "id; DROP TABLE canaries", "*", "1=1", "sqlite_master", "information_schema.tables"}},
}

// wrappings put an atom inside other text.
var wrappings = []func(string) string{
	func(a string) string { return a },
	func(a string) string { return "x" + a + "y" },
	func(a string) string { return "'" + a },
	func(a string) string { return `\` + a },
}

// All returns the corpus of short payloads (at most a few hundred bytes):
// every atom of every family in every wrapping, then each of the first
// atoms of a family joined with the first atoms of the next ("mix"),
// without duplicates. It has more than 1,000 payloads.
func All() []Payload {
	seen := map[string]bool{}
	var out []Payload
	add := func(fam, s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, Payload{Family: fam, Text: s})
		}
	}
	for _, f := range families {
		for _, a := range f.atoms {
			for _, w := range wrappings {
				add(f.name, w(a))
			}
		}
	}
	const n = 4
	for i, f := range families {
		g := families[(i+1)%len(families)]
		for _, a := range f.atoms[:min(n, len(f.atoms))] {
			for _, b := range g.atoms[:min(n, len(g.atoms))] {
				add("mix", a+b)
				add("mix", b+" "+a)
			}
		}
	}
	return out
}

// Long returns the very long payloads: 64 KiB (and one byte less, the
// most a MySQL TEXT holds) of quotes, backslash-quote-comment runs and
// 4-byte runes, and 1 MiB of letters and of quotes.
func Long() []Payload {
	const kib = 1 << 10
	return []Payload{
		{"long", strings.Repeat("a", 64*kib-1)},
		{"long", strings.Repeat("'", 64*kib)},
		{"long", strings.Repeat(`\'; --`, 64*kib/8)},
		{"long", strings.Repeat("😀", 64*kib/4)},
		{"long", strings.Repeat("%_", 32*kib)},
		{"long", strings.Repeat("a", 1<<20)},
		{"long", strings.Repeat("'", 1<<20)},
	}
}

// Sample returns every k-th payload of ps (all of them for k ≤ 1) and
// every number, for a bounded run (go test -short) that still has every
// family and every limit a number gives.
func Sample(ps []Payload, k int) []Payload {
	if k <= 1 {
		return ps
	}
	var out []Payload
	for i, p := range ps {
		if i%k == 0 || p.Family == "number" {
			out = append(out, p)
		}
	}
	return out
}
