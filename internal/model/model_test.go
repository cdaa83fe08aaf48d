package model_test

import (
	"database/sql"
	"errors"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/internal/testshop"
	"github.com/strata-orm/strata/schema"
)

// The seed's shop as models, as model:generate writes them.
type User struct {
	ID        int
	FirstName string
	LastName  string
	Email     string `strata:",notnull,unique" validate:"required,email"`
	CreatedAt time.Time
	UpdatedAt time.Time
	Age       int
}

type Order struct {
	ID        int
	Total     string `strata:",type=DECIMAL(10,2)"`
	UserID    int
	CreatedAt time.Time
	UpdatedAt time.Time
	User      *User // a relation, not a column
	Products  []Product
}

type Product struct {
	ID        int
	Name      string `strata:",notnull"`
	Price     string `strata:",type=DECIMAL(10,2)"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

type ProductOrder struct {
	ID        int
	ProductID int `strata:",notnull"`
	OrderID   int `strata:",notnull"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (ProductOrder) TableName() string { return "product_orders" }

func mustModel(t *testing.T, v any) *model.Model {
	t.Helper()
	m, err := model.New(reflect.TypeOf(v))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// The models' tables equal what the seed's migrations create (foreign keys
// aside: they belong to associations).
func TestShopModelsMatchMigrations(t *testing.T) {
	db := &schema.Database{}
	if err := ddl.Replay(db, testshop.Ops()...); err != nil {
		t.Fatal(err)
	}
	for _, v := range []any{User{}, Order{}, Product{}, ProductOrder{}} {
		m := mustModel(t, v)
		got, err := m.Schema()
		if err != nil {
			t.Fatal(err)
		}
		want := db.Table(m.Table).Clone()
		if want.Name == "" {
			t.Fatalf("no table %q in the migrations", m.Table)
		}
		want.ForeignKeys = nil
		byName := func(a, b schema.Column) int { return strings.Compare(a.Name, b.Name) }
		slices.SortFunc(got.Columns, byName)
		slices.SortFunc(want.Columns, byName)
		got.Normalize()
		want.Normalize()
		if diff := cmp.Diff(got, want); diff != "" {
			t.Errorf("%s: model table differs from the migrations (-model +migrations):\n%s", m.Name, diff)
		}
	}
}

type Underscored struct {
	ID        int64
	FirstName string
	UserID    int
	CreatedAt time.Time
}

func (Underscored) ModelOptions() model.Options { return model.Options{Underscored: true} }

type Person struct {
	ID   int
	Name string
}

func (Person) ModelOptions() model.Options { return model.Options{Freeze: true} }

type ProductCategory struct {
	Code string `strata:",pk"`
}

func TestNaming(t *testing.T) {
	tests := []struct {
		model   any
		table   string
		columns []string
	}{
		{User{}, "users", []string{"id", "firstName", "lastName", "email", "createdAt", "updatedAt", "age"}},
		{Order{}, "orders", []string{"id", "total", "userId", "createdAt", "updatedAt"}},
		{ProductOrder{}, "product_orders", []string{"id", "productId", "orderId", "createdAt", "updatedAt"}},
		{ProductCategory{}, "productCategories", []string{"code"}},
		{Underscored{}, "underscoreds", []string{"id", "first_name", "user_id", "created_at"}},
		{Person{}, "person", []string{"id", "name"}},
	}
	for _, tt := range tests {
		m := mustModel(t, tt.model)
		if m.Table != tt.table {
			t.Errorf("%s: table %q, want %q", m.Name, m.Table, tt.table)
		}
		if diff := cmp.Diff(m.ColumnNames(), tt.columns); diff != "" {
			t.Errorf("%s: columns (-got +want):\n%s", m.Name, diff)
		}
	}
}

type Tagged struct {
	Key       string     `strata:"the_key,pk"`
	Seq       int64      `strata:",autoincrement,unique"`
	A         string     `strata:",unique=ab"`
	B         int        `strata:",unique=ab"`
	Status    string     `strata:",size=20,default='new, fresh'"`
	Price     float64    `strata:",type=DECIMAL(12,3),notnull"`
	Active    bool       `strata:",default=true"`
	Seen      *time.Time `strata:",default=NOW"`
	Rev       int        `strata:",version"`
	Secret    string     `strata:"-"`
	Note      sql.NullString
	DeletedAt *time.Time
}

func TestTags(t *testing.T) {
	m := mustModel(t, Tagged{})
	got := map[string]string{}
	for _, f := range m.Fields {
		st, err := f.SQLType()
		if err != nil {
			t.Fatal(err)
		}
		var flags []string
		if f.PrimaryKey {
			flags = append(flags, "pk")
		}
		if f.AutoIncrement {
			flags = append(flags, "auto")
		}
		if !f.Nullable {
			flags = append(flags, "notnull")
		}
		if f.Default != nil {
			flags = append(flags, "default="+string(f.Default.Kind)+":"+f.Default.Value)
		}
		got[f.Column] = st.String() + " " + strings.Join(flags, " ")
	}
	want := map[string]string{
		"the_key":   "STRING(255) pk notnull",
		"seq":       "BIGINT auto",
		"a":         "STRING(255) ",
		"b":         "INTEGER ",
		"status":    "STRING(20) default=literal:new, fresh",
		"price":     "DECIMAL(12,3) notnull",
		"active":    "BOOLEAN default=literal:true",
		"seen":      "DATE default=now:",
		"rev":       "INTEGER ",
		"note":      "STRING(255) ",
		"deletedAt": "DATE ",
	}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("fields (-got +want):\n%s", diff)
	}
	var uniques []string
	for _, u := range m.Uniques {
		uniques = append(uniques, u.Name+"("+strings.Join(u.Columns(), ",")+")")
	}
	if diff := cmp.Diff(uniques, []string{"taggeds_seq_key(seq)", "taggeds_a_b_key(a,b)"}); diff != "" {
		t.Errorf("uniques (-got +want):\n%s", diff)
	}
	if m.Version == nil || m.Version.Name != "Rev" || m.DeletedAt == nil || !m.Paranoid() {
		t.Errorf("version %v, deletedAt %v", m.Version, m.DeletedAt)
	}
	if len(m.PrimaryKey) != 1 || m.PrimaryKey[0].Name != "Key" {
		t.Errorf("primary key %v", m.PrimaryKey)
	}
}

func TestRelationsAreNotColumns(t *testing.T) {
	m := mustModel(t, Order{})
	var names []string
	for _, r := range m.Relations {
		names = append(names, r.Name)
	}
	if diff := cmp.Diff(names, []string{"User", "Products"}); diff != "" {
		t.Errorf("relations (-got +want):\n%s", diff)
	}
	if !m.Relations[1].Many || m.Relations[0].Many || m.Relations[1].Elem != reflect.TypeFor[Product]() {
		t.Errorf("relation details wrong: %+v", m.Relations)
	}
}

type (
	NoKey     struct{ Name string }
	BadOption struct {
		ID   int
		Name string `strata:",uniq"`
	}
	BadType struct {
		ID   int
		Tags []string
	}
	PtrEmbed struct {
		*Base
		ID int
	}
	Base    struct{ Note string }
	BadRule struct {
		ID   int
		Name string `validate:"lenght=3"`
	}
	MinOnString struct {
		ID   int
		Name string `validate:"min=3"`
	}
	BadVersion struct {
		ID  int
		Rev string `strata:",version"`
	}
	DupColumn struct {
		ID int
		A  string `strata:"x"`
		B  string `strata:"x"`
	}
	BadDeletedAt struct {
		ID        int
		DeletedAt time.Time
	}
)

func TestModelErrors(t *testing.T) {
	tests := []struct {
		model any
		want  string
	}{
		{NoKey{}, "model NoKey: no primary key: add an ID field or tag one"},
		{BadOption{}, `model BadOption, field Name: unknown tag option "uniq"`},
		{BadType{}, "model BadType, field Tags: type []string cannot be a column"},
		{PtrEmbed{}, "model PtrEmbed, field Base: embed the struct by value"},
		{BadRule{}, `model BadRule, field Name: validate tag: unknown rule "lenght"`},
		{MinOnString{}, "model MinOnString, field Name: validate tag: min applies to numbers, not string (use len for strings)"},
		{BadVersion{}, "model BadVersion, field Rev: a version field must be a non-pointer integer"},
		{DupColumn{}, `model DupColumn, field B: column "x" is also the column of field A`},
		{BadDeletedAt{}, "model BadDeletedAt, field DeletedAt: DeletedAt makes the model paranoid and must be *time.Time or sql.NullTime"},
		{42, "model: int is not a struct type"},
	}
	for _, tt := range tests {
		_, err := model.New(reflect.TypeOf(tt.model))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%T: error %v, want it to contain %q", tt.model, err, tt.want)
		}
	}
}

