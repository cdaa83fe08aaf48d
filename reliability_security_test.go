package strata_test

import (
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
)

// quoted returns the dialect-quoted column of model v's field.
func quoted(t *testing.T, db *strata.DB, v any, field string) string {
	t.Helper()
	m, err := db.Model(v)
	if err != nil {
		t.Fatal(err)
	}
	f, err := m.Field(field)
	if err != nil {
		t.Fatal(err)
	}
	return db.Dialect().Quote(f.Column)
}

// canaryIntact fails t unless the canary table holds exactly want.
func canaryIntact(t *testing.T, db *strata.DB, want []Canary) {
	t.Helper()
	got, err := strata.Find[Canary](db).Order("id").All(testCtx(t))
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("canary changed: %+v, %v; want %+v", got, err, want)
	}
}

func seedCanary(t *testing.T, db *strata.DB) []Canary {
	t.Helper()
	c := []Canary{{Value: "one"}, {Value: "two"}}
	if err := strata.BulkCreate(testCtx(t), db, c); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestReliabilityDoubleDash: a minus sign right before a bound negative
// number (RELIABILITY 28, pgx CVE-2024-27289) is arithmetic, never a "--"
// comment that hides the rest of the statement: every raw entry point
// (RawAll, Exec, a Raw condition) returns exactly the expected rows, and no
// statement changes more than it names.
func TestReliabilityDoubleDash(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := shop(t, tg)
		canary := seedCanary(t, db)
		at := time.Date(2024, 2, 3, 4, 5, 6, 0, time.UTC)
		rows := []Sample{
			{At: at, Tag: "a", I64: 42, Text: "a", Dec: "0"},
			{At: at, Tag: "b", I64: -42, Text: "b", Dec: "0"},
			{At: at, Tag: "c", I64: 1, Text: "c", Dec: "0"},
			{At: at, Tag: "d", I64: 0, Text: "d", Dec: "0"},
		}
		if err := strata.BulkCreate(ctx, db, rows); err != nil {
			t.Fatal(err)
		}
		i64, text, tag := quoted(t, db, Sample{}, "I64"), quoted(t, db, Sample{}, "Text"), quoted(t, db, Sample{}, "Tag")
		payload := "x\n OR 1=1 --"
		// "-#" is a minus before a bind; PostgreSQL cannot infer the type of
		// an operand of unary minus, so there the bind carries a cast.
		neg := "-?"
		if tg.Dialect.Name() == "postgres" {
			neg = "-?::bigint"
		}
		checks, wrong := 0, 0
		for _, c := range []struct {
			where string
			args  []any
			want  []string
		}{
			{i64 + " = -# OR " + text + " = ?", []any{-42, payload}, []string{"a"}},
			{i64 + "=-# OR " + text + "=?", []any{int64(-42), payload}, []string{"a"}},
			{i64 + "-? = 0", []any{-42}, []string{"b"}},
			{i64 + " - ? = 0 AND " + tag + " <> ?", []any{-42, "-- x"}, []string{"b"}},
			{"-# = " + i64 + " OR " + text + " = ?", []any{-1, payload}, []string{"c"}},
			{i64 + " = -#-? OR " + text + " = ?", []any{-44, 2, payload}, []string{"a"}},
			{i64 + " = -# -- ? is no bind here\n OR " + text + " = ?", []any{-42, payload}, []string{"a"}},
			{i64 + " = -#/* ? */ OR " + text + " = ?", []any{-42, payload}, []string{"a"}},
		} {
			c.where = strings.ReplaceAll(c.where, "-#", neg)
			// RawAll.
			checks++
			got, err := strata.RawAll[string](ctx, db, "SELECT "+tag+" FROM samples WHERE "+c.where+" ORDER BY "+tag, c.args...)
			if err != nil || !slices.Equal(got, c.want) {
				wrong++
				t.Errorf("RawAll WHERE %q %v: %v, %v; want %v", c.where, c.args, got, err, c.want)
			}
			// A Raw condition through Find.
			checks++
			found, err := strata.Find[Sample](db).Where(strata.Raw(c.where, c.args...)).Order("tag").All(ctx)
			var tags []string
			for _, s := range found {
				tags = append(tags, s.Tag)
			}
			if err != nil || !slices.Equal(tags, c.want) {
				wrong++
				t.Errorf("Find Where Raw %q %v: %v, %v; want %v", c.where, c.args, tags, err, c.want)
			}
		}
		// Arithmetic with a minus before a negative bind.
		checks++
		n, err := strata.RawAll[int64](ctx, db, "SELECT "+i64+"-?-? FROM samples WHERE "+tag+" = ?", 1, -1, "a")
		if err != nil || len(n) != 1 || n[0] != 42 {
			t.Errorf("42-1-(-1): %v, %v; want 42", n, err)
		}
		// Exec: subtracting a negative changes the one row named.
		checks++
		res, err := strata.Exec(ctx, db, "UPDATE samples SET "+i64+" = "+i64+"-? WHERE "+tag+" = ? OR "+text+" = ?", -1, "c", payload)
		if err != nil {
			t.Fatal(err)
		}
		changed, _ := res.RowsAffected()
		if changed != 1 {
			t.Errorf("UPDATE i64-(-1) changed %d rows, want 1", changed)
		}
		after := must(strata.Find[Sample](db).Order("tag").All(ctx))(t)
		var vals []int64
		for _, s := range after {
			vals = append(vals, s.I64)
		}
		if !slices.Equal(vals, []int64{42, -42, 2, 0}) {
			t.Errorf("values after UPDATE: %v, want [42 -42 2 0]", vals)
		}
		canaryIntact(t, db, canary)
		t.Logf("figure: %d minus-before-bind statements, %d with wrong rows, %d row updated, canary checked", checks, wrong, changed)
	})
}

