package query_test

import (
	"errors"
	"fmt"
	"github.com/strata-orm/strata/internal/golden"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/internal/query"
)

// cols is a model's column set for tests: Go-ish names map to columns.
type cols map[string]string

func (c cols) Column(name string) (string, error) {
	if col, ok := c[name]; ok {
		return col, nil
	}
	for _, col := range c {
		if col == name {
			return col, nil
		}
	}
	return "", fmt.Errorf("unknown column %q", name)
}

var userCols = cols{"ID": "id", "Email": "email", "Age": "age", "Name": "name", "DeletedAt": "deletedAt", "CreatedAt": "createdAt"}

type stmt interface {
	Build(b *query.Builder) error
}

type withCols struct {
	s interface {
		Build(*query.Builder, query.Columns) error
	}
}

func (w withCols) Build(b *query.Builder) error { return w.s.Build(b, userCols) }

func sel(where ...query.Cond) *query.Select {
	return &query.Select{Table: "users", Columns: []string{"id", "email"}, Where: where, Limit: -1}
}

var at = time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)

// The statements strata renders, per dialect, pinned by golden files
// (go test ./query -update rewrites them).
var goldenCases = []struct {
	name string
	st   stmt
}{
	{"eq", withCols{sel(query.Eq("Email", "a@b.c"))}},
	{"eq-nil-is-null", withCols{sel(query.Eq("email", nil), query.Ne("age", nil))}},
	{"compare", withCols{sel(query.Gt("age", 1), query.Gte("age", 2), query.Lt("age", 3), query.Lte("age", 4), query.Ne("age", 5))}},
	{"in", withCols{sel(query.In("id", []int{1, 2, 3}), query.NotIn("age", []int64{4}))}},
	{"in-empty", withCols{sel(query.In("id", []int{}), query.NotIn("id", []string{}))}},
	{"like", withCols{sel(query.Like("email", "%@x.org"), query.NotLike("name", "a%"))}},
	{"ilike", withCols{sel(query.ILike("email", "%@X.org"), query.NotILike("name", "A%"))}},
	{"between", withCols{sel(query.Between("age", 18, 65), query.NotBetween("createdAt", at, at.Add(time.Hour)))}},
	{"null", withCols{sel(query.IsNull("deletedAt"), query.NotNull("name"))}},
	{"and-or-not", withCols{sel(query.Or(query.Eq("age", 1), query.And(query.Eq("age", 2), query.Eq("name", "x"))), query.Not(query.Eq("id", 3)))}},
	{"raw", withCols{sel(query.Raw("lower(email) = ? AND age IN (?)", "x@y.z", []int{1, 2}), query.Raw("'?' = '?'"))}},
	{"fields", withCols{sel(query.Fields{"email": "a", "age": []int{1, 2}, "name": nil})}},
	{"order-limit-offset", withCols{&query.Select{Table: "users", Columns: []string{"id"}, Order: []query.Order{{Column: "age", Desc: true}, {Column: "id"}}, Limit: 10, Offset: 20}}},
	{"offset-only", withCols{&query.Select{Table: "users", Columns: []string{"id"}, Limit: -1, Offset: 5}}},
	{"group-having", withCols{&query.Select{Table: "users", Columns: []string{"age"}, Group: []string{"age"}, Having: []query.Cond{query.Raw("COUNT(*) > ?", 1)}, Limit: -1}}},
	{"for-update", withCols{&query.Select{Table: "users", Columns: []string{"id"}, Where: []query.Cond{query.Eq("id", 1)}, Limit: -1, Lock: query.ForUpdate}}},
	{"for-share", withCols{&query.Select{Table: "users", Columns: []string{"id"}, Limit: -1, Lock: query.ForShare}}},
	{"quoted-names", withCols{&query.Select{Table: `we"ird` + "`t", Columns: []string{`a"b`, "c`d"}, Limit: -1}}},
	{"insert", &query.Insert{Table: "users", Columns: []string{"email", "age"}, Rows: [][]any{{"a", 1}}}},
	{"insert-many-returning", &query.Insert{Table: "users", Columns: []string{"email"}, Rows: [][]any{{"a"}, {"b"}}, Returning: []string{"id"}}},
	{"insert-default-values", &query.Insert{Table: "users", Rows: [][]any{{}}}},
	{"upsert", &query.Insert{Table: "users", Columns: []string{"email", "age"}, Rows: [][]any{{"a", 1}},
		Upsert: &query.Upsert{Conflict: []string{"email"}, Update: []string{"age"}, ID: "id"}}},
	{"upsert-do-nothing", &query.Insert{Table: "users", Columns: []string{"email", "age"}, Rows: [][]any{{"a", 1}, {"b", 2}},
		Upsert: &query.Upsert{Conflict: []string{"email", "age"}, DoNothing: true}}},
	{"update", withCols{&query.Update{Table: "users", Set: []query.Assign{{Column: "age", Value: 2, Add: true}, {Column: "name", Value: nil}},
		Where: []query.Cond{query.Eq("id", 1)}, Returning: []string{"age"}}}},
	{"delete", withCols{&query.Delete{Table: "users", Where: []query.Cond{query.In("id", []int{1, 2})}}}},
}

