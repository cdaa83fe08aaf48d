package ddl_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/internal/testshop"
	"github.com/strata-orm/strata/schema"
)

func replay(t *testing.T, ops ...ddl.Op) *schema.Database {
	t.Helper()
	db := &schema.Database{}
	if err := ddl.Replay(db, ops...); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestShopReplay(t *testing.T) {
	db := replay(t, testshop.Ops()...)
	db.Normalize()
	if got, want := db.TableNames(), []string{"orders", "product_orders", "products", "users"}; !cmp.Equal(got, want) {
		t.Fatalf("tables = %v, want %v", got, want)
	}
	orders := db.Table("orders")
	want := []schema.ForeignKey{{
		Name: "orders_userId_fkey", Columns: []string{"userId"}, RefTable: "users", RefColumns: []string{"id"},
		OnDelete: schema.Cascade, OnUpdate: schema.NoAction,
	}}
	if diff := cmp.Diff(orders.ForeignKeys, want); diff != "" {
		t.Errorf("orders foreign keys (-got +want):\n%s", diff)
	}
	users := db.Table("users")
	if got := users.ColumnNames(); !cmp.Equal(got, []string{"id", "firstName", "lastName", "email", "createdAt", "updatedAt", "age"}) {
		t.Errorf("users columns = %v", got)
	}
	if diff := cmp.Diff(users.Uniques, []schema.Unique{{Name: "users_email_key", Columns: []string{"email"}}}); diff != "" {
		t.Error(diff)
	}
	if !cmp.Equal(users.PrimaryKey, []string{"id"}) || !users.Column("id").NotNull || !users.Column("id").AutoIncrement {
		t.Errorf("users.id = %+v, pk %v", users.Column("id"), users.PrimaryKey)
	}
}

func TestReverseAllEmptiesTheShop(t *testing.T) {
	ops := testshop.Ops()
	undo, err := ddl.ReverseAll(&schema.Database{}, ops...)
	if err != nil {
		t.Fatal(err)
	}
	db := replay(t, ops...)
	if err := ddl.Replay(db, undo...); err != nil {
		t.Fatal(err)
	}
	if len(db.Tables) != 0 {
		t.Errorf("tables left after reversing: %v", db.TableNames())
	}
}

// Every reversible op, applied and then reversed, gives back the schema it started from.
func TestReverseRoundTrip(t *testing.T) {
	base := testshop.Ops()
	tests := []ddl.Op{
		ddl.DropTable("product_orders"),
		ddl.DropTable("users").WithCascade(),
		ddl.RenameTable("users", "people"),
		ddl.AddColumn("users", ddl.Column("nick", schema.String(20)).Unique()),
		ddl.AddColumn("orders", ddl.Column("productId", schema.Integer()).References("products", "id")),
		ddl.RemoveColumn("users", "email"),
		ddl.RemoveColumn("orders", "userId"),
		ddl.ChangeColumn("users", ddl.Column("age", schema.BigInt()).NotNull().Default(0)),
		ddl.ChangeColumn("users", ddl.Column("lastName", schema.String(0)).Unique()),
		ddl.RenameColumn("users", "id", "userId"),
		ddl.AddIndex("users", "lastName", "firstName").AsUnique(),
		ddl.AddCheck("users", "users_age_check", "age >= 0"),
		ddl.AddUnique("products", "name"),
		ddl.RemoveIndex("users", "users_email_key"), // a unique constraint, by removeIndex
		ddl.AddForeignKey("product_orders", []string{"productId"}, "products", []string{"id"}).Named("po_p").WithOnDelete(schema.SetDefault),
		ddl.BulkInsert("users", ddl.Row{"id": 1, "email": "a@b.c"}),
	}
	for _, op := range tests {
		t.Run(op.String(), func(t *testing.T) {
			before := replay(t, base...)
			ops := []ddl.Op{op}
			undo, err := ddl.ReverseAll(before, ops...)
			if err != nil {
				t.Fatal(err)
			}
			after := before.Clone()
			if err := ddl.Replay(after, ops...); err != nil {
				t.Fatal(err)
			}
			if err := ddl.Replay(after, undo...); err != nil {
				t.Fatalf("undo %v: %v", undo, err)
			}
			before.Normalize()
			after.Normalize()
			if _, ok := op.(*ddl.RemoveColumnOp); ok {
				// A column added back goes last, as on every database.
				sortColumns(before)
				sortColumns(after)
			}
			if diff := cmp.Diff(after, before); diff != "" {
				t.Errorf("after undo (-got +want):\n%s", diff)
			}
		})
	}
}

func sortColumns(db *schema.Database) {
	for i := range db.Tables {
		slices.SortFunc(db.Tables[i].Columns, func(a, b schema.Column) int { return strings.Compare(a.Name, b.Name) })
	}
}

func TestApplyErrors(t *testing.T) {
	base := testshop.Ops()
	tests := []struct {
		op   ddl.Op
		is   error
		want string
	}{
		{ddl.CreateTable("x", ddl.Column("a", schema.Type{Kind: "STRIN"})), ddl.ErrInvalid, `column "a": unknown type "STRIN"`},
		{ddl.CreateTable("x", ddl.Column("a", schema.Integer()).References("customers", "id")), ddl.ErrNotFound, `references table "customers", which does not exist`},
		{ddl.CreateTable("x", ddl.Column("a", schema.Integer()).References("userz", "id")), ddl.ErrNotFound, `did you mean "users"?`},
		{ddl.CreateTable("x", ddl.Column("a", schema.Integer()).References("users", "uid")), ddl.ErrNotFound, `references "users"."uid", which does not exist`},
		{ddl.CreateTable("x", ddl.Column("a", schema.Integer()), ddl.Column("a", schema.Text())), ddl.ErrExists, `column "a" is declared twice`},
		{ddl.CreateTable("", ddl.Column("a", schema.Integer())), ddl.ErrInvalid, "table name is empty"},
		{ddl.CreateTable("x", ddl.Column("", schema.Integer())), ddl.ErrInvalid, "column name is empty"},
		{ddl.CreateTable("x"), ddl.ErrInvalid, "has no columns"},
		{ddl.CreateTable("users", ddl.Column("a", schema.Integer())), ddl.ErrExists, `table "users" already exists`},
		{ddl.CreateTable("x", ddl.Column("a", schema.Text()).References("users", "id")), ddl.ErrInvalid, "give both the same type"},
		{ddl.CreateTable("x", ddl.Column("a", schema.Integer()).References("users", "age")), ddl.ErrInvalid, "neither the primary key nor unique"},
		{ddl.CreateTable("x", ddl.Column("a", schema.Text()).AutoIncrement()), ddl.ErrInvalid, "autoIncrement needs an INTEGER"},
		{ddl.CreateTable("x", ddl.Column("a", schema.Boolean()).Default("yes")), ddl.ErrInvalid, `default "yes" is not true or false`},
		{ddl.CreateTable("x", ddl.Column("a", schema.Enum("a", "b")).Default("c")), ddl.ErrInvalid, `not one of the enum's values`},
		{ddl.DropTable("users"), ddl.ErrInvalid, "referenced by foreign key orders.orders_userId_fkey"},
		{ddl.DropTable("nope"), ddl.ErrNotFound, `table "nope" does not exist`},
		{ddl.AddColumn("users", ddl.Column("email", schema.Text())), ddl.ErrExists, `already has a column "email"`},
		{ddl.AddColumn("nope", ddl.Column("a", schema.Text())), ddl.ErrNotFound, `table "nope" does not exist`},
		{ddl.RemoveColumn("users", "id"), ddl.ErrInvalid, "part of the primary key"},
		{ddl.RemoveColumn("users", "emial"), ddl.ErrNotFound, `did you mean "email"?`},
		{ddl.ChangeColumn("users", ddl.Column("age", schema.Type{Kind: schema.KindDecimal, Precision: 2, Scale: 5})), ddl.ErrInvalid, "scale between 0 and the precision"},
		{ddl.RenameColumn("users", "age", "email"), ddl.ErrExists, `already has a column "email"`},
		{ddl.AddIndex("users", "nope"), ddl.ErrNotFound, `has no column "nope"`},
		{ddl.AddIndex("users", "email").Named("users_email_key"), ddl.ErrExists, `already used on table "users"`},
		{ddl.RemoveIndex("users", "nope"), ddl.ErrNotFound, `has no index "nope"`},
		{ddl.RemoveIndex("users", "users_email_kye"), ddl.ErrNotFound, `did you mean "users_email_key"?`},
		{ddl.RemoveConstraint("users", "users_age"), ddl.ErrNotFound, `"users_age" of table "users" is an index, not a constraint; remove it with removeIndex`},
		{ddl.RemoveConstraint("users", "users_email_kye"), ddl.ErrNotFound, `did you mean "users_email_key"?`},
		{ddl.RemoveConstraint("users", "users_pkey"), ddl.ErrInvalid, "foreign key orders.orders_userId_fkey points at"},
		{ddl.RemoveConstraint("product_orders", "product_orders_pkey"), ddl.ErrInvalid, "autoIncrement and must stay the primary key"},
		{ddl.AddPrimaryKey("users", "email"), ddl.ErrExists, "already has a primary key"},
		{ddl.BulkInsert("users", ddl.Row{"emial": "x"}), ddl.ErrNotFound, `did you mean "email"?`},
		{ddl.BulkUpdate("users", ddl.Row{}, nil), ddl.ErrInvalid, "no columns to set"},
		{ddl.Raw(""), ddl.ErrInvalid, "no SQL"},
		{ddl.RequireEmpty("users", "usres"), ddl.ErrNotFound, `table "usres" does not exist`},
		{ddl.RequireEmpty(), ddl.ErrInvalid, "no tables to check"},
	}
	base = append(base, ddl.AddIndex("users", "age"))
	for _, tt := range tests {
		t.Run(tt.op.String(), func(t *testing.T) {
			db := replay(t, base...)
			before := db.Clone()
			err := tt.op.Apply(db)
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if !errors.Is(err, tt.is) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v (is %v: %v), want it to contain %q", err, tt.is, errors.Is(err, tt.is), tt.want)
			}
			if diff := cmp.Diff(db, before); diff != "" {
				t.Errorf("failed Apply changed the schema:\n%s", diff)
			}
		})
	}
}