func TestUnknownColumnSuggests(t *testing.T) {
	m := mustModel(t, User{})
	for name, want := range map[string]string{
		"emial":      `unknown column "emial" for model User (did you mean "email"?)`,
		"first_name": `unknown column "first_name" for model User (did you mean "firstName"?)`,
		"$or":        `unknown column "$or" for model User`,
		"users.role": `unknown column "users.role" for model User`,
	} {
		_, err := m.Column(name)
		var ue *model.UnknownColumnError
		if !errors.As(err, &ue) || err.Error() != want {
			t.Errorf("Column(%q): %v, want %q", name, err, want)
		}
	}
	for _, ok := range []string{"email", "Email", "FirstName", "firstName", "ID", "id"} {
		if _, err := m.Column(ok); err != nil {
			t.Errorf("Column(%q): %v", ok, err)
		}
	}
}

type Validated struct {
	ID    int
	Email string         `validate:"required,email"`
	Name  *string        `strata:",notnull" validate:"len=2..5"`
	Age   int            `validate:"min=0,max=130"`
	Role  string         `validate:"oneof=admin|user"`
	Site  string         `validate:"url"`
	Code  sql.NullString `validate:"len=3"`
}

func TestValidate(t *testing.T) {
	s := func(v string) *string { return &v }
	tests := []struct {
		name string
		v    Validated
		want []string
	}{
		{"valid", Validated{Email: "a@b.co", Name: s("Ann"), Age: 30, Role: "admin", Site: "https://x.io", Code: sql.NullString{String: "abc", Valid: true}}, nil},
		{"every rule fails", Validated{Email: "nope", Age: 131, Role: "root", Site: "x", Code: sql.NullString{String: "ab", Valid: true}},
			[]string{"Email email", "Name notnull", "Age max", "Role oneof", "Site url", "Code len"}},
		{"required and range", Validated{Name: s("A very long name"), Age: -1, Role: "user", Site: "http://h"},
			[]string{"Email required", "Name len", "Age min"}},
		{"null skips rules", Validated{Email: "a@b.co", Name: s("Bob"), Role: "user", Site: "http://h"}, nil},
		{"multibyte length", Validated{Email: "a@b.co", Name: s("ÅÄÖÜ😀"), Role: "user", Site: "http://h"}, nil},
	}
	m := mustModel(t, Validated{})
	for _, tt := range tests {
		errs := m.Validate(unsafe.Pointer(&tt.v), nil)
		var got []string
		for _, e := range errs {
			got = append(got, e.Field+" "+e.Rule)
		}
		if diff := cmp.Diff(got, tt.want); diff != "" {
			t.Errorf("%s: failures (-got +want):\n%s", tt.name, diff)
		}
	}
}

