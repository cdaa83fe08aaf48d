package ddl_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/format"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/schema"
)

// printedOps is every kind of operation, with every chainable method, and
// the values no chain builds (printed as composite literals).
func printedOps() []ddl.Op {
	return []ddl.Op{
		ddl.CreateTable("users",
			ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
			ddl.Column("email", schema.String(100)).NotNull().Unique().Comment("login"),
			ddl.Column("role", schema.Enum("admin", "guest user")).Default("guest user"),
			ddl.Column("stock", schema.Integer()).NotNull().Default(10),
			ddl.Column("zip", schema.Integer()).Default("007"),
			ddl.Column("price", schema.Decimal(10, 2)).Default("0"),
			ddl.Column("score", schema.Double()).Default(1.5),
			ddl.Column("ok", schema.Boolean()).Default(true),
			ddl.Column("uid", schema.UUID()).DefaultUUIDv4(),
			ddl.Column("seenAt", schema.Date()).DefaultNow(),
			ddl.Column("day", schema.DateOnly()).DefaultExpr("CURRENT_DATE"),
			ddl.Column("tags", schema.Array(schema.String(20))),
			ddl.Column("managerId", schema.BigInt()).References("users", "id").OnDelete(schema.SetNull).OnUpdate(schema.Cascade),
		),
		ddl.CreateTable("pairs",
			ddl.Column("a", schema.Integer()).NotNull(),
			ddl.Column("b", schema.Integer()).NotNull(),
		).WithPrimaryKey("a", "b").WithUnique("b", "a").
			WithForeignKey(schema.ForeignKey{Columns: []string{"a"}, RefTable: "users", RefColumns: []string{"id"}, OnDelete: schema.Cascade}).
			WithForeignKey(schema.ForeignKey{Name: "pairs_to_users", Columns: []string{"b"}, RefTable: "users", RefColumns: []string{"id"}}).
			WithCheck("pairs_ab", `"a" <> "b"`).WithComment("it's a pair"),
		ddl.CreateTable("empty"),
		&ddl.CreateTableOp{Name: "named", Columns: []ddl.ColumnDef{ddl.Column("k", schema.Text())},
			Uniques: []schema.Unique{{Name: "named_k_unique", Columns: []string{"k"}}}},
		ddl.DropTable("users"),
		ddl.DropTable("users").WithCascade().WithIfExists(),
		ddl.RenameTable("users", "people"),
		ddl.AddColumn("users", ddl.Column("age", schema.SmallInt())),
		ddl.AddColumn("users", ddl.ColumnDef{Column: schema.Column{Name: "k", Type: schema.Char(2)}, IsPrimaryKey: true}),
		ddl.AddColumn("users", ddl.ColumnDef{Column: schema.Column{Name: "ref", Type: schema.Integer()},
			Ref: &ddl.Reference{Table: "users", Column: "id", OnDelete: schema.Restrict, Name: "users_ref"}}),
		ddl.AddColumn("users", ddl.ColumnOf(schema.Column{Name: "odd", Type: schema.Time(),
			Default: &schema.Default{Kind: schema.DefaultNow, Value: "x"}})),
		ddl.RemoveColumn("users", "age"),
		ddl.ChangeColumn("products", ddl.Column("price", schema.Decimal(12, 4)).NotNull()),
		ddl.ChangeColumn("products", ddl.Column("blob", schema.Blob())),
		ddl.ChangeColumn("products", ddl.Column("doc", schema.JSONB()).Default(`{"a": 1}`)),
		ddl.ChangeColumn("products", ddl.Column("meta", schema.JSON())),
		ddl.ChangeColumn("products", ddl.Column("at", schema.Time())),
		ddl.ChangeColumn("products", ddl.Column("f", schema.Float())),
		ddl.ChangeColumn("products", ddl.Column("body", schema.Text())),
		ddl.RenameColumn("users", "email", "mail"),
		ddl.AddIndex("users", "email"),
		ddl.AddIndex("users", "email", "role").Named("by_email").AsUnique().Partial(`"role" <> 'x'`),
		ddl.AddIndex("articles", "title", "createdAt DESC").Named("articles_title_prefix").Prefix(50, 0),
		ddl.AddColumn("articles", ddl.Column("subtitle", schema.String(200))).Placed("title"),
		ddl.AddColumn("articles", ddl.Column("rank", schema.Integer())).PlacedFirst(),
		ddl.RemoveIndex("users", "by_email"),
		&ddl.RemoveIndexOp{Table: "users", Columns: []string{"email", "role"}},
		ddl.AddUnique("users", "email"),
		ddl.AddUnique("users", "email", "role").Named("users_email_role"),
		ddl.AddCheck("users", "", `"age" >= 0`),
		ddl.AddCheck("users", "adult", `"age" >= 18`),
		ddl.AddPrimaryKey("pairs", "a", "b"),
		ddl.AddForeignKey("orders", []string{"userId"}, "users", []string{"id"}),
		ddl.AddForeignKey("orders", []string{"a", "b"}, "pairs", []string{"a", "b"}).Named("orders_pair").
			WithOnDelete(schema.SetDefault).WithOnUpdate(schema.Restrict),
		&ddl.AddConstraintOp{Table: "users", Type: "exclusion", Expr: "x"},
		&ddl.AddConstraintOp{Table: "users", Type: ddl.UniqueConstraint, Columns: []string{"a"}, Expr: "x"},
		ddl.RemoveConstraint("users", "users_email_key"),
		ddl.BulkInsert("users",
			ddl.Row{"email": "ada@example.com", "age": 36, "ok": true, "bio": nil},
			ddl.Row{"email": `"alan"`, "score": 1.0, "big": int64(1) << 40, "small": int16(-3), "f": float32(0.5),
				"at": time.Date(2026, time.January, 2, 3, 4, 5, 6, time.UTC), "bytes": []byte("hi"), "tags": []string{"a"}},
		),
		ddl.BulkInsert("users"),
		ddl.BulkUpdate("users", ddl.Row{"age": 37}, ddl.Where{"email": "ada@example.com", "deletedAt": nil}),
		ddl.BulkUpdate("users", ddl.Row{"ok": false}, nil),
		ddl.BulkDelete("users", ddl.Where{"email": []string{"ada@example.com", "alan@example.com"}, "id": []any{1, "2"}}),
		ddl.BulkDelete("users", nil),
		ddl.RequireEmpty("users"),
		ddl.RequireEmpty("users", "orders").At("20200101000000-backfill.js", 6).Because("the file reads \"users\" to fill a column"),
		ddl.Raw(`UPDATE "users" SET "age" = ? WHERE "id" = ?`, 1, "x").For("postgres", `UPDATE "users" SET "age" = $1 WHERE "id" = $2`).
			For("mysql", "UPDATE `users` SET `age` = ? WHERE `id` = ?"),
		ddl.Raw("CREATE VIEW v AS SELECT 1").WithReverse(ddl.Raw("DROP VIEW v")),
		ddl.CreateObject(schema.Object{Kind: schema.ObjectView, Name: "v", Dialect: "postgres", Definition: "CREATE VIEW v AS SELECT 1"}),
		ddl.CreateObject(schema.Object{Kind: schema.ObjectTrigger, Name: "t", Table: "users", Dialect: "mysql",
			Definition: "CREATE TRIGGER t AFTER INSERT ON users FOR EACH ROW BEGIN SET @n = 1; END"}),
		ddl.DropObject(schema.ObjectView, "v"),
		ddl.AddEnumValue("mpaa_rating", "NC-17"),
		ddl.CreateTableFrom(schema.Table{Name: "odd", Columns: []schema.Column{
			{Name: "id", Type: schema.BigInt(), NotNull: true, AutoIncrement: true, Identity: schema.IdentityAlways},
			{Name: "name", Type: schema.String(20), Collation: "C"},
			{Name: "seen", Type: schema.Date(), Default: schema.Now(), OnUpdate: schema.Now()},
			{Name: "twice", Type: schema.Integer(), Generated: &schema.Generated{Expr: "id * 2", Stored: true}},
		}, PrimaryKey: []string{"id"}})[0],
		ddl.AddEnumValue("mpaa_rating", "PG-13").BeforeValue("R"),
		ddl.RenameEnumValue("mpaa_rating", "G", "General"),
		ddl.DropObject(schema.ObjectTrigger, "users.t"),
		&ddl.CreateTableOp{Name: "payment_2026", Columns: []ddl.ColumnDef{ddl.Column("id", schema.Integer())}, Inherits: []string{"payment"}},
		&ddl.CreateTableOp{Name: "reading", Columns: []ddl.ColumnDef{ddl.Column("taken", schema.DateOnly())}, PartitionBy: "RANGE (taken)"},
	}
}