func TestIrreversible(t *testing.T) {
	db := replay(t, testshop.Ops()...)
	for _, op := range []ddl.Op{
		ddl.BulkUpdate("users", ddl.Row{"age": 1}, nil),
		ddl.BulkDelete("users", nil),
		ddl.Raw("SELECT 1"),
		ddl.BulkInsert("users", ddl.Row{"email": "x"}),
	} {
		if _, err := op.Reverse(db); !errors.Is(err, ddl.ErrIrreversible) {
			t.Errorf("%v: Reverse error = %v, want ErrIrreversible", op, err)
		}
	}
	rev, err := ddl.Raw("CREATE VIEW v AS SELECT 1").WithReverse(ddl.Raw("DROP VIEW v")).Reverse(db)
	if err != nil || len(rev) != 1 || rev[0].(*ddl.RawOp).SQL != "DROP VIEW v" {
		t.Errorf("raw reverse = %v, %v", rev, err)
	}
}

func TestRenameColumnFollowsReferences(t *testing.T) {
	db := replay(t, append(testshop.Ops(), ddl.AddCheck("users", "age_ok", `"age" >= 0`), ddl.RenameColumn("users", "age", "years"), ddl.RenameColumn("users", "id", "uid"))...)
	if got := db.Table("orders").ForeignKeys[0].RefColumns; !cmp.Equal(got, []string{"uid"}) {
		t.Errorf("orders fk now points at %v, want [uid]", got)
	}
	if got := db.Table("users").Check("age_ok").Expr; got != `"years" >= 0` {
		t.Errorf("check expr = %q", got)
	}
}

