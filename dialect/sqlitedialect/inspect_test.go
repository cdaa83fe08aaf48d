package sqlitedialect_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect/sqlitedialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/schema"
)

// TestInspectForeignSchema reads tables strata did not make: Sequelize's
// backquoted column constraints, unnamed constraints, REFERENCES without
// columns, expression and partial indexes.
func TestInspectForeignSchema(t *testing.T) {
	ctx := context.Background()
	d := sqlitedialect.New()
	db := openFile(t)
	for _, s := range []string{
		"CREATE TABLE IF NOT EXISTS `Users` (`id` INTEGER PRIMARY KEY AUTOINCREMENT, `email` VARCHAR(255) NOT NULL UNIQUE, " +
			"`active` TINYINT(1) DEFAULT 1, `role` TEXT DEFAULT 'user' CHECK (`role` IN ('user', 'admin')), " +
			"`score` REAL CONSTRAINT score_positive CHECK (score >= 0), `createdAt` DATETIME NOT NULL DEFAULT (datetime('now')))",
		"CREATE TABLE `Orders` (`id` INTEGER PRIMARY KEY AUTOINCREMENT, " +
			"`userId` INTEGER REFERENCES `Users` (`id`) ON DELETE CASCADE ON UPDATE CASCADE, " +
			"`ownerId` INTEGER REFERENCES Users, `total` NUMERIC, `code` CHAR(8), CHECK (total >= 0), UNIQUE (`userId`, `code`))",
		"CREATE INDEX `orders_lower_code` ON `Orders` (lower(`code`), `total`)",
		"CREATE UNIQUE INDEX `orders_open` ON `Orders` (`userId`) WHERE total > 0",
		"CREATE VIEW `UserEmails` AS SELECT `email` FROM `Users`",
		"CREATE TABLE `SequelizeMeta` (`name` VARCHAR(255) NOT NULL UNIQUE PRIMARY KEY)",
		"INSERT INTO `Users` (`email`, `createdAt`) VALUES ('a@x', '2026-01-01')",
	} {
		if _, err := db.ExecContext(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	got, err := d.Inspect(ctx, db, "SequelizeMeta")
	if err != nil {
		t.Fatal(err)
	}
	want := &schema.Database{Tables: []schema.Table{
		{
			Name: "Orders",
			Columns: []schema.Column{
				{Name: "id", Type: schema.Integer(), NotNull: true, AutoIncrement: true},
				{Name: "userId", Type: schema.Integer()},
				{Name: "ownerId", Type: schema.Integer()},
				{Name: "total", Type: schema.Native("sqlite", "NUMERIC")},
				{Name: "code", Type: schema.Char(8)},
			},
			PrimaryKey: []string{"id"},
			Uniques:    []schema.Unique{{Name: "Orders_userId_code_key", Columns: []string{"userId", "code"}}},
			Indexes: []schema.Index{
				{Name: "orders_lower_code", Columns: []string{"lower(`code`)", "total"}},
				{Name: "orders_open", Columns: []string{"userId"}, Unique: true, Where: "total > 0"},
			},
			ForeignKeys: []schema.ForeignKey{
				{Name: "Orders_ownerId_fkey", Columns: []string{"ownerId"}, RefTable: "Users", RefColumns: []string{"id"}, OnDelete: schema.NoAction, OnUpdate: schema.NoAction},
				{Name: "Orders_userId_fkey", Columns: []string{"userId"}, RefTable: "Users", RefColumns: []string{"id"}, OnDelete: schema.Cascade, OnUpdate: schema.Cascade},
			},
			Checks: []schema.Check{{Name: "Orders_check", Expr: "total >= 0"}},
		},
		{
			Name: "Users",
			Columns: []schema.Column{
				{Name: "id", Type: schema.Integer(), NotNull: true, AutoIncrement: true},
				{Name: "email", Type: schema.String(255), NotNull: true},
				// Spellings strata does not write read as written.
				{Name: "active", Type: schema.Native("sqlite", "TINYINT(1)"), Default: schema.Literal("1")},
				{Name: "role", Type: schema.Enum("user", "admin"), Default: schema.Literal("user")},
				{Name: "score", Type: schema.Native("sqlite", "REAL")},
				{Name: "createdAt", Type: schema.Date(), NotNull: true, Default: schema.Expr("datetime('now')")},
			},
			PrimaryKey: []string{"id"},
			Uniques:    []schema.Unique{{Name: "Users_email_key", Columns: []string{"email"}}},
			Checks:     []schema.Check{{Name: "score_positive", Expr: "score >= 0"}},
		},
	}, Objects: []schema.Object{
		{Kind: schema.ObjectView, Name: "UserEmails", Dialect: "sqlite", Definition: "CREATE VIEW `UserEmails` AS SELECT `email` FROM `Users`"},
	}}
	want.Normalize()
	got.Normalize()
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("Inspect (-got +want):\n%s", diff)
	}

	// Inside a transaction and on a held connection, too (one connection:
	// every result set must be closed before the next query).
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	inTx, err := d.Inspect(ctx, tx, "SequelizeMeta")
	tx.Rollback()
	if err != nil {
		t.Fatal(err)
	}
	inTx.Normalize()
	if diff := cmp.Diff(inTx, want); diff != "" {
		t.Errorf("Inspect in a transaction (-got +want):\n%s", diff)
	}
}

func TestInspectUnknownType(t *testing.T) {
	ctx := context.Background()
	db := openFile(t)
	if _, err := db.ExecContext(ctx, `CREATE TABLE "shapes" ("id" INTEGER PRIMARY KEY, "area" GEOMETRY)`); err != nil {
		t.Fatal(err)
	}
	got, err := sqlitedialect.New().Inspect(ctx, db)
	if err != nil {
		t.Fatalf("Inspect: %v", err)
	}
	if typ := got.Tables[0].Columns[1].Type; !typ.Equal(schema.Native("sqlite", "GEOMETRY")) {
		t.Errorf("area type = %v, want NATIVE(sqlite,'GEOMETRY')", typ)
	}
	if _, err := sqlitedialect.New().Inspect(ctx, db, "shapes"); err != nil {
		t.Errorf("Inspect skipping the table: %v", err)
	}
}

func TestCanonical(t *testing.T) {
	d := sqlitedialect.New()
	in := &schema.Database{Tables: []schema.Table{{
		Name:    "t",
		Comment: "a table",
		Columns: []schema.Column{
			{Name: "id", Type: schema.BigInt(), AutoIncrement: true, Comment: "the key"},
			{Name: "n", Type: schema.SmallInt(), Default: schema.Expr(" ( 1+2 ) ")},
			{Name: "e", Type: schema.Enum("a", "b")},
		},
		PrimaryKey: []string{"id"},
		Indexes:    []schema.Index{{Name: "t_n", Columns: []string{"n"}, Where: `("n" > 0)`}},
		Checks:     []schema.Check{{Name: "t_check", Expr: `"n"<>3`}},
	}}}
	want := &schema.Database{Tables: []schema.Table{{
		Name: "t",
		Columns: []schema.Column{
			{Name: "id", Type: schema.Integer(), NotNull: true, AutoIncrement: true},
			{Name: "n", Type: schema.SmallInt(), Default: schema.Expr("1 + 2")},
			{Name: "e", Type: schema.Enum("a", "b")},
		},
		PrimaryKey: []string{"id"},
		Indexes:    []schema.Index{{Name: "t_n", Columns: []string{"n"}, Where: "n > 0"}},
		Checks:     []schema.Check{{Name: "t_check", Expr: "n != 3"}},
	}}}
	got := d.Canonical(in)
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("Canonical (-got +want):\n%s", diff)
	}
	if in.Tables[0].Comment == "" || in.Tables[0].Columns[0].Type.Kind != schema.KindBigInt {
		t.Error("Canonical changed its argument")
	}
	if diff := cmp.Diff(d.Canonical(got), got); diff != "" {
		t.Errorf("Canonical is not stable (-again +once):\n%s", diff)
	}
	if got := d.Canonical(nil); got == nil || len(got.Tables) != 0 {
		t.Errorf("Canonical(nil) = %+v", got)
	}
}

