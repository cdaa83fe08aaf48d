package gen

import (
	"strings"
	"testing"

	"github.com/strata-orm/strata/schema"
)

// sakilaLike is a schema strata did not make, as its Inspect reads it:
// a foreign key named and acting its own way, a SQLite INT key, a MySQL
// ON UPDATE and collation, DEFAULT NULL, and a column of an enum type.
func sakilaLike() *schema.Database {
	return &schema.Database{
		Tables: []schema.Table{
			{Name: "city", Columns: []schema.Column{{Name: "city_id", Type: schema.Integer(), NotNull: true, AutoIncrement: true}}, PrimaryKey: []string{"city_id"}},
			{Name: "address", Columns: []schema.Column{
				{Name: "address_id", Type: schema.Integer(), NotNull: true, AutoIncrement: true},
				{Name: "city_id", Type: schema.Native("sqlite", "INT"), NotNull: true},
				{Name: "address2", Type: schema.String(50), Default: schema.Expr("NULL")},
				{Name: "district", Type: schema.String(20), Collation: "utf8mb3_general_ci"},
				{Name: "last_update", Type: schema.Date(), NotNull: true, Default: schema.Now(), OnUpdate: schema.Now()},
				{Name: "rating", Type: schema.Native("postgres", "mpaa_rating")},
			}, PrimaryKey: []string{"address_id"},
				ForeignKeys: []schema.ForeignKey{{Name: "fk_address_city", Columns: []string{"city_id"}, RefTable: "city", RefColumns: []string{"city_id"}, OnDelete: schema.Restrict, OnUpdate: schema.Cascade}}},
		},
		Objects: []schema.Object{{Kind: schema.ObjectType, Name: "mpaa_rating", Dialect: "postgres", Definition: "CREATE TYPE mpaa_rating AS ENUM ('G', 'PG')"}},
	}
}

// TestImportModelsExact: every column property and the foreign key's
// name and actions reach the model; the enum type is warned of.
func TestImportModelsExact(t *testing.T) {
	files, rep, err := ImportModels(sakilaLike(), ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	src := string(files["address.go"])
	for _, want := range []string{
		"strata.ConstraintName(\"fk_address_city\")",
		"strata.OnDelete(schema.Restrict)",
		"a.BelongsTo(City{}", // the INT key joins the INTEGER one
		`strata:",default=(NULL),size=50"`,
		`strata:",collate=utf8mb3_general_ci,size=20"`,
		`default=now,onupdate=now`,
	} {
		if !strings.Contains(src, want) {
			t.Errorf("address.go lacks %s:\n%s", want, src)
		}
	}
	warned := false
	for _, w := range rep.Warnings {
		if strings.Contains(w, "address.rating has the type mpaa_rating") && strings.Contains(w, "migration:baseline") {
			warned = true
		}
		for _, stale := range []string{"collation", "ON UPDATE", "SQL default", "joins a"} {
			if strings.Contains(w, stale) {
				t.Errorf("warning of what the model now carries: %s", w)
			}
		}
	}
	if !warned {
		t.Errorf("no warning of the enum type: %q", rep.Warnings)
	}
}