func TestFingerprintStable(t *testing.T) {
	a, err := ddl.Fingerprint(testshop.Ops())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := ddl.Fingerprint(testshop.Ops())
	if a != b || !strings.HasPrefix(a, "sha256:") {
		t.Errorf("fingerprints %q, %q", a, b)
	}
	c, _ := ddl.Fingerprint(append(testshop.Ops(), ddl.AddIndex("users", "age")))
	if c == a {
		t.Error("adding an op did not change the fingerprint")
	}
}

// TestRemoveUniqueKeyEitherWay: a unique key is removed by removeIndex and
// by removeConstraint whichever way it was created (MySQL reads both back
// as the same thing), each reverse makes it again as it was, and neither
// removes the key a foreign key points at.
func TestRemoveUniqueKeyEitherWay(t *testing.T) {
	base := []ddl.Op{
		ddl.CreateTable("codes", ddl.Column("id", schema.Integer()).PrimaryKey(), ddl.Column("code", schema.String(20)), ddl.Column("alt", schema.String(20))),
		ddl.AddIndex("codes", "code").AsUnique(),
		ddl.AddUnique("codes", "alt"),
	}
	for _, op := range []ddl.Op{
		ddl.RemoveConstraint("codes", "codes_code"),
		ddl.RemoveIndex("codes", "codes_code"),
		ddl.RemoveIndex("codes", "codes_alt_key"),
		ddl.RemoveConstraint("codes", "codes_alt_key"),
	} {
		t.Run(op.String(), func(t *testing.T) {
			before := replay(t, base...)
			undo, err := op.Reverse(before)
			if err != nil {
				t.Fatal(err)
			}
			after := before.Clone()
			if err := ddl.Replay(after, op); err != nil {
				t.Fatal(err)
			}
			codes := after.Table("codes")
			if len(codes.Indexes)+len(codes.Uniques) != 1 {
				t.Fatalf("after %s: indexes %v, uniques %v; want one key left", op, codes.Indexes, codes.Uniques)
			}
			if err := ddl.Replay(after, undo...); err != nil {
				t.Fatalf("undo %v: %v", undo, err)
			}
			before.Normalize()
			after.Normalize()
			if diff := cmp.Diff(after, before); diff != "" {
				t.Errorf("after undo (-got +want):\n%s", diff)
			}
		})
	}
	refs := append(base, ddl.CreateTable("uses", ddl.Column("id", schema.Integer()).PrimaryKey(),
		ddl.Column("code", schema.String(20)).References("codes", "code"),
		ddl.Column("alt", schema.String(20)).References("codes", "alt")))
	for _, tt := range []struct {
		op   ddl.Op
		want string
	}{
		{ddl.RemoveIndex("codes", "codes_code"), `unique index "codes_code" is the key that foreign key uses.uses_code_fkey points at`},
		{ddl.RemoveConstraint("codes", "codes_code"), `unique index "codes_code" is the key that foreign key uses.uses_code_fkey points at`},
		{ddl.RemoveIndex("codes", "codes_alt_key"), `unique constraint "codes_alt_key" is the key that foreign key uses.uses_alt_fkey points at`},
	} {
		db := replay(t, refs...)
		if err := tt.op.Apply(db); !errors.Is(err, ddl.ErrInvalid) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error = %v, want ErrInvalid containing %q", tt.op, err, tt.want)
		}
	}
}