// TestReliabilityTwoStageBinds: a user value that looks like a placeholder
// or a replacement (":first) OR 1=1 --", "?", "$1", "@p1") in a condition
// next to a Raw condition with its own binds is bound once, as a value
// (RELIABILITY 30, the CVE-2023-25813 shape); the result equals the safe
// expectation computed in Go. strata has no named replacements: every
// Raw fragment takes positional binds only.
func TestReliabilityTwoStageBinds(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := shop(t, tg)
		canary := seedCanary(t, db)
		payloads := []string{
			":first) OR 1=1 --", ":first", "?", "??", "? OR 1=1 --", "$1", "$1) OR ($1=$1", "@p1", "%s", "%v",
			"') OR 1=1 --", `") OR 1=1 --`, "?) OR (?=?", "$$ OR 1=1 $$", "x' || ? || '",
		}
		users := []User{
			{FirstName: ptr("x"), LastName: "one", Email: "one@x.io"},
			{FirstName: ptr("y"), LastName: "two", Email: "two@x.io"},
			{FirstName: ptr("z"), LastName: payloads[0], Email: "three@x.io"},
			{FirstName: nil, LastName: "?", Email: "four@x.io"},
		}
		for i := range users {
			if err := strata.Create(ctx, db, &users[i]); err != nil {
				t.Fatal(err)
			}
		}
		first := quoted(t, db, User{}, "FirstName")
		checks, wrong := 0, 0
		for _, p := range payloads {
			var want []string
			for _, u := range users {
				if (u.FirstName != nil && strings.EqualFold(*u.FirstName, "x")) || u.LastName == p {
					want = append(want, u.Email)
				}
			}
			sort.Strings(want)
			for name, cond := range map[string]strata.Cond{
				"Or(Raw, Eq)":     strata.Or(strata.Raw("lower("+first+") = lower(?)", "x"), strata.Eq("lastName", p)),
				"Or(Eq, Raw)":     strata.Or(strata.Eq("lastName", p), strata.Raw("lower("+first+") = lower(?)", "X")),
				"Or(Raw, In)":     strata.Or(strata.Raw(first+" = ?", "x"), strata.In("lastName", []string{p})),
				"Or(Raw, Fields)": strata.Or(strata.Raw(first+" = ?", "x"), strata.Fields{"lastName": p}),
				"Or(Raw p, Eq)":   strata.Or(strata.Raw(first+" = ? OR "+first+" = ?", "x", p), strata.Eq("lastName", p)),
			} {
				checks++
				got, err := strata.Find[User](db).Where(cond).Order("email").All(ctx)
				var emails []string
				for _, u := range got {
					emails = append(emails, u.Email)
				}
				if err != nil || !slices.Equal(emails, want) {
					wrong++
					t.Errorf("%s, payload %q: %v, %v; want %v", name, p, emails, err, want)
				}
			}
		}
		canaryIntact(t, db, canary)
		if n := must(strata.Find[User](db).Count(ctx))(t); n != int64(len(users)) {
			t.Errorf("%d users, want %d", n, len(users))
		}
		t.Logf("figure: %d payloads × 5 condition shapes = %d checks, %d with other rows than the safe expectation, canary checked", len(payloads), checks, wrong)
	})
}