type Scanned struct {
	ID    int
	I8    int8
	U     uint64
	S     string
	P     *string
	B     bool
	F     float64
	T     time.Time
	PT    *time.Time
	Bytes []byte
	NS    sql.NullString
	F32   float32
	I64   int64
	PF32  *float32
}

func TestScanConversions(t *testing.T) {
	m := mustModel(t, Scanned{})
	at := time.Date(2024, 3, 10, 7, 30, 0, 123456000, time.UTC)
	tests := []struct {
		col  string
		src  any
		want any
		err  string
	}{
		{"i8", int64(127), int8(127), ""},
		{"i8", int64(128), nil, "overflows int8"},
		{"i8", []byte("-5"), int8(-5), ""},
		{"i8", nil, int8(0), ""},
		{"u", int64(-1), nil, "is negative"},
		{"u", []byte("18446744073709551615"), uint64(1<<64 - 1), ""},
		{"s", []byte("héllo"), "héllo", ""},
		{"s", nil, "", ""},
		{"s", int64(12), "12", ""},
		{"p", nil, (*string)(nil), ""},
		{"b", int64(1), true, ""},
		{"b", []byte("0"), false, ""},
		{"f", []byte("12.50"), 12.5, ""},
		{"f", int64(3), 3.0, ""},
		{"t", "2024-03-10 07:30:00.123456+00:00", at, ""},
		{"t", "2024-03-10 08:30:00.123456 +0100 CET", at, ""},
		{"t", at.In(time.FixedZone("x", 3600)), at, ""},
		{"t", "garbage", nil, "cannot read"},
		{"bytes", []byte{0, 1, 2}, []byte{0, 1, 2}, ""},
		{"ns", []byte("x"), sql.NullString{String: "x", Valid: true}, ""},
		// go-sql-driver/mysql reads FLOAT as float32 and BIGINT UNSIGNED
		// as uint64 (issue 12, defect 7).
		{"f32", float32(0.1), float32(0.1), ""},
		{"pf32", float32(-3.5), ptrTo(float32(-3.5)), ""},
		{"f", float32(0.5), 0.5, ""},
		{"s", float32(0.1), "0.1", ""},
		{"i64", float32(3), int64(3), ""},
		{"u", float32(3), uint64(3), ""},
		{"f32", 1e39, nil, "overflows float32"},
		{"f32", math.Inf(-1), float32(math.Inf(-1)), ""},
		{"i64", uint64(1 << 63), nil, "overflows int64"},
		{"u", uint64(1<<64 - 1), uint64(1<<64 - 1), ""},
		{"f", uint64(8), 8.0, ""},
		{"s", uint64(1<<64 - 1), "18446744073709551615", ""},
	}
	for _, tt := range tests {
		var v Scanned
		f, err := m.Field(tt.col)
		if err != nil {
			t.Fatal(err)
		}
		err = f.Scan(unsafe.Pointer(&v), tt.src)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s ← %#v: error %v, want %q", tt.col, tt.src, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s ← %#v: %v", tt.col, tt.src, err)
			continue
		}
		got := f.Reflect(unsafe.Pointer(&v)).Interface()
		if diff := cmp.Diff(got, tt.want); diff != "" {
			t.Errorf("%s ← %#v (-got +want):\n%s", tt.col, tt.src, diff)
		}
	}
	// A pointer column gets a fresh value, and NULL resets it.
	var v Scanned
	pf, _ := m.Field("P")
	base := unsafe.Pointer(&v)
	if err := pf.Scan(base, []byte("x")); err != nil || v.P == nil || *v.P != "x" {
		t.Fatalf("scan into *string: %v %v", err, v.P)
	}
	if err := pf.Scan(base, nil); err != nil || v.P != nil {
		t.Fatalf("NULL into *string: %v %v", err, v.P)
	}
}

