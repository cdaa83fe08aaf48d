package gen

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/schema"
)

// CreateMigration returns the Go source of the migration model:generate
// writes with the model: a createTable with id, the attributes and the
// timestamps (and an index for each attribute marked index), and its down.
func CreateMigration(s ModelSpec, name string) ([]byte, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	table := s.Table()
	cols := []ddl.ColumnDef{ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement()}
	var up strings.Builder
	var indexes []ddl.Op
	for _, a := range s.Attributes {
		col := s.Column(a)
		c := ddl.Column(col, a.Type)
		c.Column.NotNull, c.IsUnique, c.Column.Default = a.NotNull, a.Unique, a.Default
		if r := a.References; r != nil {
			c = c.References(r.Table, r.Column).OnDelete(r.OnDelete).OnUpdate(r.OnUpdate)
		}
		cols = append(cols, c)
		if a.Index {
			indexes = append(indexes, ddl.AddIndex(table, col))
		}
	}
	created, updated := s.timestampColumns()
	cols = append(cols, ddl.Column(created, schema.Date()).NotNull(), ddl.Column(updated, schema.Date()).NotNull())
	up.WriteString(ddl.CreateTable(table, cols...).GoString() + ",\n")
	for _, x := range indexes {
		up.WriteString(x.GoString() + ",\n")
	}
	down := ddl.DropTable(table).GoString() + ",\n"
	return migrationFile(name, up.String(), down, true)
}

// checkMigrationName refuses a migration name no file should carry.
func checkMigrationName(name string) error {
	if r := checkText(name); r != "" {
		return &NameError{"migration name", name, r}
	}
	if strings.TrimSpace(name) == "" {
		return &NameError{"migration name", name, "it is empty"}
	}
	return nil
}

func migrationFile(name, up, down string, schemaImport bool) ([]byte, error) {
	if err := checkMigrationName(name); err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString("package migrations\n\nimport (\n\"github.com/strata-orm/strata/ddl\"\n\"github.com/strata-orm/strata/migrate\"\n")
	if schemaImport {
		b.WriteString("\"github.com/strata-orm/strata/schema\"\n")
	}
	b.WriteString(")\n\n")
	fmt.Fprintf(&b, "func init() {\nAll.Add(migrate.Migration{\nName: %s,\nUp: []ddl.Op{\n%s},\nDown: []ddl.Op{\n%s},\n})\n}\n", strconv.Quote(name), up, down)
	return gofmt(b.String())
}

// EmptyMigration returns the skeleton migration:generate writes, with
// examples in comments as sequelize-cli's has.
func EmptyMigration(name string) ([]byte, error) {
	if err := checkMigrationName(name); err != nil {
		return nil, err
	}
	src := fmt.Sprintf(`package migrations

import (
	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/migrate"
)

func init() {
	All.Add(migrate.Migration{
		Name: %s,
		Up:   []ddl.Op{
			// Add altering commands here.
			//
			// Example:
			// ddl.CreateTable("users", ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement()),
		},
		Down: []ddl.Op{
			// Add reverting commands here.
			//
			// Example:
			// ddl.DropTable("users"),
		},
	})
}
`, strconv.Quote(name))
	return gofmt(src)
}

// Seeder returns the skeleton seed:generate writes.
func Seeder(name string) ([]byte, error) {
	if err := checkMigrationName(name); err != nil {
		return nil, err
	}
	src := fmt.Sprintf(`package seeders

import (
	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/migrate"
)

func init() {
	All.Add(migrate.Migration{
		Name: %s,
		Up:   []ddl.Op{
			// Add seed commands here.
			//
			// Example:
			// ddl.BulkInsert("users",
			// 	ddl.Row{"firstName": "John", "email": "john@example.com", "createdAt": time.Now(), "updatedAt": time.Now()},
			// ),
		},
		Down: []ddl.Op{
			// Add commands to revert seed here.
			//
			// Example:
			// ddl.BulkDelete("users", ddl.Where{"email": []string{"john@example.com"}}),
		},
	})
}
`, strconv.Quote(name))
	return gofmt(src)
}

// RegistryFile returns the package file `strata init` writes in the
// migrations or seeders directory: the registry each file adds itself to.
func RegistryFile(pkg, what string) ([]byte, error) {
	src := fmt.Sprintf(`// Package %[1]s holds this project's %[2]s. Each file adds itself to All
// from an init function; strata db:%[3]s runs them in the order of their names.
package %[1]s

import "github.com/strata-orm/strata/migrate"

// All is every %[4]s of this project, in no particular order.
var All migrate.Registry
`, pkg, what, map[string]string{"migrations": "migrate", "seeders": "seed:all"}[pkg], strings.TrimSuffix(what, "s"))
	return gofmt(src)
}

// ModelsPackage returns the file `strata init` writes in the models directory.
func ModelsPackage() ([]byte, error) {
	return gofmt(`// Package models holds this project's models: one struct per table, each
// in a file written by strata model:generate.
package models
`)
}
