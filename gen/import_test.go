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