func ptrTo[T any](v T) *T { return &v }

// Assign converts a number to the field's type only when it fits: no
// wrapping, no truncated fraction, no float32 overflow.
func TestAssignRefusesWhatDoesNotFit(t *testing.T) {
	m := mustModel(t, Scanned{})
	tests := []struct {
		col  string
		v    any
		want any // nil: an error
	}{
		{"i8", 127, int8(127)},
		{"i8", 128, nil},
		{"i8", -129, nil},
		{"i8", uint(5), int8(5)},
		{"i8", 2.0, int8(2)},
		{"i8", 2.5, nil},
		{"u", -1, nil},
		{"u", int64(math.MaxInt64), uint64(math.MaxInt64)},
		{"i64", uint64(1 << 63), nil},
		{"f32", 1e39, nil},
		{"f32", 0.5, float32(0.5)},
		{"pf32", 1e39, nil},
		{"pf32", 2, ptrTo(float32(2))},
		{"id", int64(1) << 40, 1 << 40},
	}
	for _, tt := range tests {
		var v Scanned
		f, err := m.Field(tt.col)
		if err != nil {
			t.Fatal(err)
		}
		err = f.Assign(unsafe.Pointer(&v), tt.v)
		if tt.want == nil {
			if err == nil || !strings.Contains(err.Error(), "does not fit") {
				t.Errorf("%s ← %#v: error %v, want one saying it does not fit", tt.col, tt.v, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s ← %#v: %v", tt.col, tt.v, err)
			continue
		}
		if diff := cmp.Diff(f.Reflect(unsafe.Pointer(&v)).Interface(), tt.want); diff != "" {
			t.Errorf("%s ← %#v (-got +want):\n%s", tt.col, tt.v, diff)
		}
	}
}

func TestValuesAndZero(t *testing.T) {
	m := mustModel(t, Scanned{})
	zone := time.FixedZone("x", -5*3600)
	v := Scanned{I8: -3, S: "s", T: time.Date(2024, 1, 1, 1, 0, 0, 999999999, zone), NS: sql.NullString{String: "n", Valid: true}}
	base := unsafe.Pointer(&v)
	want := map[string]any{
		"id": int64(0), "i8": int64(-3), "u": uint64(0), "s": "s", "p": nil, "b": false, "f": 0.0,
		"t":  time.Date(2024, 1, 1, 6, 0, 0, 999999000, time.UTC),
		"pt": nil, "bytes": nil, "ns": "n", "f32": 0.0, "i64": int64(0), "pf32": nil, // a nil slice is NULL
	}
	got := map[string]any{}
	for _, f := range m.Fields {
		got[f.Column] = f.Value(base)
	}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("values (-got +want):\n%s", diff)
	}
	id, _ := m.Field("ID")
	s, _ := m.Field("S")
	if !id.IsZero(base) || s.IsZero(base) {
		t.Errorf("IsZero wrong")
	}
}

func TestRegistry(t *testing.T) {
	r := model.NewRegistry()
	if err := r.Register(User{}, &Order{}, User{}); err != nil {
		t.Fatal(err)
	}
	a, _ := r.Of(reflect.TypeFor[User]())
	b, _ := r.Of(reflect.TypeFor[*User]())
	if a != b {
		t.Errorf("User computed twice")
	}
	var names []string
	for _, m := range r.Models() {
		names = append(names, m.Name)
	}
	if diff := cmp.Diff(names, []string{"User", "Order"}); diff != "" {
		t.Errorf("registered (-got +want):\n%s", diff)
	}
	type users struct{ ID int }
	err := r.Register(users{})
	if err == nil || !strings.Contains(err.Error(), `User and users both use table "users"`) {
		t.Errorf("two models on one table: %v", err)
	}
	if err := r.Register(nil); err == nil {
		t.Errorf("Register(nil) accepted")
	}
}

func TestDecimalStringKeepsScale(t *testing.T) {
	type priced struct {
		ID    int
		Price string  `strata:",type=DECIMAL(10,2)"`
		Rate  *string `strata:",type=DECIMAL(8,3)"`
		Plain string
	}
	m, err := model.NewRegistry().Of(reflect.TypeFor[priced]())
	if err != nil {
		t.Fatal(err)
	}
	var p priced
	base := unsafe.Pointer(&p)
	for _, c := range []struct {
		field string
		src   any
	}{{"Price", 12.5}, {"Rate", int64(3)}, {"Plain", 12.5}} {
		f, err := m.Field(c.field)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Scan(base, c.src); err != nil {
			t.Fatal(err)
		}
	}
	if p.Price != "12.50" || p.Rate == nil || *p.Rate != "3.000" || p.Plain != "12.5" {
		t.Errorf("got %q %v %q, want 12.50 3.000 12.5", p.Price, p.Rate, p.Plain)
	}
	f, _ := m.Field("Price")
	if err := f.Scan(base, "7.1"); err != nil || p.Price != "7.1" {
		t.Errorf("a string from the database is kept as it is: %q %v", p.Price, err)
	}
}
