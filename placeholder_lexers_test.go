package strata_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/internal/query"
)

// frag is a piece of a select list: its text and what each of its
// columns returns ("$" for the next bound value), or no columns when the
// piece is only checked for its parameter count.
type frag struct {
	text string
	cols []string
}

const param = "$"

// Pieces every dialect parses.
var commonFrags = []frag{
	{"?", []string{param}},
	{"'?'", []string{"?"}},
	{"'it''s ?'", []string{"it's ?"}},
	{"/* ? */ 1", []string{"1"}},
	{"/**/?", []string{param}},
	{"2 -- ?\n", []string{"2"}},
	{"3 --?\n", nil},
	{"(?)", []string{param}},
	{"CASE WHEN 1=1 THEN?ELSE?END", nil},
	{"CASE WHEN?=1 THEN 4 END", nil},
	{"5 AS x", []string{"5"}},
	{"1=?AND 2=2", nil},
	{"(1=1 OR?=1)", nil},
}

var dialectFrags = map[string][]frag{
	"postgres": {
		{"$$?$$", []string{"?"}},
		{"$a$ ? $b$ ? $a$", []string{" ? $b$ ? "}},
		{"$_1$?$_1$", []string{"?"}},
		{`E'\'?'`, []string{"'?"}},
		{`e'\\'`, []string{`\`}},
		{`'\'`, []string{`\`}},
		{`6 AS "?"`, []string{"6"}},
		{`7 AS "a""?"`, []string{"7"}},
		{`8 AS a$1`, []string{"8"}},
		{"/* /* ? */ ? */ 9", []string{"9"}},
		{"?::text", []string{param}},
		{"'{\"k\":1}'::jsonb ?? 'k'", []string{"true"}},
		{"'{\"k\":1}'::jsonb ??| array['k', ?]", nil},
		{"'{\"k\":1}'::jsonb ??& array[?]", nil},
		{"ARRAY[?]::text[]", nil},
	},
	"mysql": {
		{`'\'?'`, []string{"'?"}},
		{`"?"`, []string{"?"}},
		{`"\"?"`, []string{`"?`}},
		{"6 AS `?`", []string{"6"}},
		{"7 # ?\n", []string{"7"}},
		{"/*!50000 ? */", []string{param}},
		{"/*!?*/", []string{param}},
		{"/*M! ? */", []string{param}},
		{"/*M!100000 ? */", []string{param}},
		{"/*!999999 ? */ 8", []string{"8"}},
		{"/*!50700 ? */ 9", []string{"9"}},
		{"/*M!999999 ? /* ? */ ? */ 10", []string{"10"}},
		{"/*!50000 ? /* ? */ */", []string{param}},
		{"/*!50000 ? -- */\n*/", []string{param}},
		{"/*m! ? */ 11", []string{"11"}},
		{"/*+ ? */ 12", []string{"12"}},
		{"13 --\x7f?\n", []string{"13"}},
		{"14 --\x01?\n", []string{"14"}},
		{"15 --\t?\n", []string{"15"}},
		{"16 -- ? \r ?\n", []string{"16"}},
		{"_utf8mb4'?'", []string{"?"}},
		{"N'?'", []string{"?"}},
		{"?AND 1", nil},
		{"?_x", nil},
	},
	"sqlite": {
		{"?AND 1", nil},
		{`'\'`, []string{`\`}},
		{`6 AS "?"`, []string{"6"}},
		{"7 AS `?`", []string{"7"}},
		{"8 AS [?]", []string{"8"}},
		{"9 AS a$b", []string{"9"}},
		{"X'3F'", nil},
	},
}

// Pieces strata refuses, because the server reads a parameter strata
// does not bind in order; the server must count more parameters than
// strata's ?.
var refusedFrags = map[string][]string{
	"postgres": {"$1", "$1::int + $2"},
	"sqlite":   {":a", "@a", "$a", "?1", "CASE WHEN 1 THEN:b END"},
}

// lastFrags may end a query only: a LIMIT, SQLite's comment to the end.
var lastFrags = map[string][]frag{
	"postgres": {{"1 LIMIT?", nil}},
	"mysql":    {{"1 LIMIT?", nil}},
	"sqlite":   {{"10 /* ? ", []string{"10"}}, {"1 LIMIT?", nil}},
}

// serverCount asks the server how many parameters it reads in text.
func serverCount(ctx context.Context, t *testing.T, tg *dialecttest.Target, conn *sql.Conn, text string, n int) (int, error) {
	if tg.Dialect.Name() == "sqlite" {
		// modernc.org/sqlite does not report the count (NumInput is -1) but
		// refuses too few arguments: the count is the fewest it takes.
		var last error
		for k := 0; k <= n+3; k++ {
			args := make([]any, k)
			for i := range args {
				args[i] = 1
			}
			rows, err := conn.QueryContext(ctx, text, args...)
			if err == nil {
				for rows.Next() {
				}
				err = errors.Join(rows.Err(), rows.Close())
			}
			if err == nil {
				return k, nil
			}
			if !strings.Contains(err.Error(), "missing argument") && !strings.Contains(err.Error(), "missing named argument") {
				return 0, err
			}
			last = err
		}
		return -1, fmt.Errorf("more than %d parameters: %w", n+3, last)
	}
	count := -1
	err := conn.Raw(func(dc any) error {
		st, err := dc.(driver.Conn).Prepare(text)
		if err != nil {
			return err
		}
		count = st.NumInput()
		return st.Close()
	})
	return count, err
}

// TestReliabilityPlaceholderLexers (issue 13, defect 3): for generated
// select lists of strings, comments, executable comments, quoted names,
// DEL after --, casts, dollar quotes and ?, the server's own count of
// parameters (PostgreSQL and MariaDB prepare the text and report it;
// SQLite takes no fewer arguments) equals strata's count after rewriting,
// the server accepts the rewritten text, and where the columns are known
// the server returns exactly the bound values in order. What strata
// refuses the server would have read with a parameter strata does not
// bind in order.
func TestReliabilityPlaceholderLexers(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		name := tg.Dialect.Name()
		f := must(tg.Dialect.(dialect.QueryDialect).QueryFeatures(ctx, tg.DB))(t)
		conn := must(tg.DB.Conn(ctx))(t)
		defer conn.Close()
		frags := append(append([]frag{}, commonFrags...), dialectFrags[name]...)

		var queries [][]frag
		for _, fr := range frags {
			queries = append(queries, []frag{fr})
		}
		rng := rand.New(rand.NewSource(13))
		rounds := 400
		if testing.Short() {
			rounds = 100
		}
		for range rounds {
			q := make([]frag, 1+rng.Intn(5))
			for i := range q {
				q[i] = frags[rng.Intn(len(frags))]
			}
			if last := lastFrags[name]; len(last) > 0 && rng.Intn(4) == 0 {
				q = append(q, last[rng.Intn(len(last))])
			}
			queries = append(queries, q)
		}

		disagree, valued := 0, 0
		for _, q := range queries {
			parts := make([]string, len(q))
			var want []string
			known := true
			for i, fr := range q {
				parts[i] = fr.text
				want = append(want, fr.cols...)
				known = known && fr.cols != nil
			}
			sqlText := "SELECT " + strings.Join(parts, ", ")
			n := strings.Count(sqlText, "?") + 1
			args := make([]any, 0, n)
			b := query.NewBuilder(tg.Dialect, &f)
			var err error
			for k := 0; k <= n; k++ {
				args = args[:0]
				for i := range k {
					args = append(args, fmt.Sprintf("v%d", i+1))
				}
				b = query.NewBuilder(tg.Dialect, &f)
				if err = query.WriteRaw(b, sqlText, args); err == nil {
					break
				}
			}
			if err != nil {
				t.Errorf("strata refuses %q: %v", sqlText, err)
				disagree++
				continue
			}
			text := b.SQL()
			got, err := serverCount(ctx, t, tg, conn, text, len(args))
			if err != nil || got != len(args) {
				t.Errorf("%q rewritten as %q: strata binds %d, the server reads %d (%v)", sqlText, text, len(args), got, err)
				disagree++
				continue
			}
			if !known {
				continue
			}
			valued++
			rows, err := conn.QueryContext(ctx, text, args...)
			if err != nil {
				t.Errorf("%q: %v", text, err)
				disagree++
				continue
			}
			vals := make([]sql.NullString, len(want))
			ptrs := make([]any, len(want))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if !rows.Next() {
				t.Errorf("%q: no row (%v)", text, rows.Err())
				rows.Close()
				disagree++
				continue
			}
			err = rows.Scan(ptrs...)
			rows.Close()
			if err != nil {
				t.Errorf("%q: %v", text, err)
				disagree++
				continue
			}
			next := 0
			for i, w := range want {
				if w == param {
					w = fmt.Sprint(args[next])
					next++
				}
				if name == "mysql" && w == "true" {
					w = "1"
				}
				if vals[i].String != w {
					t.Errorf("%q with %v: column %d is %q, want %q", text, args, i+1, vals[i].String, w)
					disagree++
					break
				}
			}
		}

		if name == "postgres" {
			// With standard_conforming_strings off, '…' takes backslash
			// escapes: strata reads the setting.
			off := must(tg.DB.Conn(ctx))(t)
			defer off.Close()
			if _, err := off.ExecContext(ctx, "SET standard_conforming_strings = off"); err != nil {
				t.Fatal(err)
			}
			of := must(tg.Dialect.(dialect.QueryDialect).QueryFeatures(ctx, off))(t)
			for _, q := range []string{`SELECT '\'?', ?`, `SELECT '\\', ?`, `SELECT 'a\'' || ?`} {
				b := query.NewBuilder(tg.Dialect, &of)
				if err := query.WriteRaw(b, q, []any{"v1"}); err != nil {
					t.Errorf("standard_conforming_strings off: %q: %v", q, err)
					disagree++
					continue
				}
				got, err := serverCount(ctx, t, tg, off, b.SQL(), 1)
				if err != nil || got != 1 {
					t.Errorf("standard_conforming_strings off: %q as %q: strata binds 1, the server reads %d (%v)", q, b.SQL(), got, err)
					disagree++
				}
				queries = append(queries, nil)
			}
		}

		refused := 0
		for _, fr := range refusedFrags[name] {
			sqlText := "SELECT " + fr
			_, n, err := query.Rebind(tg.Dialect, &f, sqlText, 0)
			var se *query.SyntaxError
			if !errors.As(err, &se) {
				t.Errorf("%q: strata binds %d placeholders, want a *query.SyntaxError", sqlText, n)
				disagree++
				continue
			}
			mine := strings.Count(fr, "?") - strings.Count(fr, "?1")
			got, err := serverCount(ctx, t, tg, conn, sqlText, mine+2)
			named := err != nil && strings.Contains(err.Error(), "missing named argument")
			if !named && (err != nil || got <= mine) {
				t.Errorf("%q: strata refuses (%v) but the server reads %d parameters (%v)", sqlText, se, got, err)
				disagree++
			}
			refused++
		}
		t.Logf("figure: %d queries, %d disagreements (%d checked by value, %d refused as the server reads a parameter strata does not number)", len(queries)+refused, disagree, valued, refused)
	})
}

// TestReliabilityRawSQLRefused: what strata cannot bind as the server
// reads it (a count that differs, an unterminated comment, a NUL, the
// database's own parameter syntax, a ? in a second statement) is refused through RawAll and Exec with an error matching
// strata.ErrRawSQL, the same on every database, and nothing runs.
func TestReliabilityRawSQLRefused(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := must(strata.New(tg.DB, tg.Dialect))(t)
		if _, err := strata.Exec(ctx, db, "CREATE TABLE canary (n INTEGER)"); err != nil {
			t.Fatal(err)
		}
		cases := []struct {
			sql  string
			args []any
		}{
			{"INSERT INTO canary (n) VALUES (?)", nil},
			{"INSERT INTO canary (n) VALUES (?)", []any{1, 2}},
			{"INSERT INTO canary (n) VALUES (1) /* ?", []any{1}},
			{"INSERT INTO canary (n) VALUES ('\x00')", nil},
			// SQLite would bind both ? to 1.
			{"INSERT INTO canary (n) VALUES (?); INSERT INTO canary (n) VALUES (?)", []any{1, 2}},
		}
		matched := 0
		for _, c := range cases {
			if _, err := strata.Exec(ctx, db, c.sql, c.args...); !errors.Is(err, strata.ErrRawSQL) {
				t.Errorf("%q with %v: %v, want ErrRawSQL", c.sql, c.args, err)
			} else {
				matched++
			}
		}
		extra := map[string]string{"postgres": "SELECT $1", "mysql": "SELECT ??", "sqlite": "SELECT :name"}[tg.Dialect.Name()]
		if _, err := strata.RawAll[int](ctx, db, extra, 1); !errors.Is(err, strata.ErrRawSQL) {
			t.Errorf("%q: %v, want ErrRawSQL", extra, err)
		} else {
			matched++
		}
		n := must(strata.RawOne[int](ctx, db, "SELECT COUNT(*) FROM canary"))(t)
		if *n != 0 {
			t.Errorf("canary has %d rows", *n)
		}
		t.Logf("figure: %d of %d refusals matched ErrRawSQL before any SQL, canary rows %d", matched, len(cases)+1, *n)
	})
}
