package gen

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/internal/golden"
	"github.com/strata-orm/strata/internal/testshop"
	"github.com/strata-orm/strata/schema"
)

func TestImportModelsGolden(t *testing.T) {
	db := &schema.Database{}
	ops := append(testshop.Ops(), importFixture("postgres")...)
	ops = append(ops, ddl.CreateTable("lines", ddl.Column("a", schema.Integer()), ddl.Column("b", schema.Integer())).WithPrimaryKey("a", "b"),
		ddl.CreateTable("notes",
			ddl.Column("code", schema.String(10)).PrimaryKey(),
			ddl.Column("order_id", schema.Integer()),
			ddl.Column("order_line", schema.Integer()),
			ddl.Column("stamp", schema.Date()).DefaultExpr("now() + interval '1 day'"),
		).WithForeignKey(schema.ForeignKey{Name: "notes_line_fkey", Columns: []string{"order_id", "order_line"}, RefTable: "lines", RefColumns: []string{"a", "b"}}),
		ddl.CreateTable("SequelizeMeta", ddl.Column("name", schema.String(0)).PrimaryKey()),
	)
	if err := ddl.Replay(db, ops...); err != nil {
		t.Fatal(err)
	}
	files, rep, err := ImportModels(db, ImportOptions{Skip: func(t string) bool { return t == "SequelizeMeta" }})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for name, src := range files {
		names = append(names, name)
		golden.Check(t, filepath.Join("testdata", "import", name+".golden"), src)
	}
	slices.Sort(names)
	var report strings.Builder
	report.WriteString("files: " + strings.Join(names, " ") + "\nmodels: " + strings.Join(rep.Models, " ") + "\n\nassociations:\n")
	for _, a := range rep.Associations {
		report.WriteString("  " + a + "\n")
	}
	report.WriteString("\nwarnings:\n")
	for _, w := range rep.Warnings {
		report.WriteString("  " + w + "\n")
	}
	golden.Check(t, filepath.Join("testdata", "import", "report.golden"), []byte(report.String()))
}

func TestImportModelsErrors(t *testing.T) {
	db := &schema.Database{}
	if err := ddl.Replay(db, testshop.Ops()...); err != nil {
		t.Fatal(err)
	}
	_, _, err := ImportModels(db, ImportOptions{Tables: []string{"user"}})
	if err == nil || !strings.Contains(err.Error(), `no table 'user' (did you mean 'users'?)`) {
		t.Errorf("unknown table: %v", err)
	}
	_, _, err = ImportModels(db, ImportOptions{Package: "1x"})
	if err == nil {
		t.Error("bad package accepted")
	}
	files, rep, err := ImportModels(db, ImportOptions{Tables: []string{"orders", "users"}, Package: "shop"})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 3 || !slices.Equal(rep.Models, []string{"Order", "User"}) {
		t.Errorf("files %d, models %v", len(files), rep.Models)
	}
	if !strings.HasPrefix(string(files["models.go"]), "// Package shop") {
		t.Errorf("models.go:\n%s", files["models.go"])
	}
}