func render(d fakeDialect, st stmt) (string, error) {
	b := query.NewBuilder(d, &d.feat)
	if err := st.Build(b); err != nil {
		return "", err
	}
	var args []string
	for _, a := range b.Args {
		args = append(args, fmt.Sprintf("%#v", a))
	}
	return b.SQL() + "\n  args: [" + strings.Join(args, ", ") + "]", nil
}

func TestGoldenSQL(t *testing.T) {
	for _, d := range dialects {
		var out strings.Builder
		for _, c := range goldenCases {
			s, err := render(d, c.st)
			if err != nil {
				s = "error: " + err.Error()
			}
			fmt.Fprintf(&out, "-- %s\n%s\n\n", c.name, s)
		}
		path := filepath.Join("testdata", "golden", d.name+".sql")
		golden.Check(t, path, []byte(out.String()))
	}
}

// Bad conditions are errors, never a broader query (RELIABILITY 32, 33).
func TestConditionErrors(t *testing.T) {
	type st struct{ A int }
	tests := []struct {
		name string
		cond query.Cond
		is   error
		want string
	}{
		{"nested map", query.Fields{"email": map[string]any{"$ne": nil}}, query.ErrValue, `column "email": unsupported value map[string]interface {}`},
		{"nested or", query.Fields{"$or": []any{map[string]any{"a": 1}}}, nil, `unknown column "$or"`},
		{"dotted key", query.Fields{"users.role": "admin"}, nil, `unknown column "users.role"`},
		{"struct value", query.Fields{"id": map[string]any{"id": 1}}, query.ErrValue, "unsupported value"},
		{"list of maps", query.Fields{"id": []map[string]int{{"id": 1}}}, query.ErrValue, "unsupported value"},
		{"empty fields", query.Fields{}, query.ErrEmptyCondition, "Fields with no entries"},
		{"empty and", query.And(), query.ErrEmptyCondition, "AND with no conditions"},
		{"empty or", query.Or(), query.ErrEmptyCondition, "OR with no conditions"},
		{"func", query.Eq("id", func() {}), query.ErrValue, "unsupported value func()"},
		{"chan", query.Eq("id", (chan int)(nil)), query.ErrValue, "unsupported value chan int"},
		{"struct", query.Eq("id", st{1}), query.ErrValue, "unsupported value query_test.st"},
		{"slice in eq", query.Eq("id", []int{1}), query.ErrValue, "use In for a list"},
		{"in needs slice", query.In("id", 1), query.ErrValue, "In and NotIn take a slice"},
		{"lt nil", query.Lt("age", nil), query.ErrValue, "nil compares with Eq or Ne only"},
		{"like nil", query.Like("email", nil), query.ErrValue, "LIKE needs a pattern"},
		{"between nil", query.Between("age", 1, nil), query.ErrValue, "BETWEEN needs two bounds"},
		{"raw arg count", query.Raw("a = ? AND b = ?", 1), nil, "has 2 placeholders but 1 arguments"},
		{"raw bad arg", query.Raw("a = ?", map[string]int{}), query.ErrValue, "unsupported value"},
		{"raw unterminated", query.Raw("a = 'x"), nil, "unterminated string literal"},
		{"unknown column", query.Eq("nope", 1), nil, `unknown column "nope"`},
		{"not nil", query.Not(nil), query.ErrEmptyCondition, "nil condition"},
	}
	d := dialects[0]
	for _, tt := range tests {
		b := query.NewBuilder(d, &d.feat)
		err := tt.cond.Build(b, userCols)
		if err == nil || !strings.Contains(err.Error(), tt.want) || (tt.is != nil && !errors.Is(err, tt.is)) {
			t.Errorf("%s: error %v, want %q (is %v)", tt.name, err, tt.want, tt.is)
		}
	}
}