// TestExplicitDefaultNull: a column a schema declares DEFAULT NULL is read
// as the expression NULL and made again with DEFAULT NULL (pragma
// table_info says "NULL" for both); Canonical takes it as no default, so
// it compares equal to a column without one, and strata's own columns
// without a default stay without.
func TestExplicitDefaultNull(t *testing.T) {
	ctx := context.Background()
	src := rawTarget(t, `CREATE TABLE "a" ("id" INTEGER PRIMARY KEY, "x" VARCHAR(50) DEFAULT NULL, "y" INTEGER DEFAULT null, "z" TEXT)`)
	got, err := src.Dialect.Inspect(ctx, src.DB)
	if err != nil {
		t.Fatal(err)
	}
	a := got.Table("a")
	if !a.Column("x").Default.Equal(schema.Expr("NULL")) || !a.Column("y").Default.Equal(schema.Expr("null")) || a.Column("z").Default != nil {
		t.Fatalf("defaults read: x %+v, y %+v, z %+v", a.Column("x").Default, a.Column("y").Default, a.Column("z").Default)
	}
	dst := dialecttest.Fresh(t, sqlitedialect.New(), "")
	cur := &schema.Database{}
	dst.Apply(t, cur, ddl.CreateDatabaseFrom(got)...)
	// A column added with DEFAULT NULL takes ALTER TABLE ADD COLUMN.
	add := ddl.AddColumn("a", ddl.Column("w", schema.Text()).DefaultExpr("NULL"))
	if stmts, err := dst.Dialect.Render(add, cur); err != nil || len(stmts) != 1 || !strings.HasSuffix(stmts[0].SQL, `ADD COLUMN "w" TEXT DEFAULT NULL`) {
		t.Errorf("Render(%s) = %v, %v", add, stmts, err)
	}
	dst.Apply(t, cur, add)
	const q = `SELECT name, quote(dflt_value) FROM pragma_table_info('a') ORDER BY cid`
	want := append(rowsOf(t, src.DB, q), "w|'NULL'")
	if diff := cmp.Diff(rowsOf(t, dst.DB, q), want); diff != "" {
		t.Errorf("defaults of the copy (-got +want):\n%s", diff)
	}
	plain := &schema.Database{Tables: []schema.Table{{Name: "a", PrimaryKey: []string{"id"}, Columns: []schema.Column{
		{Name: "id", Type: schema.Integer(), NotNull: true}, {Name: "x", Type: schema.String(50)},
		{Name: "y", Type: schema.Integer()}, {Name: "z", Type: schema.Text()}, {Name: "w", Type: schema.Text()},
	}}}}
	dst.Compare(t, plain, "with explicit DEFAULT NULL")
}