// identifierPayloads are identifiers from user input: SQL after a name, quote
// characters of every dialect, comment markers, NUL.
var identifierPayloads = []string{
	"email; DROP TABLE canaries", `email" DESC, (SELECT 1)`, "email` DESC", "email' --", `x" FROM canaries --`,
	"email--", "email/*", "(SELECT 1)", "email)", "1", "*", "email,", "users.email", `"email"`, "`email`",
	"email\x00", "emaıl", "EMAIL; --", "email\n; DROP TABLE canaries", "$1", "?", "email COLLATE \"C\"", "email::text",
}

// TestReliabilityIdentifierInjection: a column name from user input given
// to Order, Select, Omit, Group, Where (Eq, Fields keys, In, Like,
// IsNull) or Update's Fields is checked against the model and refused
// before any SQL (RELIABILITY 31); names that are single words are an
// *UnknownColumnError naming the model. OrderRaw takes its text verbatim.
// The dialect's Quote doubles its quote character, so any name without NUL
// used as an alias reads back as itself.
func TestReliabilityIdentifierInjection(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		var queries queryCounter
		db := shop(t, tg, strata.WithQueryHook(queries.hook()))
		canary := seedCanary(t, db)
		if err := strata.Create(ctx, db, &User{LastName: "l", Email: "u@x.io"}); err != nil {
			t.Fatal(err)
		}
		start := queries.n.Load()
		var checks, refused, typed int
		for _, name := range identifierPayloads {
			for entry, run := range map[string]func() error{
				"Order":  func() error { _, err := strata.Find[User](db).Order(name).All(ctx); return err },
				"Select": func() error { _, err := strata.Find[User](db).Select(name).All(ctx); return err },
				"Omit":   func() error { _, err := strata.Find[User](db).Omit(name).All(ctx); return err },
				"Group":  func() error { _, err := strata.Find[User](db).Group(name).Count(ctx); return err },
				"Eq":     func() error { _, err := strata.Find[User](db).Where(strata.Eq(name, 1)).All(ctx); return err },
				"In":     func() error { _, err := strata.Find[User](db).Where(strata.In(name, []int{1})).All(ctx); return err },
				"Like":   func() error { _, err := strata.Find[User](db).Where(strata.Like(name, "%")).All(ctx); return err },
				"IsNull": func() error { _, err := strata.Find[User](db).Where(strata.IsNull(name)).All(ctx); return err },
				"Fields": func() error { _, err := strata.Find[User](db).Where(strata.Fields{name: 1}).All(ctx); return err },
				"Update": func() error {
					_, err := strata.Find[User](db).AllowGlobal().Update(ctx, strata.Fields{name: "x"})
					return err
				},
				"Destroy": func() error { _, err := strata.Find[User](db).Where(strata.Eq(name, "x")).Destroy(ctx); return err },
			} {
				checks++
				err := run()
				if err == nil {
					t.Errorf("%s(%q): accepted", entry, name)
					continue
				}
				refused++
				var ce *strata.UnknownColumnError
				if errors.As(err, &ce) {
					typed++
					if ce.Model != "User" {
						t.Errorf("%s(%q): error names model %q", entry, name, ce.Model)
					}
				}
			}
		}
		ran := queries.n.Load() - start
		if ran != 0 {
			t.Errorf("%d statements ran for refused names", ran)
		}
		// OrderRaw takes an expression verbatim.
		if _, err := strata.Find[User](db).OrderRaw("lower(" + quoted(t, db, User{}, "Email") + ")").All(ctx); err != nil {
			t.Errorf("OrderRaw: %v", err)
		}
		// Quote: a hostile alias reads back as itself.
		aliases := 0
		for _, name := range identifierPayloads {
			if strings.ContainsRune(name, 0) || strings.TrimSpace(name) != name {
				continue // NUL is no identifier; MySQL trims spaces around aliases
			}
			var got []string
			r, err := tg.DB.QueryContext(ctx, "SELECT 1 AS "+tg.Dialect.Quote(name))
			if err == nil {
				got, err = r.Columns()
				r.Close()
			}
			if err != nil || len(got) != 1 || got[0] != name {
				t.Errorf("SELECT 1 AS %s: columns %q, %v", tg.Dialect.Quote(name), got, err)
			}
			aliases++
		}
		canaryIntact(t, db, canary)
		t.Logf("figure: %d hostile names × 11 entry points = %d calls, %d refused (%d as UnknownColumnError), %d statements ran; %d quoted aliases read back exactly, canary checked",
			len(identifierPayloads), checks, refused, typed, ran, aliases)
	})
}

