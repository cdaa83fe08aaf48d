package schemadiff

import (
	"errors"
	"slices"
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/schema"
)

func TestDiffSameIsEmpty(t *testing.T) {
	withExtras := replayed(t, shop(t),
		ddl.AddIndex("orders", "total"),
		ddl.AddCheck("products", "products_price_check", "price >= 0"),
		ddl.AddIndex("users", "lastName", "firstName").AsUnique())
	for name, db := range map[string]*schema.Database{"empty": {}, "shop": shop(t), "shop with index and check": withExtras} {
		r, err := Diff(db, db.Clone(), Options{Indexes: true, Checks: true, DropTables: true})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !r.Empty() || len(r.Up) > 0 || len(r.Down) > 0 {
			t.Errorf("%s: Diff(x, x) = %s, want empty", name, kindsText(r))
		}
	}
}

// TestDiffKinds makes each kind of change from the shop and checks the
// kinds Diff reports and that its Up and Down round-trip.
func TestDiffKinds(t *testing.T) {
	tag := ddl.CreateTable("tags", ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(), ddl.Column("label", schema.String(40)))
	tests := []struct {
		name string
		from []ddl.Op // applied to the shop to make from
		to   []ddl.Op // applied to from to make to
		o    Options
		want []string
	}{
		{name: "add table", to: []ddl.Op{tag}, want: []string{"add table tags.tags"}},
		{name: "drop table", from: []ddl.Op{tag}, to: []ddl.Op{ddl.DropTable("tags")}, o: Options{DropTables: true}, want: []string{"drop table tags.tags"}},
		{name: "add column", to: []ddl.Op{ddl.AddColumn("users", ddl.Column("nick", schema.String(20)).NotNull().Default("x"))},
			want: []string{"add column users.nick"}},
		{name: "drop column", to: []ddl.Op{ddl.RemoveColumn("users", "age")}, want: []string{"drop column users.age"}},
		{name: "drop column with its unique and the key to it", to: []ddl.Op{ddl.RemoveConstraint("orders", "orders_userId_fkey"),
			ddl.RemoveColumn("orders", "userId"), ddl.RemoveColumn("users", "email")},
			want: []string{"drop foreign key orders.orders_userId_fkey", "drop unique users.users_email_key", "drop column users.email", "drop column orders.userId"}},
		{name: "change column type", to: []ddl.Op{ddl.ChangeColumn("users", ddl.Column("age", schema.BigInt()))},
			want: []string{"change column users.age"}},
		{name: "change column not null", to: []ddl.Op{ddl.ChangeColumn("users", ddl.Column("age", schema.Integer()).NotNull())},
			want: []string{"change column users.age"}},
		{name: "change column default", to: []ddl.Op{ddl.ChangeColumn("users", ddl.Column("age", schema.Integer()).Default(18))},
			want: []string{"change column users.age"}},
		{name: "change enum",
			from: []ddl.Op{ddl.AddColumn("orders", ddl.Column("state", schema.Enum("new", "paid")))},
			to:   []ddl.Op{ddl.ChangeColumn("orders", ddl.Column("state", schema.Enum("new", "paid", "sent")))},
			want: []string{"change enum orders.state"}},
		{name: "change primary key",
			from: []ddl.Op{ddl.CreateTable("pairs", ddl.Column("a", schema.Integer()).PrimaryKey(), ddl.Column("b", schema.Integer()).NotNull())},
			to:   []ddl.Op{ddl.RemoveConstraint("pairs", "pairs_pkey"), ddl.AddPrimaryKey("pairs", "a", "b")},
			want: []string{"change primary key pairs.pairs_pkey"}},
		{name: "add unique", to: []ddl.Op{ddl.AddUnique("products", "name")}, want: []string{"add unique products.products_name_key"}},
		{name: "drop unique", to: []ddl.Op{ddl.RemoveConstraint("users", "users_email_key")}, want: []string{"drop unique users.users_email_key"}},
		{name: "add foreign key", to: []ddl.Op{ddl.AddColumn("products", ddl.Column("ownerId", schema.Integer())),
			ddl.AddForeignKey("products", []string{"ownerId"}, "users", []string{"id"})},
			want: []string{"add column products.ownerId", "add foreign key products.products_ownerId_fkey"}},
		{name: "drop foreign key", to: []ddl.Op{ddl.RemoveConstraint("orders", "orders_userId_fkey")},
			want: []string{"drop foreign key orders.orders_userId_fkey"}},
		{name: "keep foreign key", to: []ddl.Op{ddl.RemoveConstraint("orders", "orders_userId_fkey")}, o: Options{KeepForeignKeys: true}},
		{name: "change foreign key", to: []ddl.Op{ddl.RemoveConstraint("orders", "orders_userId_fkey"),
			ddl.AddForeignKey("orders", []string{"userId"}, "users", []string{"id"}).WithOnDelete(schema.SetNull)},
			want: []string{"change foreign key orders.orders_userId_fkey"}},
		{name: "add index", to: []ddl.Op{ddl.AddIndex("orders", "total")}, o: Options{Indexes: true}, want: []string{"add index orders.orders_total"}},
		{name: "index ignored", to: []ddl.Op{ddl.AddIndex("orders", "total")}},
		{name: "drop index", from: []ddl.Op{ddl.AddIndex("orders", "total")}, to: []ddl.Op{ddl.RemoveIndex("orders", "orders_total")}, o: Options{Indexes: true}, want: []string{"drop index orders.orders_total"}},
		{name: "index kept", from: []ddl.Op{ddl.AddIndex("orders", "total")}, to: []ddl.Op{ddl.RemoveIndex("orders", "orders_total")}},
		{name: "change index", from: []ddl.Op{ddl.AddIndex("orders", "total").Named("ix")},
			to: []ddl.Op{ddl.RemoveIndex("orders", "ix"), ddl.AddIndex("orders", "total", "userId").Named("ix")},
			o:  Options{Indexes: true}, want: []string{"change index orders.ix"}},
		{name: "change index prefix", from: []ddl.Op{ddl.AddIndex("products", "name").Named("ix")},
			to: []ddl.Op{ddl.RemoveIndex("products", "ix"), ddl.AddIndex("products", "name").Named("ix").Prefix(10)},
			o:  Options{Indexes: true}, want: []string{"change index products.ix"}},
		{name: "add check", to: []ddl.Op{ddl.AddCheck("products", "price_pos", "price > 0")}, o: Options{Checks: true},
			want: []string{"add check products.price_pos"}},
		{name: "drop check", from: []ddl.Op{ddl.AddCheck("products", "price_pos", "price > 0")},
			to: []ddl.Op{ddl.RemoveConstraint("products", "price_pos")}, o: Options{Checks: true},
			want: []string{"drop check products.price_pos"}},
		{name: "change check", from: []ddl.Op{ddl.AddCheck("products", "price_pos", "price > 0")},
			to: []ddl.Op{ddl.RemoveConstraint("products", "price_pos"), ddl.AddCheck("products", "price_pos", "price >= 0")},
			o:  Options{Checks: true}, want: []string{"change check products.price_pos"}},
		{name: "rename column", to: []ddl.Op{ddl.RenameColumn("users", "age", "years")},
			o: Options{Renames: []Rename{{Table: "users", From: "age", To: "years"}}}, want: []string{"rename column users.age"}},
		{name: "rename table", to: []ddl.Op{ddl.RenameTable("products", "items")},
			o: Options{Renames: []Rename{{From: "products", To: "items"}}, DropTables: true}, want: []string{"rename table products.products"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from := replayed(t, shop(t), tt.from...)
			to := replayed(t, from, tt.to...)
			r := roundTrip(t, from, to, tt.o)
			if got := kinds(r); !slices.Equal(got, tt.want) {
				t.Errorf("changes = %q, want %q\nUp:\n%s", got, tt.want, opsText(r.Up))
			}
		})
	}
}