func TestScalarsAccepted(t *testing.T) {
	type status string
	s := "x"
	var nilp *string
	for _, v := range []any{nil, 1, int8(1), uint64(1), 1.5, "s", status("a"), true, []byte("b"), time.Time{}, &s, nilp} {
		if err := query.CheckScalar("c", v); err != nil {
			t.Errorf("%#v: %v", v, err)
		}
	}
}

func TestEqualities(t *testing.T) {
	got, ok := query.Equalities(query.And(query.Eq("email", "a"), query.Fields{"age": 3}))
	if !ok {
		t.Fatal("not equalities")
	}
	if diff := cmp.Diff(got, map[string]any{"email": "a", "age": 3}); diff != "" {
		t.Errorf("(-got +want):\n%s", diff)
	}
	for _, c := range []query.Cond{query.Gt("age", 1), query.Or(query.Eq("a", 1)), query.Fields{"a": []int{1}}, query.Raw("x")} {
		if _, ok := query.Equalities(c); ok {
			t.Errorf("%#v counted as equalities", c)
		}
	}
}

// With Qualify set, conditions and orders name their table: the columns of a
// statement over several tables (a join) are never ambiguous.
func TestQualifiedColumns(t *testing.T) {
	d := dialects[0]
	b := query.NewBuilder(d, &d.feat)
	s := query.Select{Table: "orders", Alias: "o", Qualify: true, Exprs: []query.Expr{query.One()}, Limit: -1,
		Where: []query.Cond{query.And(query.Eq("Age", 3), query.In("ID", []int{1, 2}), query.IsNull("DeletedAt"),
			query.ILike("Email", "%a%"), query.Between("Age", 1, 9), query.Fields{"Name": "x"})},
		Order: []query.Order{{Column: "age", Desc: true}}}
	if err := s.Build(b, userCols); err != nil {
		t.Fatal(err)
	}
	want := `SELECT 1 FROM "orders" AS "o" WHERE ("o"."age" = $1 AND "o"."id" IN ($2, $3) AND "o"."deletedAt" IS NULL AND "o"."email" ILIKE $4 AND "o"."age" BETWEEN $5 AND $6 AND "o"."name" = $7) ORDER BY "o"."age" DESC`
	if diff := cmp.Diff(b.SQL(), want); diff != "" {
		t.Errorf("(-got +want):\n%s", diff)
	}
	// The qualification ends with the statement: a condition written
	// after it names its column alone.
	b.Reset()
	if err := query.Eq("Age", 3).Build(b, userCols); err != nil {
		t.Fatal(err)
	}
	if got := b.SQL(); got != `"age" = $1` {
		t.Errorf("after the statement: %s", got)
	}
}