// TestReliabilityGlobalWriteGuard: Update, Increment, Decrement, Destroy
// and Restore on a query without a Where, and instance writes on a row
// without a primary key, are refused with ErrMissingWhere or a typed
// error before any SQL (RELIABILITY 34); AllowGlobal opts in.
func TestReliabilityGlobalWriteGuard(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		var queries queryCounter
		db := shop(t, tg, strata.WithQueryHook(queries.hook()))
		ps := []Product{{Name: "A", Price: "1.00"}, {Name: "B", Price: "2.00"}, {Name: "C", Price: "3.00"}}
		if err := strata.BulkCreate(ctx, db, ps); err != nil {
			t.Fatal(err)
		}
		start := queries.n.Load()
		missing := 0
		for name, run := range map[string]func() error{
			"Update":    func() error { _, err := strata.Find[Product](db).Update(ctx, strata.Fields{"stock": 0}); return err },
			"Increment": func() error { _, err := strata.Find[Product](db).Increment(ctx, strata.Fields{"stock": 1}); return err },
			"Decrement": func() error { _, err := strata.Find[Product](db).Decrement(ctx, strata.Fields{"stock": 1}); return err },
			"Destroy":   func() error { _, err := strata.Find[Product](db).Destroy(ctx); return err },
			"Force":     func() error { _, err := strata.Find[Product](db).Force().Destroy(ctx); return err },
			"Restore":   func() error { _, err := strata.Find[Product](db).Unscoped().Restore(ctx); return err },
			"Limit":     func() error { _, err := strata.Find[Product](db).Limit(1).Destroy(ctx); return err },
			"Order": func() error {
				_, err := strata.Find[Product](db).Order("id").Update(ctx, strata.Fields{"stock": 0})
				return err
			},
		} {
			if err := run(); !errors.Is(err, strata.ErrMissingWhere) {
				t.Errorf("%s without Where: %v; want ErrMissingWhere", name, err)
				continue
			}
			missing++
		}
		refused := 0
		for name, run := range map[string]func() error{
			"Where(Fields{})":    func() error { _, err := strata.Find[Product](db).Where(strata.Fields{}).Destroy(ctx); return err },
			"Where(And())":       func() error { _, err := strata.Find[Product](db).Where(strata.And()).Destroy(ctx); return err },
			"Update(&zero key)":  func() error { return strata.Update(ctx, db, &Product{Name: "Z", Price: "1.00"}) },
			"Destroy(&zero key)": func() error { return strata.Destroy(ctx, db, &Product{}) },
			"Increment(&zero)":   func() error { return strata.Increment(ctx, db, &Product{}, strata.Fields{"stock": 1}) },
			"Decrement(&zero)":   func() error { return strata.Decrement(ctx, db, &Product{}, strata.Fields{"stock": 1}) },
			"Restore(&zero)":     func() error { return strata.Restore(ctx, db, &Product{}) },
		} {
			err := run()
			if err == nil {
				t.Errorf("%s: accepted", name)
				continue
			}
			if strings.Contains(name, "&") && !errors.Is(err, strata.ErrMissingWhere) {
				t.Errorf("%s: %v; want ErrMissingWhere", name, err)
			}
			refused++
		}
		ran := queries.n.Load() - start
		if ran != 0 {
			t.Errorf("%d statements ran for refused global writes", ran)
		}
		after := must(strata.Find[Product](db).Order("id").All(ctx))(t)
		if len(after) != 3 || *after[0].Stock != 7 || after[2].Price != "3.00" {
			t.Errorf("products changed: %+v", after)
		}
		n, err := strata.Find[Product](db).AllowGlobal().Update(ctx, strata.Fields{"stock": 1})
		if err != nil || n != 3 {
			t.Errorf("AllowGlobal Update: %d, %v; want 3", n, err)
		}
		t.Logf("figure: %d of 8 global writes refused with ErrMissingWhere, %d of 7 keyless/empty-where writes refused, %d statements ran, rows checked; AllowGlobal updated %d", missing, refused, ran, n)
	})
}