func TestDestructive(t *testing.T) {
	from := replayed(t, shop(t), ddl.AddColumn("orders", ddl.Column("state", schema.Enum("new", "paid"))))
	tests := []struct {
		name string
		to   []ddl.Op
		want bool
	}{
		{"wider integer", []ddl.Op{ddl.ChangeColumn("users", ddl.Column("age", schema.BigInt()))}, false},
		{"narrower integer", []ddl.Op{ddl.ChangeColumn("users", ddl.Column("age", schema.SmallInt()))}, true},
		{"shorter string", []ddl.Op{ddl.ChangeColumn("users", ddl.Column("firstName", schema.String(20)))}, true},
		{"string to text", []ddl.Op{ddl.ChangeColumn("users", ddl.Column("firstName", schema.Text()))}, false},
		{"fewer decimals", []ddl.Op{ddl.ChangeColumn("orders", ddl.Column("total", schema.Decimal(10, 1)))}, true},
		{"more enum values", []ddl.Op{ddl.ChangeColumn("orders", ddl.Column("state", schema.Enum("new", "paid", "sent")))}, false},
		{"fewer enum values", []ddl.Op{ddl.ChangeColumn("orders", ddl.Column("state", schema.Enum("new")))}, true},
		{"drop column", []ddl.Op{ddl.RemoveColumn("users", "age")}, true},
		{"add column", []ddl.Op{ddl.AddColumn("users", ddl.Column("nick", schema.Text()))}, false},
	}
	for _, tt := range tests {
		r := roundTrip(t, from, replayed(t, from, tt.to...), Options{})
		if len(r.Changes) != 1 || r.Changes[0].Destructive != tt.want {
			t.Errorf("%s: changes %s, want one with Destructive %v", tt.name, kindsText(r), tt.want)
		}
	}
}