func TestCreateDatabaseFromCycle(t *testing.T) {
	// store.manager_staff_id → staff, staff.store_id → store: Sakila's cycle.
	ops := []ddl.Op{
		ddl.CreateTable("store", ddl.Column("store_id", schema.Integer()).PrimaryKey(), ddl.Column("manager_staff_id", schema.Integer())),
		ddl.CreateTable("staff", ddl.Column("staff_id", schema.Integer()).PrimaryKey(), ddl.Column("store_id", schema.Integer()).References("store", "store_id")),
		ddl.AddForeignKey("store", []string{"manager_staff_id"}, "staff", []string{"staff_id"}),
		ddl.CreateTable("address", ddl.Column("id", schema.Integer()).PrimaryKey(), ddl.Column("parent", schema.Integer()).References("address", "id")),
	}
	want := &schema.Database{}
	if err := ddl.Replay(want, ops...); err != nil {
		t.Fatal(err)
	}
	got := &schema.Database{}
	if err := ddl.Replay(got, ddl.CreateDatabaseFrom(want)...); err != nil {
		t.Fatalf("replaying CreateDatabaseFrom: %v", err)
	}
	want.Normalize()
	got.Normalize()
	if !cmp.Equal(want, got) {
		t.Fatalf("rebuilt schema differs (-want +got):\n%s", cmp.Diff(want, got))
	}
}

