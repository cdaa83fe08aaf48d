package ddl_test

import (
	"strings"
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/schema"
)

// TestUUIDKeyOnMySQL: in a MySQL schema (TableScopedIndexNames, as its
// Inspect reads it) a UUID primary key reads back as CHAR(36), and a UUID
// column of any op (createTable, addColumn, addConstraint) may point at it,
// and a CHAR(36) column at a UUID key; elsewhere UUID and CHAR(36) stay
// two types.
func TestUUIDKeyOnMySQL(t *testing.T) {
	docs := func(mysql bool, idType schema.Type) *schema.Database {
		return &schema.Database{TableScopedIndexNames: mysql, Tables: []schema.Table{{
			Name: "documents", Columns: []schema.Column{{Name: "id", Type: idType}}, PrimaryKey: []string{"id"},
		}}}
	}
	ops := map[string][]ddl.Op{
		"createTable": {ddl.CreateTable("shares", ddl.Column("id", schema.Integer()).PrimaryKey(),
			ddl.Column("documentId", schema.UUID()).References("documents", "id"))},
		"addColumn": {ddl.CreateTable("shares", ddl.Column("id", schema.Integer()).PrimaryKey()),
			ddl.AddColumn("shares", ddl.Column("documentId", schema.UUID()).References("documents", "id"))},
		"addConstraint": {ddl.CreateTable("shares", ddl.Column("id", schema.Integer()).PrimaryKey(), ddl.Column("documentId", schema.UUID())),
			ddl.AddForeignKey("shares", []string{"documentId"}, "documents", []string{"id"})},
	}
	for name, up := range ops {
		if err := ddl.Replay(docs(true, schema.Char(36)), up...); err != nil {
			t.Errorf("%s: UUID to CHAR(36) on MySQL: %v", name, err)
		}
		err := ddl.Replay(docs(false, schema.Char(36)), up...)
		if err == nil || !strings.Contains(err.Error(), `is UUID but "documents"."id" is CHAR(36)`) {
			t.Errorf("%s: UUID to CHAR(36) elsewhere: %v, want the type error", name, err)
		}
	}
	char := ddl.CreateTable("shares", ddl.Column("id", schema.Integer()).PrimaryKey(),
		ddl.Column("documentId", schema.Char(36)).References("documents", "id"))
	if err := ddl.Replay(docs(true, schema.UUID()), char); err != nil {
		t.Errorf("CHAR(36) to UUID on MySQL: %v", err)
	}
	if err := ddl.Replay(docs(true, schema.Char(40)), ops["createTable"]...); err == nil {
		t.Error("UUID to CHAR(40) on MySQL accepted")
	}
}
