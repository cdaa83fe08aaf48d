package mysqldialect_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialect/mysqldialect"
	"github.com/strata-orm/strata/schema"
)

func TestColumnType(t *testing.T) {
	d := mysqldialect.New()
	tests := []struct {
		in   schema.Type
		want string
	}{
		{schema.String(0), "VARCHAR(255)"},
		{schema.Char(36), "CHAR(36)"},
		{schema.Text(), "TEXT"},
		{schema.Integer(), "INT"},
		{schema.BigInt(), "BIGINT"},
		{schema.SmallInt(), "SMALLINT"},
		{schema.Float(), "FLOAT"},
		{schema.Double(), "DOUBLE"},
		{schema.Decimal(12, 3), "DECIMAL(12,3)"},
		{schema.Boolean(), "TINYINT(1)"},
		{schema.Date(), "DATETIME(6)"},
		{schema.DateOnly(), "DATE"},
		{schema.Time(), "TIME"},
		{schema.UUID(), "CHAR(36)"},
		{schema.JSON(), "JSON"},
		{schema.JSONB(), "JSON"},
		{schema.Blob(), "BLOB"},
		{schema.Enum("a", "it's", `back\slash`), `ENUM('a','it''s','back\\slash')`},
	}
	for _, tt := range tests {
		got, err := d.ColumnType(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ColumnType(%s) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, tt := range []struct {
		in   schema.Type
		want string
	}{
		{schema.Array(schema.Integer()), "ARRAY is not supported on MySQL/MariaDB; use JSON"},
		{schema.Type{Kind: "MONEY"}, `unknown type "MONEY"`},
		{schema.Type{Kind: schema.KindString}, "needs a positive length"},
	} {
		if _, err := d.ColumnType(tt.in); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ColumnType(%s) error = %v, want one containing %q", tt.in, err, tt.want)
		}
	}
}

func TestQuote(t *testing.T) {
	d := mysqldialect.New()
	if got := d.Quote("we`ird"); got != "`we``ird`" {
		t.Errorf("Quote = %s", got)
	}
	if d.Placeholder(7) != "?" || d.MaxIdentLen() != 64 || d.MaxParams() != 65535 || d.TransactionalDDL() || d.Name() != "mysql" {
		t.Error("dialect constants are wrong")
	}
}

// render replays setup offline and renders op after it.
func render(t *testing.T, op ddl.Op, setup ...ddl.Op) ([]dialect.Stmt, error) {
	t.Helper()
	db := &schema.Database{}
	if err := ddl.Replay(db, setup...); err != nil {
		t.Fatal(err)
	}
	return mysqldialect.New().Render(op, db)
}

func TestRender(t *testing.T) {
	users := ddl.CreateTable("users",
		ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
		ddl.Column("bio", schema.Text()),
		ddl.Column("name", schema.String(40)),
	)
	tests := []struct {
		name  string
		setup []ddl.Op
		op    ddl.Op
		want  []string
	}{
		{"check written in standard SQL", []ddl.Op{users},
			ddl.AddCheck("users", "", `"name" <> 'say "hi"' AND "bio" IS NOT NULL`),
			[]string{"ALTER TABLE `users` ADD CONSTRAINT `users_check` CHECK (`name` <> 'say \"hi\"' AND `bio` IS NOT NULL)"}},
		{"defaults and comments", nil,
			ddl.CreateTable("t",
				ddl.Column("at", schema.Time()).DefaultNow(),
				ddl.Column("n", schema.Integer()).DefaultExpr("1 + 2"),
				ddl.Column("doc", schema.JSON()).Default("{}"),
				ddl.Column("f", schema.Double()).Default("1e3"),
				ddl.Column("s", schema.String(10)).Default(`a\b`).Comment("it's"),
			).WithComment(`the "t" table`),
			[]string{"CREATE TABLE `t` (\n  `at` TIME DEFAULT (CURRENT_TIME),\n  `n` INT DEFAULT (1 + 2),\n  `doc` JSON DEFAULT ('{}'),\n" +
				"  `f` DOUBLE DEFAULT 1e3,\n  `s` VARCHAR(10) DEFAULT 'a\\\\b' COMMENT 'it''s'\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='the \"t\" table'"}},
		{"drop table if exists, missing", nil, ddl.DropTable("gone").WithIfExists(), []string{"DROP TABLE IF EXISTS `gone`"}},
		{"change column keeps nothing else", []ddl.Op{users},
			ddl.ChangeColumn("users", ddl.Column("name", schema.String(40))),
			[]string{"ALTER TABLE `users` MODIFY COLUMN `name` VARCHAR(40)"}},
		{"a new index serving a foreign key replaces strata's", []ddl.Op{users,
			ddl.CreateTable("posts", ddl.Column("id", schema.Integer()).PrimaryKey(), ddl.Column("userId", schema.Integer()).References("users", "id"))},
			ddl.AddIndex("posts", "userId", "id"),
			[]string{"ALTER TABLE `posts`\n  DROP INDEX `posts_userId_fkey`,\n  ADD KEY `posts_userId_id` (`userId`, `id`)"}},
		{"a removed primary key that served a foreign key", []ddl.Op{users,
			ddl.CreateTable("likes", ddl.Column("userId", schema.Integer()).NotNull().References("users", "id"), ddl.Column("n", schema.Integer()).NotNull()).
				WithPrimaryKey("userId", "n")},
			ddl.RemoveConstraint("likes", "likes_pkey"),
			[]string{"ALTER TABLE `likes`\n  DROP PRIMARY KEY,\n  ADD KEY `likes_userId_fkey` (`userId`)"}},
	}
	for _, tt := range tests {
		stmts, err := render(t, tt.op, tt.setup...)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		var got []string
		for _, s := range stmts {
			got = append(got, s.SQL)
		}
		if diff := cmp.Diff(got, tt.want); diff != "" {
			t.Errorf("%s (-got +want):\n%s", tt.name, diff)
		}
	}
}

func TestRenderRefuses(t *testing.T) {
	users := ddl.CreateTable("users",
		ddl.Column("id", schema.Integer()).PrimaryKey(),
		ddl.Column("bio", schema.Text()),
		ddl.Column("doc", schema.JSON()),
	)
	tests := []struct {
		name  string
		setup []ddl.Op
		op    ddl.Op
		want  string
	}{
		{"index on TEXT", []ddl.Op{users}, ddl.AddIndex("users", "bio"),
			`addIndex "users_bio" on "users": index "users_bio" of table "users" includes column "bio" of type TEXT, which MySQL cannot index as a whole; use STRING(n)`},
		{"unique on JSON", []ddl.Op{users}, ddl.AddUnique("users", "doc"), `column "doc" of type JSON`},
		{"TEXT primary key", nil, ddl.CreateTable("t", ddl.Column("k", schema.Text()).PrimaryKey()), `primary key "t_pkey" of table "t" includes column "k" of type TEXT`},
		{"partial index", []ddl.Op{users}, ddl.AddIndex("users", "id").Partial(`"id" > 0`), "partial indexes"},
		{"array", nil, ddl.CreateTable("t", ddl.Column("a", schema.Array(schema.Integer()))), "ARRAY is not supported on MySQL/MariaDB; use JSON"},
		{"long index name", []ddl.Op{users}, ddl.AddIndex("users", "id").Named(strings.Repeat("i", 65)), "at most 64"},
		{"long table name", []ddl.Op{users}, ddl.RenameTable("users", strings.Repeat("u", 65)), "at most 64"},
		{"SET NULL on NOT NULL", []ddl.Op{users}, ddl.CreateTable("x", ddl.Column("a", schema.Integer()).NotNull().References("users", "id").OnDelete(schema.SetNull)),
			`SET NULL on column "a", which is NOT NULL, and MySQL refuses such a key`},
		{"made NOT NULL under SET NULL", []ddl.Op{users, ddl.CreateTable("x", ddl.Column("a", schema.Integer()).References("users", "id").OnDelete(schema.SetNull))},
			ddl.ChangeColumn("x", ddl.Column("a", schema.Integer()).NotNull()), `SET NULL on column "a"`},
		{"checked offline first", []ddl.Op{users}, ddl.RemoveColumn("users", "nope"), `table "users" has no column "nope"`},
	}
	for _, tt := range tests {
		stmts, err := render(t, tt.op, tt.setup...)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Render = %d statements, error %v; want one containing %q", tt.name, len(stmts), err, tt.want)
		}
	}
	if _, err := mysqldialect.New().Render(ddl.CreateTable("t", ddl.Column("a", schema.Integer())), nil); err != nil {
		t.Errorf("Render with a nil schema: %v", err)
	}
}