func TestChangeWords(t *testing.T) {
	from := shop(t)
	to := replayed(t, from, ddl.ChangeColumn("users", ddl.Column("age", schema.Integer()).NotNull().Default(18)),
		ddl.RemoveConstraint("orders", "orders_userId_fkey"),
		ddl.AddForeignKey("orders", []string{"userId"}, "users", []string{"id"}).WithOnDelete(schema.SetNull))
	r := roundTrip(t, from, to, Options{})
	want := map[Kind][2]string{
		ChangeColumn:     {"INTEGER NULL", "INTEGER NOT NULL DEFAULT '18'"},
		ChangeForeignKey: {"ON DELETE CASCADE ON UPDATE NO ACTION", "ON DELETE SET NULL ON UPDATE NO ACTION"},
	}
	for _, c := range r.Changes {
		if w := want[c.Kind]; c.From != w[0] || c.To != w[1] {
			t.Errorf("%s: From, To = %q, %q; want %q, %q", c.Kind, c.From, c.To, w[0], w[1])
		}
	}
	if len(r.Changes) != 2 {
		t.Errorf("changes = %s, want 2", kindsText(r))
	}
}

func TestUnmatchedTables(t *testing.T) {
	from := shop(t)
	to := replayed(t, from, ddl.DropTable("product_orders"))
	r := roundTrip(t, from, to, Options{})
	if !r.Empty() || !slices.Equal(r.Unmatched, []string{"product_orders"}) {
		t.Errorf("changes %s, unmatched %q; want none and [product_orders]", kindsText(r), r.Unmatched)
	}
}

func TestSkip(t *testing.T) {
	from := replayed(t, shop(t), ddl.CreateTable("SequelizeMeta", ddl.Column("name", schema.String(255)).PrimaryKey()))
	to := shop(t)
	r := roundTrip(t, from, to, Options{DropTables: true, Skip: func(n string) bool { return n == "SequelizeMeta" }})
	if !r.Empty() || len(r.Unmatched) > 0 {
		t.Errorf("changes %s, unmatched %q; want none", kindsText(r), r.Unmatched)
	}
}