// An index key that is not a column is checked before it is written as
// it is; renaming or removing a column reaches inside such keys.
func TestIndexKeyText(t *testing.T) {
	for key, ok := range map[string]bool{
		"lower(email)": true, "(a + b)": true, `name COLLATE "C"`: true, "title text_pattern_ops DESC NULLS LAST": true,
		"f(a, b)": true, "lower('a;b')": true, `"x--y" DESC`: true,
		"lower(a); DROP TABLE t": false, "(a) -- c": false, "(a /* c */)": false, "(a), (b)": false,
		"a) WHERE (true": false, "lower('a)": false, "(a": false,
	} {
		if err := ddl.CheckIndexKey(key); (err == nil) != ok {
			t.Errorf("CheckIndexKey(%q) = %v, want ok %v", key, err, ok)
		}
	}
	db := &schema.Database{}
	ops := []ddl.Op{
		ddl.CreateTable("t", ddl.Column("email", schema.String(40)), ddl.Column("code", schema.Integer()), ddl.Column("n", schema.Integer())),
		ddl.AddIndex("t", "lower(email)", "code").Named("t_lower"),
		ddl.AddIndex("t", "n DESC").Named("t_n"),
		ddl.RenameColumn("t", "email", "mail"),
		ddl.RemoveColumn("t", "n"),
	}
	for _, op := range ops {
		if err := op.Apply(db); err != nil {
			t.Fatalf("%s: %v", op, err)
		}
	}
	got := db.Table("t").Indexes
	want := []schema.Index{{Name: "t_lower", Columns: []string{"lower(mail)", "code"}}}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("indexes (-got +want):\n%s", diff)
	}
}

// TestRequireEmpty: a check changes no schema, undoes to nothing, and
// says why the tables must be empty.
func TestRequireEmpty(t *testing.T) {
	db := replay(t, testshop.Ops()...)
	before := db.Clone()
	op := ddl.RequireEmpty("users").At("20200101000000-backfill.js", 6)
	if err := op.Apply(db); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(db, before); diff != "" {
		t.Errorf("RequireEmpty changed the schema:\n%s", diff)
	}
	rev, err := op.Reverse(db)
	if err != nil || rev == nil || len(rev) != 0 {
		t.Errorf("Reverse = %v, %v; want no operation", rev, err)
	}
	if got, want := op.Why(), "the file reads its rows at line 6 to change them"; got != want {
		t.Errorf("Why = %q, want %q", got, want)
	}
	if got := op.String(); got != `requireEmpty "users"` {
		t.Errorf("String = %s", got)
	}
}
