package query_test

import (
	"fmt"
	"github.com/strata-orm/strata/internal/golden"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/internal/query"
)

func qc(t, c string) query.Col { return query.Col{Table: t, Column: c} }

// orderCols resolves the columns of orders.
var orderCols = cols{"ID": "id", "UserID": "userId", "Total": "total", "DeletedAt": "deletedAt"}

// windowed is the per-parent limit of include loading: the rows numbered
// per parent in a subquery, the first two kept.
func windowed() *query.Select {
	inner := &query.Select{Table: "orders", Limit: -1,
		Exprs: []query.Expr{{Col: qc("orders", "id"), As: "c0"}, {Col: qc("orders", "userId"), As: "c1"},
			query.RowNumber(query.Window{Partition: qc("orders", "userId"),
				Order: []query.Order{{Table: "orders", Column: "total", Desc: true, Nulls: "LAST"}, {Table: "orders", Column: "id", Plain: true}}}, "rn")},
		Where: []query.Cond{query.KeysIn(qc("orders", "userId"), []any{int64(1), int64(2)}), query.ColIsNull(qc("orders", "deletedAt"))}}
	return &query.Select{From: inner, Alias: "w", Limit: -1,
		Exprs: []query.Expr{query.C("", "c0"), query.C("", "c1")},
		Where: []query.Cond{query.ColAtMost(qc("", "rn"), 2)},
		Order: []query.Order{{Column: "c1", Plain: true}, {Column: "rn", Plain: true}}}
}

// The statements over several tables that include loading, joins, counts
// and aggregates are translated to, per dialect, pinned by golden files
// (go test ./internal/query -update rewrites them).
var selectCases = []struct {
	name string
	st   stmt
}{
	{"alias-qualified", withCols{&query.Select{Table: "users", Alias: "u", Qualify: true, Columns: nil,
		Exprs: []query.Expr{query.C("u", "id"), {Col: qc("u", "email"), As: "e"}},
		Where: []query.Cond{query.Eq("Age", 3)}, Order: []query.Order{{Column: "email"}, {Table: "x", Column: "id", Plain: true}}, Limit: 5}}},
	{"left-join", withCols{&query.Select{Table: "users", Qualify: true,
		Exprs: []query.Expr{query.C("users", "id"), query.C("m", "id")},
		Joins: []query.Join{{Kind: query.LeftJoin, Table: "users", Alias: "m", On: []query.Cond{
			query.ColEq(qc("m", "id"), qc("users", "managerId")), query.Qualify("m", userCols, query.Gt("Age", 30)), query.ColIsNull(qc("m", "deletedAt"))}}},
		Where: []query.Cond{query.Eq("Email", "a")}, Order: []query.Order{{Column: "id", Nulls: "FIRST"}}, Limit: 10, Offset: 20}}},
	{"inner-join", withCols{&query.Select{Table: "products", Limit: -1,
		Exprs: []query.Expr{query.C("products", "id"), query.C("links", "orderId")},
		Joins: []query.Join{{Table: "links", On: []query.Cond{query.ColEq(qc("links", "productId"), qc("products", "id"))}}},
		Where: []query.Cond{query.KeysIn(qc("links", "orderId"), []any{"a", "b"}), query.Qualify("links", userCols, query.Gte("Age", 2))},
		Order: []query.Order{{Table: "links", Column: "orderId", Plain: true}, {Table: "products", Column: "id", Plain: true}}}}},
	{"window", withCols{windowed()}},
	{"exists", withCols{sel(query.Exists(&query.Select{Table: "orders", Alias: "e0", Exprs: []query.Expr{query.One()}, Limit: -1,
		Where: []query.Cond{query.ColEq(qc("e0", "userId"), qc("users", "id")), query.Qualify("e0", orderCols, query.Gt("Total", 5)),
			query.Exists(&query.Select{Table: "products", Alias: "e1", Exprs: []query.Expr{query.One()}, Limit: -1,
				Joins: []query.Join{{Table: "links", Alias: "j1", On: []query.Cond{query.ColEq(qc("j1", "productId"), qc("e1", "id"))}}},
				Where: []query.Cond{query.ColEq(qc("j1", "orderId"), qc("e0", "id"))}})}}))}},
	{"count", withCols{&query.Select{Table: "users", Exprs: []query.Expr{query.CountRows()}, Where: []query.Cond{query.Eq("Age", 3)}, Limit: -1}}},
	{"count-subquery", withCols{&query.Select{From: &query.Select{Table: "users", Columns: []string{"age"}, Group: []string{"age"}, Limit: -1},
		Alias: "n", Exprs: []query.Expr{query.CountRows()}, Limit: -1}}},
	{"count-distinct-joined", withCols{&query.Select{Table: "products", Limit: -1,
		Exprs: []query.Expr{query.Aggregate(query.CountDistinct, qc("products", "id"))},
		Joins: []query.Join{{Table: "links", On: []query.Cond{query.ColEq(qc("links", "productId"), qc("products", "id"))}}},
		Where: []query.Cond{query.ColIs(qc("links", "orderId"), 7)}}}},
	{"aggregates", withCols{&query.Select{Table: "users", Limit: -1, Exprs: []query.Expr{
		query.Aggregate(query.Sum, qc("", "age")), query.Aggregate(query.Min, qc("", "age")),
		query.Aggregate(query.Max, qc("", "age")), query.Aggregate(query.Avg, qc("", "age"))}}}},
	{"exists-one", withCols{&query.Select{Table: "users", Exprs: []query.Expr{query.One()}, Where: []query.Cond{query.Eq("ID", 1)}, Limit: 1}}},
	{"lock-skip-locked", withCols{&query.Select{Table: "users", Where: []query.Cond{query.Eq("Age", 3)}, Limit: 10, Lock: query.ForUpdate, LockWait: query.SkipLocked}}},
	{"lock-share-nowait", withCols{&query.Select{Table: "users", Limit: -1, Lock: query.ForShare, LockWait: query.NoWait}}},
	{"lock-of", withCols{&query.Select{Table: "users", Limit: -1, Lock: query.ForUpdate, LockOf: []string{"users"}}}},
	{"unknown-aggregate", withCols{&query.Select{Table: "users", Limit: -1, Exprs: []query.Expr{query.Aggregate(query.Agg(99), qc("", "age"))}}}},
}