func TestUniqueSatisfiedByOtherKeys(t *testing.T) {
	from := replayed(t, shop(t), ddl.AddIndex("products", "name").AsUnique())
	to := replayed(t, shop(t), ddl.AddUnique("products", "name"), ddl.AddUnique("users", "id"))
	r := roundTrip(t, from, to, Options{})
	if !r.Empty() {
		t.Errorf("a unique index and the primary key satisfy unique keys: got %s", kindsText(r))
	}
}

func TestNullDefaultIsNoDefault(t *testing.T) {
	from := shop(t)
	to := replayed(t, from, ddl.ChangeColumn("users", ddl.Column("age", schema.Integer()).DefaultExpr("NULL")))
	if r, err := Diff(from, to, Options{}); err != nil || !r.Empty() {
		t.Errorf("Diff = %v, %v; want empty (DEFAULT NULL is no default)", r.Changes, err)
	}
}

// TestCreateCycle creates two tables that point at each other: each is
// created without the key that closes the cycle, added once both exist.
func TestCreateCycle(t *testing.T) {
	from := shop(t)
	to := replayed(t, from,
		ddl.CreateTable("stores", ddl.Column("id", schema.Integer()).PrimaryKey(), ddl.Column("managerId", schema.Integer())),
		ddl.CreateTable("staff", ddl.Column("id", schema.Integer()).PrimaryKey(), ddl.Column("storeId", schema.Integer()).References("stores", "id")),
		ddl.AddForeignKey("stores", []string{"managerId"}, "staff", []string{"id"}))
	r := roundTrip(t, from, to, Options{})
	var names []string
	for _, op := range r.Up {
		names = append(names, op.String())
	}
	want := []string{`createTable "staff"`, `createTable "stores"`, `addConstraint foreign key "staff_storeId_fkey" on "staff"`}
	if !slices.Equal(names, want) {
		t.Errorf("Up = %q, want %q", names, want)
	}
}

// TestDropReferencedTable drops a table another (kept) table points at:
// the key goes first.
func TestDropReferencedTable(t *testing.T) {
	from := shop(t)
	to := replayed(t, from, ddl.RemoveConstraint("orders", "orders_userId_fkey"), ddl.DropTable("users"))
	r := roundTrip(t, from, to, Options{DropTables: true, KeepForeignKeys: true})
	if got := kinds(r); !slices.Equal(got, []string{"drop foreign key orders.orders_userId_fkey", "drop table users.users"}) {
		t.Errorf("changes = %q", got)
	}
	// All but users dropped, in an order that applies: product_orders
	// before orders and products, orders before users.
	to = replayed(t, from, ddl.DropTable("product_orders"), ddl.DropTable("orders"), ddl.DropTable("products"))
	r = roundTrip(t, from, to, Options{DropTables: true})
	if len(r.Changes) != 3 || r.Changes[0].Table != "product_orders" {
		t.Errorf("changes = %s, want product_orders dropped first", kindsText(r))
	}
}

// TestDropCycle drops two tables that point at each other.
func TestDropCycle(t *testing.T) {
	to := shop(t)
	from := replayed(t, to,
		ddl.CreateTable("stores", ddl.Column("id", schema.Integer()).PrimaryKey(), ddl.Column("managerId", schema.Integer())),
		ddl.CreateTable("staff", ddl.Column("id", schema.Integer()).PrimaryKey(), ddl.Column("storeId", schema.Integer()).References("stores", "id")),
		ddl.AddForeignKey("stores", []string{"managerId"}, "staff", []string{"id"}))
	roundTrip(t, from, to, Options{DropTables: true})
}

