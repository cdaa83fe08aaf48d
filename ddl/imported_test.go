package ddl_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/schema"
)

// TestImportedConstructs: each construct a sequelize-cli history's database
// accepted fails strictly, applies when the operation is imported, and is
// named by Warnings with its kind.
func TestImportedConstructs(t *testing.T) {
	users := ddl.CreateTable("users", ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement())
	posts := ddl.CreateTable("posts", ddl.Column("id", schema.Integer()).PrimaryKey())
	for _, tc := range []struct {
		name   string
		before []ddl.Op
		op     ddl.Op
		kind   ddl.WarningKind
		strict error
	}{
		{"forward reference", nil, ddl.CreateTable("posts", ddl.Column("id", schema.Integer()).PrimaryKey(),
			ddl.Column("userId", schema.Integer()).References("users", "id")), ddl.ForwardReference, ddl.ErrNotFound},
		{"forward reference by addConstraint", []ddl.Op{posts, ddl.AddColumn("posts", ddl.Column("userId", schema.Integer()))},
			ddl.AddForeignKey("posts", []string{"userId"}, "users", []string{"id"}), ddl.ForwardReference, ddl.ErrNotFound},
		{"missing index", []ddl.Op{posts}, ddl.RemoveIndex("posts", "posts_title"), ddl.MissingIndex, ddl.ErrNotFound},
		{"present index", []ddl.Op{posts, ddl.AddIndex("posts", "id").Named("posts_by_id")},
			ddl.AddIndex("posts", "id").Named("posts_by_id"), ddl.PresentIndex, ddl.ErrExists},
		{"auto-increment without key", nil, ddl.CreateTable("seqs", ddl.Column("code", schema.String(8)).PrimaryKey(),
			ddl.Column("n", schema.Integer()).AutoIncrement()), ddl.AutoIncrementWithoutKey, ddl.ErrInvalid},
		{"drop referenced", []ddl.Op{users, ddl.CreateTable("posts", ddl.Column("id", schema.Integer()).PrimaryKey(),
			ddl.Column("userId", schema.Integer()).References("users", "id"))}, ddl.DropTable("users"), ddl.DropReferenced, ddl.ErrInvalid},
		// SET NULL on NOT NULL is refused by MySQL's dialect, not by ddl.
		{"set null on not null", []ddl.Op{users}, ddl.CreateTable("posts", ddl.Column("id", schema.Integer()).PrimaryKey(),
			ddl.Column("userId", schema.Integer()).NotNull().References("users", "id").OnDelete(schema.SetNull)), ddl.SetNullNotNull, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := replay(t, tc.before...)
			err := tc.op.Apply(db.Clone())
			if tc.strict != nil && !errors.Is(err, tc.strict) {
				t.Fatalf("strict Apply: %v, want %v", err, tc.strict)
			}
			if tc.strict == nil && err != nil {
				t.Fatalf("strict Apply: %v", err)
			}
			if ws := ddl.Warnings(tc.op, db); ws != nil {
				t.Fatalf("Warnings of a strict op = %v, want none", ws)
			}
			imp := ddl.Import(tc.op)
			if ddl.IsImported(tc.op) || !ddl.IsImported(imp) {
				t.Fatalf("Import changed the op it was given, or did not mark the copy")
			}
			ws := ddl.Warnings(imp, db)
			if len(ws) != 1 || ws[0].Kind != tc.kind || ws[0].Op != tc.op.String() {
				t.Fatalf("Warnings = %v, want one %s", ws, tc.kind)
			}
			if err := imp.Apply(db); err != nil {
				t.Fatalf("imported Apply: %v", err)
			}
			if ws := ddl.Warnings(ddl.Import(ddl.AddIndex("posts", "id")), db); ws != nil && tc.kind != ddl.MissingIndex && tc.kind != ddl.PresentIndex {
				t.Fatalf("Warnings of an op without a relaxed check = %v", ws)
			}
		})
	}
}

// TestImportedStillChecks: the checks an imported operation does not relax
// still fail.
func TestImportedStillChecks(t *testing.T) {
	db := replay(t, ddl.CreateTable("posts", ddl.Column("id", schema.Integer()).PrimaryKey()))
	for _, op := range []ddl.Op{
		ddl.RemoveIndex("nope", "x"), // no such table
		ddl.CreateTable("posts", ddl.Column("id", schema.Integer())),
		ddl.AddColumn("posts", ddl.Column("id", schema.Integer())),
		ddl.AddForeignKey("posts", []string{"missing"}, "users", []string{"id"}),
	} {
		if err := ddl.Import(op).Apply(db.Clone()); err == nil {
			t.Errorf("imported %s applied; want its error", op)
		}
	}
}

// TestImportNotEncoded: the mark is not part of the operations' encoding,
// so a migration's checksum does not change with it.
func TestImportNotEncoded(t *testing.T) {
	ops := []ddl.Op{ddl.RemoveIndex("posts", "x"), ddl.DropTable("posts")}
	a, err := ddl.Encode(ops)
	if err != nil {
		t.Fatal(err)
	}
	b, err := ddl.Encode(ddl.ImportAll(ops))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(b), string(a)); diff != "" {
		t.Fatalf("encoding changed (-imported +plain):\n%s", diff)
	}
}
