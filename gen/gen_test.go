package gen

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/internal/golden"
	"github.com/strata-orm/strata/schema"
)

func TestParseAttributes(t *testing.T) {
	got, err := ParseAttributes("firstName:string, email:string(100)!:unique,role:enum:{admin,'guest user'}, tags:array:string," +
		"price:decimal(10,2):default=0,createdOn:date:default=now,userId:integer:references=users.id:onDelete=cascade:onUpdate=cascade," +
		"score:integer:notnull:index,uid:uuid:default=uuidv4,ok:boolean:default=true,bio:text:default='hi, you'")
	if err != nil {
		t.Fatal(err)
	}
	want := []Attribute{
		{Name: "firstName", Type: schema.String(255)},
		{Name: "email", Type: schema.String(100), NotNull: true, Unique: true},
		{Name: "role", Type: schema.Enum("admin", "guest user")},
		{Name: "tags", Type: schema.Array(schema.String(255))},
		{Name: "price", Type: schema.Decimal(10, 2), Default: schema.Literal("0")},
		{Name: "createdOn", Type: schema.Date(), Default: schema.Now()},
		{Name: "userId", Type: schema.Integer(), References: &ddl.Reference{Table: "users", Column: "id", OnDelete: schema.Cascade, OnUpdate: schema.Cascade}},
		{Name: "score", Type: schema.Integer(), NotNull: true, Index: true},
		{Name: "uid", Type: schema.UUID(), Default: schema.UUIDv4()},
		{Name: "ok", Type: schema.Boolean(), Default: schema.Literal("true")},
		{Name: "bio", Type: schema.Text(), Default: schema.Literal("hi, you")},
	}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("(-got +want):\n%s", diff)
	}
}

func TestParseAttributeErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"foo:strin", "Attribute 'foo:strin' cannot be parsed: Unknown type 'strin' (did you mean 'string'?)"},
		{"foo:zzzzzzzz", "Unknown type 'zzzzzzzz' (known: string, char, text"},
		{"foo", "Attribute 'foo' cannot be parsed: the type is missing; write foo:string"},
		{":string", "the name is empty"},
		{"first-name:string", "'first-name' is not a valid name"},
		{"id:integer", "'id' is added to every model automatically"},
		{"a:string,a:text", "attribute 'a' is given twice"},
		{"a:string:uniqe", "unknown modifier 'uniqe'"},
		{"a:enum", "enum needs its values"},
		{"a:enum:{a,b", "enum values must be in braces"},
		{"a:array", "array needs an element type"},
		{"a:array:array:string", "ARRAY of ARRAY"},
		{"a:string(0)", "length must be positive"},
		{"a:integer:default=abc", `default "abc" is not a whole number`},
		{"a:integer:onDelete=cascade", "onDelete needs references=<table> before it"},
		{"a:integer!:references=users:onDelete=set null", "onDelete=set null needs a column that allows NULL"},
		{"a:integer:references=users:onDelete=explode", "unknown referential action"},
		{"", "no attributes given"},
	}
	for _, tt := range tests {
		_, err := ParseAttributes(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseAttributes(%q) error = %v, want it to contain %q", tt.in, err, tt.want)
		}
	}
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), got)
}

func TestGenerateShop(t *testing.T) {
	at := time.Date(2026, 11, 26, 18, 45, 3, 0, time.UTC)
	tests := []struct {
		name, attrs string
		underscored bool
		migration   string
	}{
		{"user", "firstName:string,lastName:string,email:string", false, "20261126184503-create-user"},
		{"order", "total:integer", false, "20261126184503-create-order"},
		{"product", "name:string!,price:decimal", false, "20261126184503-create-product"},
		{"UserProfile", "displayName:string", true, "20261126184503-create-user-profile"},
		{"gadget", agreeAttrs["gadget"], false, "20261126184503-create-gadget"},
		{"widget", "tags:array:string,status:enum:{active,inactive},flag:boolean,body:text,born:dateonly,meta:json,uid:uuid:default=uuidv4,big:bigint,f:float,d:double,r:real,ts:date,price:decimal(10,2)!:default=0,userId:integer:references=users:onDelete=cascade,email:string(100)!:unique:index", false, "20261126184503-create-widget"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			attrs, err := ParseAttributes(tt.attrs)
			if err != nil {
				t.Fatal(err)
			}
			spec := ModelSpec{Name: tt.name, Attributes: attrs, Underscored: tt.underscored}
			if got := spec.MigrationName(at); got != tt.migration {
				t.Errorf("MigrationName = %q, want %q", got, tt.migration)
			}
			m, err := Model(spec)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, "models/"+spec.ModelFile(), m)
			mig, err := CreateMigration(spec, tt.migration)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, "migrations/"+tt.migration+".go", mig)
		})
	}
}

func TestSpecNames(t *testing.T) {
	tests := []struct {
		name        string
		underscored bool
		table, file string
	}{
		{"user", false, "users", "user.go"},
		{"UserProfile", false, "UserProfiles", "user_profile.go"},
		{"UserProfile", true, "user_profiles", "user_profile.go"},
		{"person", false, "people", "person.go"},
		{"product_order", false, "product_orders", "product_order.go"},
	}
	for _, tt := range tests {
		s := ModelSpec{Name: tt.name, Underscored: tt.underscored}
		if s.Table() != tt.table || s.ModelFile() != tt.file {
			t.Errorf("%s: table %q file %q, want %q %q", tt.name, s.Table(), s.ModelFile(), tt.table, tt.file)
		}
	}
	if got, err := MigrationFileName(time.Date(2026, 11, 26, 18, 45, 51, 0, time.UTC), "add age to users"); err != nil || got != "20261126184551-add-age-to-users" {
		t.Errorf("MigrationFileName = %q, %v", got, err)
	}
}

func TestSkeletons(t *testing.T) {
	for name, f := range map[string]func() ([]byte, error){
		"migrations/20261126184548-create-product-orders.go": func() ([]byte, error) { return EmptyMigration("20261126184548-create-product-orders") },
		"seeders/20261126184951-demo-user.go":                func() ([]byte, error) { return Seeder("20261126184951-demo-user") },
		"migrations/migrations.go":                           func() ([]byte, error) { return RegistryFile("migrations", "migrations") },
		"seeders/seeders.go":                                 func() ([]byte, error) { return RegistryFile("seeders", "seeders") },
	} {
		src, err := f()
		if err != nil {
			t.Fatal(err)
		}
		checkGolden(t, name, src)
	}
}