func TestRenameSuggested(t *testing.T) {
	from := shop(t)
	to := replayed(t, from, ddl.RenameColumn("users", "age", "years"), ddl.RenameTable("products", "items"))
	r := roundTrip(t, from, to, Options{DropTables: true})
	want := []Rename{{From: "products", To: "items"}, {Table: "users", From: "age", To: "years"}}
	slices.SortFunc(r.Suggested, func(a, b Rename) int { return len(a.Table) - len(b.Table) })
	if !slices.Equal(r.Suggested, want) {
		t.Fatalf("Suggested = %v, want %v", r.Suggested, want)
	}
	r = roundTrip(t, from, to, Options{DropTables: true, Renames: r.Suggested})
	if len(r.Changes) != 2 || len(r.Suggested) != 0 {
		t.Fatalf("changes %s, suggested %v; want the two renames alone", kindsText(r), r.Suggested)
	}
	for _, op := range r.Up {
		switch op.(type) {
		case *ddl.RenameColumnOp, *ddl.RenameTableOp:
		default:
			t.Errorf("Up has %s, want renames only", op)
		}
	}
}

func TestRenameErrors(t *testing.T) {
	from := shop(t)
	for _, rn := range []Rename{{From: "nope", To: "users"}, {Table: "users", From: "nope", To: "age"}, {Table: "users", From: "age", To: "nope"}} {
		_, err := Diff(from, from, Options{Renames: []Rename{rn}})
		var re *RenameError
		if !errors.As(err, &re) || !errors.Is(err, ErrRename) || re.Rename != rn {
			t.Errorf("rename %v: error %v, want a *RenameError", rn, err)
		}
	}
}

func TestOpError(t *testing.T) {
	from := shop(t)
	to := from.Clone()
	to.Table("users").Columns = append(to.Table("users").Columns, schema.Column{Name: "n", Type: schema.Integer(), AutoIncrement: true})
	_, err := Diff(from, to, Options{})
	var oe *OpError
	if !errors.As(err, &oe) || oe.Op.String() != `addColumn "users"."n"` {
		t.Errorf("error %v, want an *OpError naming addColumn users.n", err)
	}
}

// TestModelNames compares with a `to` that leaves constraint names empty,
// as a hand-made schema may: the names Diff derives are ddl's, so the
// schema its Up makes compares Empty.
func TestModelNames(t *testing.T) {
	from := shop(t)
	to := from.Clone()
	p := to.Table("products")
	p.Columns = append(p.Columns, schema.Column{Name: "ownerId", Type: schema.Integer()})
	p.ForeignKeys = append(p.ForeignKeys, schema.ForeignKey{Columns: []string{"ownerId"}, RefTable: "users", RefColumns: []string{"id"}})
	p.Uniques = append(p.Uniques, schema.Unique{Columns: []string{"name"}})
	r := roundTrip(t, from, to, Options{})
	up := replayed(t, from, r.Up...)
	if up.Table("products").ForeignKey(schema.ForeignKeyName("products", []string{"ownerId"})) == nil ||
		up.Table("products").Unique(schema.UniqueName("products", []string{"name"})) == nil {
		t.Errorf("derived names missing: %+v", up.Table("products"))
	}
}

// TestRenameRetypedSuggested: a column renamed and retyped at once (the
// one column a table drops and the one it adds) is suggested as a rename,
// not left to a drop that would lose its data; confirmed, it is a rename
// and a change.
func TestRenameRetypedSuggested(t *testing.T) {
	from := shop(t)
	to := replayed(t, from, ddl.RenameColumn("users", "age", "years"), ddl.ChangeColumn("users", ddl.Column("years", schema.BigInt())))
	r := roundTrip(t, from, to, Options{})
	want := []Rename{{Table: "users", From: "age", To: "years"}}
	if !slices.Equal(r.Suggested, want) {
		t.Fatalf("Suggested = %v, want %v", r.Suggested, want)
	}
	r = roundTrip(t, from, to, Options{Renames: r.Suggested})
	if len(r.Changes) != 2 || r.Changes[0].Kind != RenameColumn || r.Changes[1].Kind != ChangeColumn {
		t.Fatalf("changes %s; want the rename and the change", kindsText(r))
	}
}
