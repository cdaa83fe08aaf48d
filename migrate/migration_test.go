package migrate

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/schema"
)

func TestCheckName(t *testing.T) {
	for _, ok := range []string{"20261126184503-create-user", "20261126184503-a", "20240229000000-leap_day-2"} {
		if err := CheckName(ok); err != nil {
			t.Errorf("CheckName(%q) = %v", ok, err)
		}
	}
	tests := []struct{ name, want string }{
		{"create-user", "is not YYYYMMDDHHMMSS-name"},
		{"2026112618450-create-user", "is not YYYYMMDDHHMMSS-name"},
		{"20261126184503_create-user", "is not YYYYMMDDHHMMSS-name"},
		{"20261126184503-", "is not YYYYMMDDHHMMSS-name"},
		{"20261326184503-x", `"20261326184503", which is not a valid YYYYMMDDHHMMSS timestamp`},
		{"20230229184503-x", "not a valid YYYYMMDDHHMMSS timestamp"},
		{"20261126184503-create user", `contains ' '`},
		{"20261126184503-create.user", `contains '.'`},
	}
	for _, tt := range tests {
		err := CheckName(tt.name)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("CheckName(%q) = %v, want an error containing %q", tt.name, err, tt.want)
		}
	}
}

func users() *ddl.CreateTableOp {
	return ddl.CreateTable("users", ddl.Column("id", schema.Integer()).PrimaryKey())
}

func TestRegistryAddTakesNameFromFile(t *testing.T) {
	var r Registry
	r.Add(Migration{Up: []ddl.Op{users()}})
	r.Add(Migration{Name: "20261126184503-named", Up: []ddl.Op{users()}})
	if r[0].Name != "migration_test" {
		t.Errorf("name from the file = %q, want migration_test", r[0].Name)
	}
	if r[1].Name != "20261126184503-named" {
		t.Errorf("explicit name replaced: %q", r[1].Name)
	}
	if !strings.Contains(r[0].Source, "migration_test.go:") {
		t.Errorf("source = %q, want the file and line of the Add call", r[0].Source)
	}
	// The derived name is not a valid migration name: loading says so and
	// names the file.
	_, err := collect([]Registry{r[:1]}, nil, flavor{})
	if err == nil || !strings.Contains(err.Error(), "migration_test.go:") || !strings.Contains(err.Error(), `name "migration_test" is not YYYYMMDDHHMMSS-name`) {
		t.Errorf("error = %v", err)
	}
}

func TestLoadGoErrors(t *testing.T) {
	up := []ddl.Op{users()}
	noop := func(context.Context, Executor) error { return nil }
	tests := []struct {
		name string
		m    Migration
		want string
	}{
		{"empty", Migration{}, "is empty: give it Up and Down, Change, or UpFunc and DownFunc"},
		{"down only", Migration{Down: up}, "has a Down but no Up"},
		{"change and up", Migration{Up: up, Change: up}, "has both Change and Up/Down"},
		{"ops and func", Migration{Up: up, UpFunc: noop}, "has both operations and Go functions"},
		{"nil op", Migration{Up: []ddl.Op{users(), nil}}, "Up[1] is a nil operation"},
		{"change remove column", Migration{Change: []ddl.Op{ddl.AddColumn("users", ddl.Column("a", schema.Text())), ddl.RemoveColumn("users", "b")}},
			`the down of removeColumn "users"."b" cannot be derived for Change: its reverse needs the schema as it was before it; write Up and Down`},
		{"change drop table", Migration{Change: []ddl.Op{ddl.DropTable("users")}}, `down of dropTable "users"`},
		{"change change column", Migration{Change: []ddl.Op{ddl.ChangeColumn("users", ddl.Column("a", schema.Text()))}}, `down of changeColumn "users"."a"`},
		{"change remove index", Migration{Change: []ddl.Op{ddl.RemoveIndex("users", "i")}}, `down of removeIndex "i"`},
		{"change remove constraint", Migration{Change: []ddl.Op{ddl.RemoveConstraint("users", "c")}}, `down of removeConstraint "c"`},
		{"change bulk update", Migration{Change: []ddl.Op{ddl.BulkUpdate("users", ddl.Row{"a": 1}, nil)}}, `down of bulkUpdate "users"`},
		{"change bulk delete", Migration{Change: []ddl.Op{ddl.BulkDelete("users", nil)}}, `down of bulkDelete from "users"`},
		{"change bulk insert", Migration{Change: []ddl.Op{ddl.BulkInsert("users", ddl.Row{"id": 1})}}, `down of bulkInsert 1 rows into "users"`},
		{"change raw", Migration{Change: []ddl.Op{ddl.Raw("SELECT 1")}}, `down of raw "SELECT 1" cannot be derived for Change: raw SQL has no reverse; give it one with WithReverse, or write Up and Down`},
		{"unencodable arg", Migration{Up: []ddl.Op{ddl.Raw("SELECT ?", func() {})}}, "cannot checksum its up operations"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.m.Name = "20261126184503-x"
			tt.m.Source = "migrations/20261126184503-x.go:12"
			_, err := loadGo(tt.m)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want one containing %q", err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "migrate: 20261126184503-x (migrations/20261126184503-x.go:12): ") {
				t.Errorf("error %q does not start by naming the migration and its source", err)
			}
		})
	}
}