func TestCanonical(t *testing.T) {
	d := mysqldialect.New()
	in := &schema.Database{Tables: []schema.Table{{
		Name: "t",
		Columns: []schema.Column{
			{Name: "id", Type: schema.UUID(), NotNull: true, Default: schema.Expr("uuid()")},
			{Name: "doc", Type: schema.JSONB()},
			{Name: "price", Type: schema.Decimal(10, 2), Default: schema.Literal(0)},
			{Name: "neg", Type: schema.Decimal(5, 1), Default: schema.Literal("-007.25")},
			{Name: "ratio", Type: schema.Float(), Default: schema.Literal("0.50")},
			{Name: "n", Type: schema.Integer(), Default: schema.Literal("+3")},
			{Name: "on", Type: schema.Boolean(), Default: schema.Literal("1")},
			{Name: "at", Type: schema.Date(), Default: schema.Literal("2026-01-02 03:04:05.500000")},
			{Name: "then", Type: schema.Date(), Default: schema.Expr("CURRENT_TIMESTAMP")},
			{Name: "ref", Type: schema.Integer()},
		},
		PrimaryKey:  []string{"id"},
		Indexes:     []schema.Index{{Name: "t_ref_fkey", Columns: []string{"ref"}}, {Name: "t_u", Columns: []string{"n"}, Unique: true}, {Name: "t_at", Columns: []string{"at"}}},
		ForeignKeys: []schema.ForeignKey{{Name: "t_ref_fkey", Columns: []string{"ref"}, RefTable: "t2", RefColumns: []string{"id"}, OnDelete: schema.Restrict}},
		Checks:      []schema.Check{{Name: "c", Expr: `("n" > 0)`}},
	}}}
	want := &schema.Database{TableScopedIndexNames: true, Tables: []schema.Table{{
		Name: "t",
		Columns: []schema.Column{
			{Name: "id", Type: schema.Char(36), NotNull: true, Default: schema.UUIDv4()},
			{Name: "doc", Type: schema.JSON()},
			{Name: "price", Type: schema.Decimal(10, 2), Default: schema.Literal("0.00")},
			{Name: "neg", Type: schema.Decimal(5, 1), Default: schema.Literal("-7.3")},
			{Name: "ratio", Type: schema.Float(), Default: schema.Literal("0.5")},
			{Name: "n", Type: schema.Integer(), Default: schema.Literal("3")},
			{Name: "on", Type: schema.Boolean(), Default: schema.Literal("true")},
			{Name: "at", Type: schema.Date(), Default: schema.Literal("2026-01-02 03:04:05.5")},
			{Name: "then", Type: schema.Date(), Default: schema.Now()},
			{Name: "ref", Type: schema.Integer()},
		},
		PrimaryKey:  []string{"id"},
		Uniques:     []schema.Unique{{Name: "t_u", Columns: []string{"n"}}},
		Indexes:     []schema.Index{{Name: "t_at", Columns: []string{"at"}}},
		ForeignKeys: []schema.ForeignKey{{Name: "t_ref_fkey", Columns: []string{"ref"}, RefTable: "t2", RefColumns: []string{"id"}, OnDelete: schema.NoAction, OnUpdate: schema.NoAction}},
		Checks:      []schema.Check{{Name: "c", Expr: "`n` > 0"}},
	}}}
	orig := in.Clone()
	if diff := cmp.Diff(d.Canonical(in), want); diff != "" {
		t.Errorf("Canonical (-got +want):\n%s", diff)
	}
	if diff := cmp.Diff(in, orig); diff != "" {
		t.Errorf("Canonical changed its argument:\n%s", diff)
	}
	if got := d.Canonical(nil); got == nil || len(got.Tables) != 0 {
		t.Errorf("Canonical(nil) = %v", got)
	}
}