func TestSelectGoldenSQL(t *testing.T) {
	for _, d := range dialects {
		var out strings.Builder
		for _, c := range selectCases {
			s, err := render(d, c.st)
			if err != nil {
				s = "error: " + err.Error()
			}
			fmt.Fprintf(&out, "-- %s\n%s\n\n", c.name, s)
		}
		path := filepath.Join("testdata", "golden", "select_"+d.name+".sql")
		golden.Check(t, path, []byte(out.String()))
	}
}

// With QueryFeatures.AnyArray, integer keys are one array argument;
// others stay an IN list.
func TestKeysInAnyArray(t *testing.T) {
	d := dialects[0]
	f := d.feat
	f.AnyArray = true
	for _, tt := range []struct {
		keys []any
		want string
		args []any
	}{
		{[]any{int64(1), int64(2)}, `"t"."k" = ANY($1)`, []any{[]int64{1, 2}}},
		{[]any{int64(1), "b"}, `"t"."k" IN ($1, $2)`, []any{int64(1), "b"}},
	} {
		b := query.NewBuilder(d, &f)
		if err := query.KeysIn(qc("t", "k"), tt.keys).Build(b, nil); err != nil {
			t.Fatal(err)
		}
		if b.SQL() != tt.want {
			t.Errorf("keys %v: %s, want %s", tt.keys, b.SQL(), tt.want)
		}
		if diff := cmp.Diff(b.Args, tt.args); diff != "" {
			t.Errorf("keys %v: args (-got +want):\n%s", tt.keys, diff)
		}
	}
}

// A lock option the server lacks is refused whole; MySQL 8 writes a
// shared lock with options as FOR SHARE, which takes them where LOCK IN
// SHARE MODE does not.
func TestLockOptionsPerServer(t *testing.T) {
	my := dialects[1]
	mysql8 := my.feat
	mysql8.MariaDBComments, mysql8.LockOf, mysql8.ForShareOptions = false, true, "FOR SHARE"
	old := my.feat
	old.LockSkipLocked = false // MariaDB 10.5
	for _, tt := range []struct {
		name string
		f    dialect.QueryFeatures
		s    query.Select
		want string
	}{
		{"mysql8 share", mysql8, query.Select{Table: "t", Limit: -1, Lock: query.ForShare, LockWait: query.SkipLocked, LockOf: []string{"t"}},
			"SELECT * FROM `t` FOR SHARE OF `t` SKIP LOCKED"},
		{"mysql8 share plain", mysql8, query.Select{Table: "t", Limit: -1, Lock: query.ForShare}, "SELECT * FROM `t` LOCK IN SHARE MODE"},
		{"mariadb 10.5 skip locked", old, query.Select{Table: "t", Limit: -1, Lock: query.ForUpdate, LockWait: query.SkipLocked},
			"error: strata: SKIP LOCKED is not supported on mysql; use a server that has it (MariaDB 10.6, MySQL 8.0)"},
		{"mariadb of", my.feat, query.Select{Table: "t", Limit: -1, Lock: query.ForUpdate, LockOf: []string{"t"}},
			"error: strata: a row lock of named tables (OF) is not supported on mysql; leave LockOf out: the lock then covers the rows of every table the query reads (MariaDB has no FOR UPDATE OF)"},
	} {
		f := tt.f
		b := query.NewBuilder(my, &f)
		got := ""
		if err := tt.s.Build(b, nil); err != nil {
			got = "error: " + err.Error()
		} else {
			got = b.SQL()
		}
		if got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
}
