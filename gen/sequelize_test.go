package gen

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/schema"
)

// importedFiles are a complete migration (with a backtick and a time in
// its rows), a seeder-like one without down, and one with a problem.
func importedFiles() []ImportedFile {
	return []ImportedFile{
		{
			Name: "20261126184503-create-user", File: "migrations/20261126184503-create-user.js",
			Up: []ddl.Op{
				ddl.CreateTable("users",
					ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
					ddl.Column("email", schema.String(100)).NotNull().Unique(),
					ddl.Column("createdAt", schema.Date()).NotNull(),
				),
				ddl.AddIndex("users", "email"),
				ddl.BulkInsert("users", ddl.Row{"email": "a`b@example.com", "createdAt": time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}),
			},
			Down:     []ddl.Op{ddl.DropTable("users")},
			NoTx:     true,
			Warnings: []string{"up, line 7: removeIndex of an index the history does not have"},
		},
		{
			Name: "20261126184504-no-down", File: "migrations/20261126184504-no-down.ts",
			Up: []ddl.Op{ddl.Raw("UPDATE users SET email = lower(email)")},
		},
		{
			Name: "20261126184505-backfill", File: "migrations/20261126184505-backfill.js",
			Source: []byte("'use strict';\n// a `quoted` word\nmodule.exports = {\n  async up(queryInterface) {\n    const [rows] = await queryInterface.sequelize.query('SELECT id FROM users');\n  },\n  async down() {}\n};\n"),
			Up:     []ddl.Op{ddl.AddColumn("users", ddl.Column("score", schema.Integer()))},
			Down:   []ddl.Op{},
			Problems: []ImportProblem{{Direction: "up", Line: 5, Construct: "queryInterface.sequelize.query(\"SELECT id FROM users\")",
				Reason: "it reads rows, which a recording has none of"}},
		},
	}
}

// TestImportedMigration checks what the written files say.
func TestImportedMigration(t *testing.T) {
	files := importedFiles()
	src, err := ImportedMigration("migrations", files[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"// Imported by strata migration:import from migrations/20261126184503-create-user.js.",
		`"20261126184503-create-user",`, "Imported: true,", "NoTx: true,", `ddl.DropTable("users")`, `"time"`, `"github.com/strata-orm/strata/schema"`,
		"removeIndex of an index the history does not have",
	} {
		if !strings.Contains(string(src), want) {
			t.Errorf("complete migration lacks %q:\n%s", want, src)
		}
	}
	src, err = ImportedMigration("migrations", files[1])
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(src), "Down:") || strings.Contains(string(src), `"time"`) || strings.Contains(string(src), "strata/schema") {
		t.Errorf("a migration without down has a Down or unused imports:\n%s", src)
	}
	src, err = ImportedMigration("seeders", files[2])
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"package seeders", "up, line 5: it reads rows, which a recording has none of", "const imported20261126184505BackfillSource = `'use strict';",
		"imported20261126184505BackfillRecordedUp", "imported20261126184505BackfillRecordedDown", "UpFunc:", "DownFunc:", "Port it:",
	} {
		if !strings.Contains(string(src), want) {
			t.Errorf("skeleton lacks %q:\n%s", want, src)
		}
	}
	if _, err := ImportedMigration("migrations", ImportedFile{Name: "x\x00y"}); !errors.As(err, new(*NameError)) {
		t.Errorf("a name with NUL: %v, want a *NameError", err)
	}
}

// importedMain prints each migration of the written files, encoded, and
// the error of its UpFunc.
const importedMain = `package main

import (
	"context"
	"encoding/json"
	"errors"
	"os"

	"example.com/imported/migrations"
	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/migrate"
)

func main() {
	var out []map[string]any
	for _, m := range migrations.All {
		up, _ := ddl.Encode(m.Up)
		down, _ := ddl.Encode(m.Down)
		row := map[string]any{"name": m.Name, "up": string(up), "down": string(down), "downNil": m.Down == nil, "noTx": m.NoTx, "imported": m.Imported}
		if m.UpFunc != nil {
			err := m.UpFunc(context.Background(), nil)
			var np *migrate.NotPortedError
			row["typed"] = errors.As(err, &np)
			row["err"] = err.Error()
		}
		out = append(out, row)
	}
	json.NewEncoder(os.Stdout).Encode(out)
}
`

// TestImportedMigrationCompiles builds the written files into a program
// that prints each migration's operations encoded (what a Go migration's
// checksum hashes) and the error of the skeleton's UpFunc: the operations
// read back must encode as the recorded ones, so a database migrated from
// the JavaScript keeps its checksums once the Go files replace it.
func TestImportedMigrationCompiles(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program: skipped with -short")
	}
	reg, err := RegistryFile("migrations", "migrations")
	if err != nil {
		t.Fatal(err)
	}
	src := map[string][]byte{"migrations/migrations.go": reg, "main.go": []byte(importedMain)}
	files := importedFiles()
	for _, f := range files {
		b, err := ImportedMigration("migrations", f)
		if err != nil {
			t.Fatal(err)
		}
		src["migrations/"+f.Name+".go"] = b
	}
	dir := testModule(t, "example.com/imported", src)
	runGo(t, t.Context(), dir, "vet", "./...")
	var got []map[string]any
	if err := json.Unmarshal(runGo(t, t.Context(), dir, "run", "."), &got); err != nil {
		t.Fatal(err)
	}
	byName := map[string]map[string]any{}
	for _, g := range got {
		byName[g["name"].(string)] = g
	}
	for _, f := range files[:2] {
		g := byName[f.Name]
		if g == nil {
			t.Fatalf("%s not registered: %v", f.Name, got)
		}
		up, _ := ddl.Encode(f.Up)
		down, _ := ddl.Encode(f.Down)
		if g["imported"] != true || g["up"] != string(up) || g["down"] != string(down) || g["downNil"] != (f.Down == nil) || g["noTx"] != f.NoTx {
			t.Errorf("%s read back as %v\nwant up %s down %s (nil %v) noTx %v", f.Name, g, up, down, f.Down == nil, f.NoTx)
		}
	}
	sk := byName[files[2].Name]
	if sk == nil || sk["typed"] != true {
		t.Fatalf("skeleton's UpFunc: %v, want a *migrate.NotPortedError", sk)
	}
	for _, want := range []string{"20261126184505-backfill", "migrations/20261126184505-backfill.js", "line 5", "it reads rows", "port it"} {
		if !strings.Contains(sk["err"].(string), want) {
			t.Errorf("skeleton's error lacks %q: %s", want, sk["err"])
		}
	}
}
