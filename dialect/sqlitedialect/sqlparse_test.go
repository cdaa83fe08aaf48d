package sqlitedialect_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/dialect/sqlitedialect"
	"github.com/strata-orm/strata/schema"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		sql  string
		want []string
	}{
		{`a>=1 AND "b""c" <> 'x''y' -- comment`, []string{"a", ">=", "1", "AND", `"b""c"`, "<>", "'x''y'"}},
		{"[my col] /* c */ `q` X'0F' 1.5e-3 .5 0x1F", []string{"[my col]", "`q`", "X'0F'", "1.5e-3", ".5", "0x1F"}},
		{"a||b->>'$.k' /* open", []string{"a", "||", "b", "->>", "'$.k'"}},
		{"", []string{}},
	}
	for _, tt := range tests {
		got, err := sqlitedialect.Tokens(tt.sql)
		if err != nil {
			t.Errorf("Tokens(%q): %v", tt.sql, err)
			continue
		}
		if diff := cmp.Diff(got, tt.want); diff != "" {
			t.Errorf("Tokens(%q) (-got +want):\n%s", tt.sql, diff)
		}
	}
	for _, bad := range []string{`'open`, `"open`, "`open", "[open", "x'0"} {
		if _, err := sqlitedialect.Tokens(bad); err == nil {
			t.Errorf("Tokens(%q): no error for an unterminated quote", bad)
		}
	}
}

func TestParseCreateTable(t *testing.T) {
	sql := `CREATE TABLE IF NOT EXISTS main."orders" (
	  "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
	  "total" DECIMAL(10, 2) NOT NULL DEFAULT (0.0) CHECK (total >= 0),
	  "state" TEXT DEFAULT 'open' CONSTRAINT "orders_state_enum" CHECK ("state" IN ('open', 'it''s, (odd)')),
	  [user id] INTEGER CONSTRAINT "fk_user" REFERENCES users (id) ON DELETE SET NULL ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
	  code VARCHAR(8) COLLATE NOCASE UNIQUE,
	  nick TEXT CONSTRAINT nick_u UNIQUE ON CONFLICT REPLACE,
	  product INTEGER REFERENCES products,
	  "twice" DECIMAL(10, 2) GENERATED ALWAYS AS (total * (1 + 1)) STORED NOT NULL,
	  v AS (abs(total)) COLLATE rtrim,
	  CONSTRAINT "orders_code_total_key" UNIQUE ("code", "total"),
	  UNIQUE (nick, code),
	  CONSTRAINT "orders_pair_fkey" FOREIGN KEY ("code", "nick") REFERENCES "pairs" ("a", "b") ON DELETE CASCADE,
	  FOREIGN KEY (product) REFERENCES products (id) MATCH SIMPLE,
	  CONSTRAINT "orders_sane" CHECK ((total < 1e9) AND "state" != 'x, y'),
	  CHECK (length(code) = 8)
	) WITHOUT ROWID`
	got, err := sqlitedialect.ParseCreateTable(sql)
	if err != nil {
		t.Fatal(err)
	}
	fk := func(name string, cols []string, ref string, refCols []string, del, upd schema.Action) *schema.ForeignKey {
		return &schema.ForeignKey{Name: name, Columns: cols, RefTable: ref, RefColumns: refCols, OnDelete: del, OnUpdate: upd}
	}
	deferred := func(k *schema.ForeignKey) *schema.ForeignKey {
		k.Deferrable, k.InitiallyDeferred = true, true
		return k
	}
	want := &sqlitedialect.TableDef{
		Name: "orders",
		Columns: []sqlitedialect.ColumnDef{
			{Name: "id", Type: "INTEGER", PrimaryKey: true, AutoIncrement: true},
			{Name: "total", Type: "DECIMAL(10, 2)", Checks: []schema.Check{{Expr: "total >= 0"}}},
			{Name: "state", Type: "TEXT", Checks: []schema.Check{{Name: "orders_state_enum", Expr: `"state" IN ('open', 'it''s, (odd)')`}}},
			{Name: "user id", Type: "INTEGER", ForeignKey: deferred(fk("fk_user", []string{"user id"}, "users", []string{"id"}, schema.SetNull, schema.Cascade))},
			{Name: "code", Type: "VARCHAR(8)", Unique: true, Collation: "NOCASE"},
			{Name: "nick", Type: "TEXT", Unique: true, UniqueName: "nick_u"},
			{Name: "product", Type: "INTEGER", ForeignKey: fk("", []string{"product"}, "products", nil, schema.NoAction, schema.NoAction)},
			{Name: "twice", Type: "DECIMAL(10, 2)", Generated: &schema.Generated{Expr: "total * (1 + 1)", Stored: true}},
			{Name: "v", Generated: &schema.Generated{Expr: "abs(total)"}, Collation: "rtrim"},
		},
		Uniques: []schema.Unique{{Name: "orders_code_total_key", Columns: []string{"code", "total"}}, {Columns: []string{"nick", "code"}}},
		ForeignKeys: []schema.ForeignKey{
			*fk("orders_pair_fkey", []string{"code", "nick"}, "pairs", []string{"a", "b"}, schema.Cascade, schema.NoAction),
			*fk("", []string{"product"}, "products", []string{"id"}, schema.NoAction, schema.NoAction),
		},
		Checks: []schema.Check{{Name: "orders_sane", Expr: `(total < 1e9) AND "state" != 'x, y'`}, {Expr: "length(code) = 8"}},
	}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("ParseCreateTable (-got +want):\n%s", diff)
	}
}

