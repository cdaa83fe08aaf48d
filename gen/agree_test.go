package gen

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/schema"
)

// agreeAttrs are attribute lists whose generated model and migration must
// agree; gadget is issue 12's reproduction (nullable, defaulted and NOT
// NULL columns of every default kind).
var agreeAttrs = map[string]string{
	"gadget": "email:string!:unique,role:enum:{admin,'guest user'},price:decimal(10,2):default=0," +
		"uid:uuid:default=uuidv4,seenAt:date:default=now,ok:boolean!:default=true,stock:integer!:default=10," +
		"bio:text:default='it''s, you',born:dateonly,score:double,meta:json,raw:blob",
	"user":   "firstName:string,lastName:string,email:string!:unique",
	"widget": "tags:array:string,status:enum:{active,inactive},flag:boolean,body:text,born:dateonly,meta:json,uid:uuid:default=uuidv4,big:bigint,f:float,d:double,r:real,ts:date,price:decimal(10,2)!:default=0,userId:integer:references=users:onDelete=cascade,email:string(100)!:unique:index",
}

// goTypes are the Go types a generated model uses, for building the
// generated struct with reflect.
var goTypes = map[string]reflect.Type{
	"int": reflect.TypeFor[int](), "int16": reflect.TypeFor[int16](), "int64": reflect.TypeFor[int64](),
	"float32": reflect.TypeFor[float32](), "float64": reflect.TypeFor[float64](), "bool": reflect.TypeFor[bool](),
	"string": reflect.TypeFor[string](), "time.Time": reflect.TypeFor[time.Time](),
	"json.RawMessage": reflect.TypeFor[json.RawMessage](), "[]byte": reflect.TypeFor[[]byte](),
	"strata.Array[string]": reflect.TypeFor[[]byte](), // stands in: nil-able, and typed by its type= tag
}

// TestModelAgreesWithMigration: the model model:generate writes, read as
// strata reads a model, gives the table its migration creates: the same
// columns, types, nullability and defaults. A nullable or defaulted column
// is a field that can be "not set" (a pointer or a nil-able slice).
func TestModelAgreesWithMigration(t *testing.T) {
	for name, attrs := range agreeAttrs {
		t.Run(name, func(t *testing.T) {
			as, err := ParseAttributes(attrs)
			if err != nil {
				t.Fatal(err)
			}
			spec := ModelSpec{Name: name, Attributes: as}
			src, err := Model(spec)
			if err != nil {
				t.Fatal(err)
			}
			typ := structOf(t, src)
			m, err := model.ForRead(typ)
			if err != nil {
				t.Fatalf("the generated model does not load: %v\n%s", err, src)
			}
			got, err := m.Schema()
			if err != nil {
				t.Fatal(err)
			}
			var want schema.Database
			cols := []ddl.ColumnDef{ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement()}
			for _, a := range as {
				c := schema.Column{Name: spec.Column(a), Type: a.Type, NotNull: a.NotNull, Default: a.Default}
				cols = append(cols, ddl.ColumnOf(c))
			}
			cols = append(cols, ddl.Column("createdAt", schema.Date()).NotNull(), ddl.Column("updatedAt", schema.Date()).NotNull())
			if err := ddl.CreateTable(spec.Table(), cols...).Apply(&want); err != nil {
				t.Fatal(err)
			}
			w := want.Table(spec.Table())
			if diff := cmp.Diff(columnsByName(got.Columns), columnsByName(w.Columns)); diff != "" {
				t.Errorf("model (-) and migration (+) disagree:\n%s\n%s", diff, src)
			}
			for i, a := range as {
				f := typ.Field(i + 1)
				canUnset := f.Type.Kind() == reflect.Pointer || f.Type.Kind() == reflect.Slice
				if want := !a.NotNull || a.Default != nil; canUnset != want {
					t.Errorf("field %s is %v: nullable or defaulted = %v, so it must be able to be not set = %v", f.Name, f.Type, want, want)
				}
			}
		})
	}
}

func columnsByName(cs []schema.Column) map[string]schema.Column {
	out := map[string]schema.Column{}
	for _, c := range cs {
		out[c.Name] = c
	}
	return out
}

// structOf builds the struct type that generated source declares.
func structOf(t *testing.T, src []byte) reflect.Type {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "model.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	var fields []reflect.StructField
	ast.Inspect(f, func(n ast.Node) bool {
		st, ok := n.(*ast.StructType)
		if !ok {
			return true
		}
		for _, fl := range st.Fields.List {
			expr := string(src[fl.Type.Pos()-1 : fl.Type.End()-1])
			ptr := strings.HasPrefix(expr, "*")
			gt, ok := goTypes[strings.TrimPrefix(expr, "*")]
			if !ok {
				t.Fatalf("generated field type %s is not in goTypes", expr)
			}
			if ptr {
				gt = reflect.PointerTo(gt)
			}
			tag, err := strconv.Unquote(fl.Tag.Value)
			if err != nil {
				t.Fatal(err)
			}
			fields = append(fields, reflect.StructField{Name: fl.Names[0].Name, Type: gt, Tag: reflect.StructTag(tag)})
		}
		return false
	})
	return reflect.StructOf(fields)
}