// TestOpGoStringIsGo checks that every kind of operation prints as Go
// that gofmt leaves as it is.
func TestOpGoStringIsGo(t *testing.T) {
	kinds := map[string]bool{}
	for _, op := range printedOps() {
		kinds[ddl.Name(op)] = true
		src := fmt.Sprintf("%#v", op)
		if src != op.GoString() {
			t.Errorf("%%#v is not GoString: %s", src)
		}
		file := "package p\n\nvar _ = " + src + "\n"
		out, err := format.Source([]byte(file))
		if err != nil {
			t.Errorf("%s: not Go: %v", src, err)
		} else if string(out) != file {
			t.Errorf("gofmt changes\n%s\ninto\n%s", file, out)
		}
	}
	all := []string{"createTable", "dropTable", "renameTable", "addColumn", "removeColumn", "changeColumn",
		"renameColumn", "addIndex", "removeIndex", "addConstraint", "removeConstraint", "bulkInsert",
		"bulkUpdate", "bulkDelete", "requireEmpty", "raw", "createObject", "dropObject", "alterEnumType"}
	for _, k := range all {
		if !kinds[k] {
			t.Errorf("no %s is printed", k)
		}
	}
}

// TestOpGoStringCompiles writes the printed operations into a main
// package of a module that uses this one, vets it and runs it: the
// program rebuilds every operation from its text, and must encode to the
// same JSON and print to the same text.
func TestOpGoStringCompiles(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program: skipped with -short")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go command: %v", err)
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	ops := printedOps()
	var src bytes.Buffer
	src.WriteString("package main\n\nimport (\n\t\"encoding/json\"\n\t\"fmt\"\n\t\"os\"\n\t\"time\"\n\n\t\"github.com/strata-orm/strata/ddl\"\n\t\"github.com/strata-orm/strata/schema\"\n)\n\n")
	src.WriteString("var _ = time.UTC\nvar _ = schema.NoAction\n\nvar ops = []ddl.Op{\n")
	for _, op := range ops {
		src.WriteString(op.GoString() + ",\n")
	}
	src.WriteString(`}

// main writes, for each operation rebuilt from its text, its encoding and
// its text again.
func main() {
	var out [][2]string
	for _, op := range ops {
		b, err := ddl.Encode([]ddl.Op{op})
		if err != nil {
			panic(err)
		}
		out = append(out, [2]string{string(b), fmt.Sprintf("%#v", op)})
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		panic(err)
	}
}
`)
	formatted, err := format.Source(src.Bytes())
	if err != nil {
		t.Fatalf("not Go: %v\n%s", err, src.Bytes())
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string][]byte{
		"main.go": formatted,
		"go.sum":  sum,
		"go.mod": fmt.Appendf(nil, "module example.com/printed\n\ngo 1.26\n\nrequire github.com/strata-orm/strata v0.0.0\n\nreplace github.com/strata-orm/strata => %s\n",
			root),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(args ...string) string {
		cmd := exec.Command(goTool, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go %s: %v\n%s\n%s", strings.Join(args, " "), err, stderr.Bytes(), formatted)
		}
		return string(out)
	}
	run("vet", ".")
	var got [][2]string
	if err := json.Unmarshal([]byte(run("run", ".")), &got); err != nil || len(got) != len(ops) {
		t.Fatalf("the program wrote %d operations (%v), want %d", len(got), err, len(ops))
	}
	for i, op := range ops {
		want, err := ddl.Encode([]ddl.Op{op})
		if err != nil {
			t.Fatal(err)
		}
		if got[i][0] != string(want) {
			t.Errorf("%s\nbuilds %s\nwant   %s", op.GoString(), got[i][0], want)
		}
		if got[i][1] != op.GoString() {
			t.Errorf("%s\nprints again as\n%s", op.GoString(), got[i][1])
		}
	}
}