func TestParseCreateTableComposite(t *testing.T) {
	got, err := sqlitedialect.ParseCreateTable(`create temp table t (a int, b int, constraint t_pkey primary key (a desc, b), "check" text)`)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(got.PrimaryKey, []string{"a", "b"}); diff != "" {
		t.Errorf("primary key (-got +want):\n%s", diff)
	}
	if n := len(got.Columns); n != 3 || got.Columns[2].Name != "check" {
		t.Errorf("columns = %+v", got.Columns)
	}
}

func TestParseCreateTableErrors(t *testing.T) {
	tests := []struct{ sql, want string }{
		{"", "does not start with CREATE"},
		{"CREATE INDEX x ON t (a)", "not a CREATE TABLE"},
		{"CREATE TABLE", "missing table name"},
		{"CREATE TABLE t AS SELECT 1", "no column list"},
		{"CREATE TABLE t (a int", "unbalanced parentheses"},
		{"CREATE TABLE t (a text default 'x)", "unterminated quote"},
		{"CREATE TABLE IF t (a)", "expected IF NOT EXISTS"},
	}
	for _, tt := range tests {
		_, err := sqlitedialect.ParseCreateTable(tt.sql)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseCreateTable(%q) error = %v, want one containing %q", tt.sql, err, tt.want)
		}
	}
}

func TestParseCreateIndex(t *testing.T) {
	tests := []struct {
		sql   string
		cols  []string
		where string
	}{
		{`CREATE INDEX "orders_open" ON "orders" ("userId") WHERE "total" > 0`, []string{"userId"}, `"total" > 0`},
		{`CREATE UNIQUE INDEX IF NOT EXISTS ix ON main.t (a COLLATE NOCASE DESC, "b");`, []string{"a COLLATE NOCASE DESC", "b"}, ""},
		{`create index ix on t (lower(name), b) where (b in (1, 2)) and c is not null;`, []string{"lower(name)", "b"}, "(b in (1, 2)) and c is not null"},
	}
	for _, tt := range tests {
		cols, where, err := sqlitedialect.ParseCreateIndex(tt.sql)
		if err != nil || !cmp.Equal(cols, tt.cols) || where != tt.where {
			t.Errorf("ParseCreateIndex(%q) = %q, %q, %v; want %q, %q", tt.sql, cols, where, err, tt.cols, tt.where)
		}
	}
	for _, bad := range []string{"", "CREATE TABLE t (a)", "CREATE INDEX ix ON t", "CREATE INDEX ix ON t ('a"} {
		if _, _, err := sqlitedialect.ParseCreateIndex(bad); err == nil {
			t.Errorf("ParseCreateIndex(%q): no error", bad)
		}
	}
}

func TestParseEnumCheck(t *testing.T) {
	tests := []struct {
		expr, col string
		want      []string
	}{
		{`"state" IN ('open', 'paid')`, "state", []string{"open", "paid"}},
		{`(state in ('it''s', ''))`, "STATE", []string{"it's", ""}},
		{`"state" IN ('open') AND 1`, "state", nil},
		{`"other" IN ('open')`, "state", nil},
		{`"state" IN (1, 2)`, "state", nil},
		{`"state" IN ()`, "state", nil},
		{`'state' IN ('a')`, "state", nil},
		{`"state" = 'a'`, "state", nil},
	}
	for _, tt := range tests {
		got, ok := sqlitedialect.ParseEnumCheck(tt.expr, tt.col)
		if ok != (tt.want != nil) || !cmp.Equal(got, tt.want) {
			t.Errorf("ParseEnumCheck(%q, %q) = %q, %v; want %q", tt.expr, tt.col, got, ok, tt.want)
		}
	}
}

// FuzzParse feeds arbitrary text to every parser Inspect uses: none may
// panic, and tokens must sit where they say in the source.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`CREATE TABLE "t" ("id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "e" TEXT CONSTRAINT "t_e_enum" CHECK ("e" IN ('a', 'b')), CONSTRAINT "k" UNIQUE ("e"))`,
		`CREATE TABLE t (a REFERENCES p ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT f FOREIGN KEY (a) REFERENCES p (x) MATCH FULL, CHECK ((a)))`,
		`CREATE INDEX "i" ON "t" ("a", lower(b)) WHERE "a" > -1 -- c`,
		`CREATE TABLE x (a DEFAULT -, CONSTRAINT, FOREIGN KEY, PRIMARY, UNIQUE (, CHECK`,
		"(lower(hex(randomblob(4))) || '-')",
		`"rank" <> [x] /* c`, "x'", "[", `""""`, "0x", "1e+", ". 5",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, _ = sqlitedialect.Tokens(s)
		if def, err := sqlitedialect.ParseCreateTable(s); err == nil {
			for _, c := range def.Columns {
				for _, ck := range c.Checks {
					sqlitedialect.ParseEnumCheck(ck.Expr, c.Name)
				}
			}
		}
		_, _, _ = sqlitedialect.ParseCreateIndex(s)
		n := sqlitedialect.NormalizeExpr(s)
		_ = sqlitedialect.NormalizeExpr(n)
		_ = sqlitedialect.ParseDefault(s, schema.Boolean())
		_, _ = sqlitedialect.ParseDeclType(s)
	})
}