func TestImportNames(t *testing.T) {
	taken := map[string]bool{"All": true}
	for _, tt := range []struct{ table, want string }{
		{"order_items", "OrderItem"}, {"film_actor", "FilmActor"}, {"people", "Person"}, {"Album", "Album"},
		{"user", "User"}, {"users", "Users"}, {"alls", "Alls"}, {"1st", "Table1st"},
	} {
		if got := structName(tt.table, taken); got != tt.want {
			t.Errorf("structName(%q) = %q, want %q", tt.table, got, tt.want)
		}
	}
	emp := &imodel{Struct: "Employee"}
	for _, tt := range []struct{ col, ref, want string }{
		{"userId", "id", "User"}, {"user_id", "id", "User"}, {"manager_staff_id", "staff_id", "ManagerStaff"},
		{"SupportRepId", "EmployeeId", "SupportRep"}, {"reportsTo", "id", "ReportsToEmployee"}, {"id", "id", "IDEmployee"},
	} {
		if got := assocBase(tt.col, tt.ref, emp); got != tt.want {
			t.Errorf("assocBase(%q, %q) = %q, want %q", tt.col, tt.ref, got, tt.want)
		}
	}
	files := map[string]bool{"models.go": true}
	for _, tt := range []struct{ name, want string }{
		{"OrderItem", "order_item.go"}, {"UnitTest", "unit_test_model.go"}, {"OsWindows", "os_windows_model.go"}, {"OrderItem", "order_item2.go"},
	} {
		if got := fileName(tt.name, files); got != tt.want {
			t.Errorf("fileName(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// importOne imports the tables ops create and returns the file of table.
func importOne(t *testing.T, file string, ops ...ddl.Op) (string, *ImportReport) {
	t.Helper()
	db := &schema.Database{}
	if err := ddl.Replay(db, ops...); err != nil {
		t.Fatal(err)
	}
	files, rep, err := ImportModels(db, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return string(files[file]), rep
}

func TestImportRules(t *testing.T) {
	// The seed's join table with a unique key on its pair is a belongsToMany.
	ops := append(testshop.Ops(), ddl.AddUnique("product_orders", "productId", "orderId"))
	src, rep := importOne(t, "order.go", ops...)
	if !slices.Contains(rep.Associations, "Order.Products belongsToMany through ProductOrder") ||
		!slices.Contains(rep.Associations, "Product.Orders belongsToMany through ProductOrder") {
		t.Errorf("associations %v", rep.Associations)
	}
	if !strings.Contains(src, "a.BelongsToMany(Product{}, strata.Through(ProductOrder{}))\n") || !strings.Contains(src, "ProductOrder *ProductOrder") {
		t.Errorf("order.go:\n%s", src)
	}

	// Per table, the naming that gives back most columns; the rest tagged.
	src, _ = importOne(t, "account.go", ddl.CreateTable("accounts",
		ddl.Column("id", schema.Integer()).PrimaryKey(),
		ddl.Column("first_name", schema.String(0)), ddl.Column("last_name", schema.String(0)), ddl.Column("nickName", schema.String(0)), ddl.Column("born_on", schema.DateOnly()),
		ddl.Column("deletedAt", schema.String(0)).NotNull()))
	for _, want := range []string{
		"ID int `strata:\",pk\" json:\"id\"`",    // not auto-increment: the key is tagged
		"FirstName *string `json:\"firstName\"`", // first_name by the snake_case naming
		"NickName *string `strata:\"nickName\" json:\"nickName\"`",
		"DeletedAtValue string `strata:\"deletedAt,notnull\"", // not a soft-delete field
		"ModelOptions() strata.ModelOptions { return strata.ModelOptions{Underscored: true} }",
	} {
		if !strings.Contains(strings.Join(strings.Fields(src), " "), strings.Join(strings.Fields(want), " ")) {
			t.Errorf("account.go lacks %s:\n%s", want, src)
		}
	}

	// A table without a primary key takes a NOT NULL unique column as its
	// key, or is left out.
	src, rep = importOne(t, "tag.go",
		ddl.CreateTable("tags", ddl.Column("slug", schema.String(0)).NotNull().Unique()),
		ddl.CreateTable("logs", ddl.Column("line", schema.Text())))
	if !strings.Contains(src, `strata:",pk,unique"`) || slices.Contains(rep.Models, "Log") {
		t.Errorf("tag.go:\n%s\nmodels %v", src, rep.Models)
	}
	if !slices.ContainsFunc(rep.Warnings, func(w string) bool { return strings.Contains(w, "table logs has no primary key") }) {
		t.Errorf("warnings %v", rep.Warnings)
	}
}

// TestImportSchemaImport: a file imports strata's schema package for an
// action of an association only, not for a foreign key whose constraint
// name holds "schema." (the file would not compile).
func TestImportSchemaImport(t *testing.T) {
	src, _ := importOne(t, "post.go",
		ddl.CreateTable("users", ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement()),
		ddl.CreateTableFrom(schema.Table{Name: "posts", Columns: []schema.Column{
			{Name: "id", Type: schema.Integer(), NotNull: true, AutoIncrement: true},
			{Name: "schema.owner", Type: schema.Integer()},
		}, PrimaryKey: []string{"id"}, ForeignKeys: []schema.ForeignKey{
			{Name: "schema.fk_owner", Columns: []string{"schema.owner"}, RefTable: "users", RefColumns: []string{"id"}, OnDelete: schema.SetNull, OnUpdate: schema.Cascade},
		}})[0])
	if !strings.Contains(src, `strata.ConstraintName("schema.fk_owner")`) || strings.Contains(src, "strata/schema") {
		t.Errorf("post.go:\n%s", src)
	}
}