// TestReliabilityPKTypeConfusion: a primary key of the wrong Go type
// ("1 OR 1=1", "1", 1.5, a slice, a map, nil) for an integer key is a
// *strata.PKTypeError naming the model before any SQL (RELIABILITY 36);
// every integer type finds the row.
func TestReliabilityPKTypeConfusion(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		var queries queryCounter
		db := shop(t, tg, strata.WithQueryHook(queries.hook()))
		u := User{LastName: "l", Email: "u@x.io"}
		if err := strata.Create(ctx, db, &u); err != nil {
			t.Fatal(err)
		}
		start := queries.n.Load()
		bad := []any{"1 OR 1=1", "1", fmt.Sprint(u.ID), " 1", 1.5, float64(u.ID), float32(1), true, []int{u.ID}, map[string]any{"id": u.ID},
			struct{ ID int }{u.ID}, &u.ID, nil, []byte("1"), complex(1, 0)}
		for _, pk := range bad {
			var pe *strata.PKTypeError
			_, err := strata.Find[User](db).ByPK(ctx, pk)
			if !errors.As(err, &pe) || pe.Model != "User" {
				t.Errorf("ByPK(%T %#v): %v; want a PKTypeError", pk, pk, err)
			}
			_, err = strata.Find[User](db).Where(strata.Eq("lastName", "l")).ByPK(ctx, pk)
			if !errors.As(err, &pe) {
				t.Errorf("Where.ByPK(%T %#v): %v; want a PKTypeError", pk, pk, err)
			}
		}
		ran := queries.n.Load() - start
		if ran != 0 {
			t.Errorf("%d statements ran for keys of the wrong type", ran)
		}
		good := []any{u.ID, int8(u.ID), int16(u.ID), int32(u.ID), int64(u.ID), uint(u.ID), uint8(u.ID), uint32(u.ID), uint64(u.ID)}
		for _, pk := range good {
			got, err := strata.Find[User](db).ByPK(ctx, pk)
			if err != nil || got.ID != u.ID {
				t.Errorf("ByPK(%T %v): %+v, %v", pk, pk, got, err)
			}
		}
		t.Logf("figure: %d wrong-type keys × 2 paths, %d statements ran for them, %d integer types found the row", len(bad), ran, len(good))
	})
}