func TestChangeDerivesDown(t *testing.T) {
	m, err := loadGo(Migration{Name: "20261126184503-x", Change: []ddl.Op{
		users(),
		ddl.AddColumn("users", ddl.Column("age", schema.Integer())),
		ddl.RenameColumn("users", "age", "years"),
		ddl.AddIndex("users", "years"),
		ddl.AddUnique("users", "years"),
		ddl.RenameTable("users", "people"),
		ddl.Raw("CREATE VIEW v AS SELECT 1").WithReverse(ddl.Raw("DROP VIEW v")),
	}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, op := range m.down.ops {
		got = append(got, op.String())
	}
	want := []string{
		`raw "DROP VIEW v"`,
		`renameTable "people" to "users"`,
		`removeConstraint "users_years_key" on "users"`,
		`removeIndex "users_years" on "users"`,
		`renameColumn "users"."years" to "age"`,
		`removeColumn "users"."age"`,
		`dropTable "users"`,
	}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("derived down (-got +want):\n%s", diff)
	}
	// Replaying up then the derived down leaves nothing.
	db := &schema.Database{}
	if err := ddl.Replay(db, m.up.ops...); err != nil {
		t.Fatal(err)
	}
	if err := ddl.Replay(db, m.down.ops...); err != nil {
		t.Fatal(err)
	}
	if len(db.Tables) != 0 {
		t.Errorf("tables left after up and derived down: %v", db.TableNames())
	}
}

func TestGoChecksum(t *testing.T) {
	base := Migration{Name: "20261126184503-x", Up: []ddl.Op{users()}, Down: []ddl.Op{ddl.DropTable("users")}}
	sum := func(m Migration) string {
		t.Helper()
		lm, err := loadGo(m)
		if err != nil {
			t.Fatal(err)
		}
		return lm.checksum
	}
	want := sum(base)
	if !strings.HasPrefix(want, "v1:sha256:") {
		t.Fatalf("checksum %q", want)
	}
	if sum(base) != want {
		t.Error("checksum is not stable")
	}
	edits := map[string]Migration{
		"column type": {Name: base.Name, Up: []ddl.Op{ddl.CreateTable("users", ddl.Column("id", schema.BigInt()).PrimaryKey())}, Down: base.Down},
		"down":        {Name: base.Name, Up: base.Up, Down: []ddl.Op{ddl.DropTable("users").WithCascade()}},
		"no down":     {Name: base.Name, Up: base.Up},
		"no tx":       {Name: base.Name, Up: base.Up, Down: base.Down, NoTx: true},
		"as change":   {Name: base.Name, Change: base.Up},
	}
	for what, m := range edits {
		if sum(m) == want {
			t.Errorf("editing the %s kept the checksum", what)
		}
	}
	// Go code: its own source text, or its Version.
	goSum := func(m Migration) (string, string) {
		t.Helper()
		m.Name = base.Name
		lm, err := loadGo(m)
		if err != nil {
			t.Fatal(err)
		}
		return lm.checksum, lm.unchecked
	}
	one := func(context.Context, Executor) error { return nil }
	other := func(context.Context, Executor) error { return errors.New("other") }
	a, why := goSum(Migration{UpFunc: one})
	if !strings.HasPrefix(a, "v1:sha256:") || why != "" {
		t.Fatalf("Go code migration: checksum %q (%s); want its source hashed", a, why)
	}
	if b, _ := goSum(Migration{UpFunc: one}); b != a {
		t.Error("a Go function's checksum is not stable")
	}
	for what, m := range map[string]Migration{
		"body": {UpFunc: other}, "down": {UpFunc: one, DownFunc: one}, "no tx": {UpFunc: one, NoTx: true}, "version": {UpFunc: one, Version: "1"},
	} {
		if b, _ := goSum(m); b == a || b == "" {
			t.Errorf("Go code migration: editing the %s gave checksum %q (before %q)", what, b, a)
		}
	}
	// A closure made by a helper: its text is checked, what it captures is
	// not, and Status says so.
	if _, why := goSum(Migration{UpFunc: execFunc("CREATE TABLE a (id int)")}); !strings.Contains(why, "captures query") {
		t.Errorf("a helper's closure: unchecked %q, want it to say it captures query", why)
	}
	if _, why := goSum(Migration{UpFunc: execFunc("x"), Version: "1"}); why != "" {
		t.Errorf("a helper's closure with a Version: unchecked %q", why)
	}
	if _, err := loadGo(Migration{Name: base.Name, Up: base.Up, Version: "1"}); err == nil || !strings.Contains(err.Error(), "Version, which is for") {
		t.Errorf("Version on operations: %v", err)
	}
}

func TestCollect(t *testing.T) {
	fsys := fstest.MapFS{
		"migrations/20261126184506-create-order.sql": {Data: []byte("-- strata:up\nCREATE TABLE orders (id int);\n-- strata:down\nDROP TABLE orders;\n")},
		"migrations/20261126184503-create-user.sql":  {Data: []byte("-- strata:up\nCREATE TABLE users (id int);\n")},
		"migrations/README.md":                       {Data: []byte("not a migration")},
		"migrations/sub/20261126184599-ignored.sql":  {Data: []byte("garbage")},
	}
	reg := Registry{{Name: "20261126184505-go-one", Up: []ddl.Op{users()}}}
	ms, err := collect([]Registry{reg}, []fsSource{{fsys, "migrations"}}, flavorFor("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range ms {
		got = append(got, string(m.kind)+" "+m.name+" "+m.source)
	}
	want := []string{
		"sql 20261126184503-create-user migrations/20261126184503-create-user.sql",
		"go 20261126184505-go-one ",
		"sql 20261126184506-create-order migrations/20261126184506-create-order.sql",
	}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("(-got +want):\n%s", diff)
	}
	if ms[0].down != nil || ms[2].down == nil {
		t.Error("a file without a down section must be irreversible; one with it reversible")
	}
}

func TestCollectErrors(t *testing.T) {
	fsys := fstest.MapFS{
		"m/20261126184503-create-user.sql": {Data: []byte("-- strata:up\nSELECT 1;")},
		"m/2026-bad-name.sql":              {Data: []byte("-- strata:up\nSELECT 1;")},
		"m/20261126184504-broken.sql":      {Data: []byte("-- strata:up\nSELECT 'x;")},
		"m/20261126184505-same-stamp.sql":  {Data: []byte("-- strata:up\nSELECT 1;")},
		"m/20261126184505-same-stamp2.sql": {Data: []byte("-- strata:up\nSELECT 1;")},
	}
	reg := Registry{{Name: "20261126184503-create-user", Source: "migrations/20261126184503-create-user.go:9", Up: []ddl.Op{users()}}}
	_, err := collect([]Registry{reg}, []fsSource{{fsys, "m"}}, flavorFor("postgres"))
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		`m/2026-bad-name.sql: file name "2026-bad-name" is not YYYYMMDDHHMMSS-name`,
		"m/20261126184504-broken.sql: line 2: unterminated string",
		"migration 20261126184503-create-user is defined twice: in migrations/20261126184503-create-user.go:9 and in m/20261126184503-create-user.sql",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not contain %q:\n%v", want, err)
		}
	}
	if strings.Contains(err.Error(), "same-stamp") {
		t.Errorf("two names with the same timestamp are allowed, but: %v", err)
	}
	if _, err := collect(nil, []fsSource{{fsys, "nope"}}, flavor{}); err == nil || !strings.Contains(err.Error(), `read migrations directory "nope"`) {
		t.Errorf("missing directory: %v", err)
	}
}

// execFunc is a helper making a migration function from SQL.
func execFunc(query string) func(context.Context, Executor) error {
	return func(ctx context.Context, ex Executor) error {
		_, err := ex.ExecContext(ctx, query)
		return err
	}
}
