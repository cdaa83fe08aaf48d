package gen

import (
	"go/ast"
	"go/constant"
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
	"github.com/strata-orm/strata/internal/naming"
	"github.com/strata-orm/strata/schema"
)

// injection is issue 13's reproduction of code injected through an enum;
// shortInjection is the same attack in a value short enough to be an enum
// value on every database (63 bytes), so it must be written escaped.
const (
	injection      = "e:enum:{'x`; }; func init() { panic(\"injected\") }; type Y struct { Z string `'}"
	shortInjection = "e:enum:{'x`; }; func init() { panic(1) }; type Y struct { Z string `'}"
)

// hostileAttrs seed the fuzz targets: the injection, and each kind
// of text a generated file must escape or refuse.
var hostileAttrs = []string{
	injection, shortInjection,
	"firstName:string", "a:enum:{x,'y z'}!", "p:decimal(10,2):default=1", "u:integer:references=users(id):onDelete=cascade", "t:array:string(3)",
	"e:enum:{'a\x00b'}", "e:enum:{'\xff'}", "s:string:default='a\x00'", "s:string:default='\xc3('",
	"s:string:default='`)}; func init() {}; var _ = (`'", "s:text:default='a\\\"b\\n'", "e:enum:{'it''s','(',')'}:default='('",
	"s:text:default='x,type=INTEGER'", "i:integer:default=08", "i:integer:default=0777", "f:double:default=NaN", "f:float:default=0x1p3",
	"d:decimal(10,2):default=1e5", "iD:integer", "id_:string", "tableName:string", "a_b:string,aB:text",
	"u:integer:references=users;drop table users", "e:enum:{'\u2028','\ufeff'}", "s:string:default='\r\n'",
}

func FuzzParseAttributes(f *testing.F) {
	for _, s := range hostileAttrs {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		attrs, err := ParseAttributes(s)
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("ParseAttributes(%q): an empty error", s)
			}
			return
		}
		checkGenerate(t, ModelSpec{Name: "thing", Attributes: attrs})
	})
}

func FuzzGenerateModel(f *testing.F) {
	for _, s := range hostileAttrs {
		f.Add("thing", s, false)
		f.Add("UserProfile", s, true)
	}
	for _, n := range []string{"_", "__", "_a", "x\x00", "\xff", "type", "func", "a`b", "ID", "init"} {
		f.Add(n, "a:string", false)
	}
	f.Fuzz(func(t *testing.T, name, s string, underscored bool) {
		attrs, err := ParseAttributes(s)
		if err != nil {
			return
		}
		checkGenerate(t, ModelSpec{Name: name, Attributes: attrs, Underscored: underscored})
	})
}

func FuzzGenerateMigration(f *testing.F) {
	for _, n := range []string{"add age to users", "x", "a\x00b", "\xff", "`); func init() {}; var _ = (`", "\"", "   ", "-", "é", "a\nb"} {
		f.Add(n)
	}
	at := time.Date(2026, 11, 26, 18, 45, 51, 0, time.UTC)
	f.Fuzz(func(t *testing.T, name string) {
		// As migration:generate and seed:generate: the name of the file.
		if full, err := MigrationFileName(at, name); err == nil {
			for _, g := range []func(string) ([]byte, error){EmptyMigration, Seeder} {
				src, err := g(full)
				if err != nil {
					t.Fatalf("%q: %v", full, err)
				}
				checkMigrationFile(t, src, full)
			}
		}
		// As a program calling gen: any name is refused or written exactly.
		for _, g := range []func(string) ([]byte, error){EmptyMigration, Seeder} {
			src, err := g(name)
			if err != nil {
				continue
			}
			checkMigrationFile(t, src, name)
		}
	})
}

// checkGenerate checks a spec is refused, or that both files it makes parse,
// declare exactly what was asked for and carry each value exactly.
func checkGenerate(t *testing.T, spec ModelSpec) {
	t.Helper()
	if err := spec.Validate(); err != nil {
		if err.Error() == "" {
			t.Fatal("Validate: an empty error")
		}
		return
	}
	src, err := Model(spec)
	if err != nil {
		t.Fatalf("Model: %v", err)
	}
	checkModelFile(t, spec, src)
	name := spec.MigrationName(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	mig, err := CreateMigration(spec, name)
	if err != nil {
		t.Fatalf("CreateMigration: %v", err)
	}
	calls := checkMigrationFile(t, mig, name)
	checkColumns(t, spec, calls, mig)
}

// checkModelFile: one struct with the expected fields, one TableName method,
// nothing else; read as strata reads a model, it gives the migration's
// columns, types, nullability and defaults exactly.
func checkModelFile(t *testing.T, spec ModelSpec, src []byte) {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "model.go", src, parser.AllErrors)
	if err != nil {
		t.Fatalf("the model does not parse: %v\n%s", err, src)
	}
	var types, funcs []string
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.GenDecl:
			switch d.Tok {
			case token.IMPORT:
			case token.TYPE:
				for _, s := range d.Specs {
					types = append(types, s.(*ast.TypeSpec).Name.Name)
				}
			default:
				t.Fatalf("the model declares a %s:\n%s", d.Tok, src)
			}
		case *ast.FuncDecl:
			if d.Recv == nil {
				t.Fatalf("the model declares func %s:\n%s", d.Name.Name, src)
			}
			funcs = append(funcs, d.Name.Name)
		}
	}
	if !slicesEqual(types, []string{spec.Struct()}) || !slicesEqual(funcs, []string{"TableName"}) {
		t.Fatalf("the model declares types %q and methods %q, want [%s] and [TableName]:\n%s", types, funcs, spec.Struct(), src)
	}
	want := []string{"ID"}
	for _, a := range spec.Attributes {
		want = append(want, naming.Camel(a.Name))
	}
	want = append(want, "CreatedAt", "UpdatedAt")
	var got []string
	ast.Inspect(f, func(n ast.Node) bool {
		if st, ok := n.(*ast.StructType); ok {
			for _, fl := range st.Fields.List {
				for _, id := range fl.Names {
					got = append(got, id.Name)
				}
			}
			return false
		}
		return true
	})
	if !slicesEqual(got, want) {
		t.Fatalf("the model has fields %q, want %q:\n%s", got, want, src)
	}
	typ := structOf(t, src)
	m, err := model.ForRead(typ)
	if err != nil {
		t.Fatalf("the generated model does not load: %v\n%s", err, src)
	}
	s, err := m.Schema()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(columnsByName(s.Columns), wantColumns(t, spec)); diff != "" {
		t.Fatalf("the model's tags (-) do not carry the attributes (+):\n%s\n%s", diff, src)
	}
}

// wantColumns are the columns the attributes ask for.
func wantColumns(t *testing.T, spec ModelSpec) map[string]schema.Column {
	t.Helper()
	var db schema.Database
	cols := []ddl.ColumnDef{ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement()}
	for _, a := range spec.Attributes {
		cols = append(cols, ddl.ColumnOf(schema.Column{Name: spec.Column(a), Type: a.Type, NotNull: a.NotNull, Default: a.Default}))
	}
	created, updated := spec.timestampColumns()
	cols = append(cols, ddl.Column(created, schema.Date()).NotNull(), ddl.Column(updated, schema.Date()).NotNull())
	if err := ddl.CreateTable(spec.Table(), cols...).Apply(&db); err != nil {
		t.Fatal(err)
	}
	return columnsByName(db.Table(spec.Table()).Columns)
}

// checkMigrationFile: imports, one init function holding one All.Add of a
// migrate.Migration named name, nothing else. It returns the calls inside
// the migration's Up, outermost first.
func checkMigrationFile(t *testing.T, src []byte, name string) []*ast.CallExpr {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "migration.go", src, parser.AllErrors)
	if err != nil {
		t.Fatalf("the migration does not parse: %v\n%s", err, src)
	}
	var inits []*ast.FuncDecl
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.GenDecl:
			if d.Tok != token.IMPORT {
				t.Fatalf("the migration declares a %s:\n%s", d.Tok, src)
			}
		case *ast.FuncDecl:
			if d.Name.Name != "init" || d.Recv != nil {
				t.Fatalf("the migration declares func %s:\n%s", d.Name.Name, src)
			}
			inits = append(inits, d)
		}
	}
	if len(inits) != 1 || len(inits[0].Body.List) != 1 {
		t.Fatalf("the migration has %d init functions, want one with one statement:\n%s", len(inits), src)
	}
	call, ok := inits[0].Body.List[0].(*ast.ExprStmt).X.(*ast.CallExpr)
	if !ok || exprString(call.Fun) != "All.Add" || len(call.Args) != 1 {
		t.Fatalf("init does not call All.Add once:\n%s", src)
	}
	lit, ok := call.Args[0].(*ast.CompositeLit)
	if !ok || exprString(lit.Type) != "migrate.Migration" {
		t.Fatalf("All.Add is not given a migrate.Migration:\n%s", src)
	}
	var up []*ast.CallExpr
	for _, e := range lit.Elts {
		kv := e.(*ast.KeyValueExpr)
		switch key := kv.Key.(*ast.Ident).Name; key {
		case "Name":
			if got, ok := stringLit(kv.Value); !ok || got != name {
				t.Fatalf("the migration is named %q, want %q:\n%s", got, name, src)
			}
		case "Up":
			for _, op := range kv.Value.(*ast.CompositeLit).Elts {
				up = append(up, op.(*ast.CallExpr))
			}
		case "Down":
		default:
			t.Fatalf("the migration sets %s:\n%s", key, src)
		}
	}
	return up
}

// checkColumns: the createTable of a generated migration names the table
// and each column, type, enum value, default and reference exactly as the
// spec has them.
func checkColumns(t *testing.T, spec ModelSpec, up []*ast.CallExpr, src []byte) {
	t.Helper()
	if len(up) == 0 || exprString(up[0].Fun) != "ddl.CreateTable" {
		t.Fatalf("the migration does not start with ddl.CreateTable:\n%s", src)
	}
	if got, _ := stringLit(up[0].Args[0]); got != spec.Table() {
		t.Fatalf("the table is %q, want %q", got, spec.Table())
	}
	cols := up[0].Args[1:]
	if len(cols) != len(spec.Attributes)+3 {
		t.Fatalf("%d columns, want %d:\n%s", len(cols), len(spec.Attributes)+3, src)
	}
	for i, a := range spec.Attributes {
		chain := map[string][]ast.Expr{}
		for e := cols[i+1]; ; {
			c := e.(*ast.CallExpr)
			if sel, ok := c.Fun.(*ast.SelectorExpr); ok && exprString(sel.X) != "ddl" {
				chain[sel.Sel.Name] = c.Args
				e = sel.X
				continue
			}
			chain["Column"] = c.Args
			break
		}
		args := chain["Column"]
		if got, _ := stringLit(args[0]); got != spec.Column(a) {
			t.Fatalf("column %q, want %q:\n%s", got, spec.Column(a), src)
		}
		if got := typeOf(t, args[1]); !got.Equal(a.Type) {
			t.Fatalf("column %s has type %v, want %v:\n%s", spec.Column(a), got, a.Type, src)
		}
		var d *schema.Default
		if v, ok := chain["Default"]; ok {
			d = schema.Literal(literalValue(t, v[0]))
		} else if v, ok := chain["DefaultExpr"]; ok {
			s, _ := stringLit(v[0])
			d = schema.Expr(s)
		} else if _, ok := chain["DefaultNow"]; ok {
			d = schema.Now()
		} else if _, ok := chain["DefaultUUIDv4"]; ok {
			d = schema.UUIDv4()
		}
		if !reflect.DeepEqual(d, a.Default) {
			t.Fatalf("column %s has default %+v, want %+v:\n%s", spec.Column(a), d, a.Default, src)
		}
		if r := a.References; r != nil {
			tbl, _ := stringLit(chain["References"][0])
			col, _ := stringLit(chain["References"][1])
			if tbl != r.Table || col != r.Column {
				t.Fatalf("references %s.%s, want %s.%s", tbl, col, r.Table, r.Column)
			}
		}
	}
}

// typeOf reads a schema.X(…) expression back into the type it builds.
func typeOf(t *testing.T, e ast.Expr) schema.Type {
	t.Helper()
	c := e.(*ast.CallExpr)
	ints := func() []int {
		var out []int
		for _, a := range c.Args {
			n, err := strconv.Atoi(a.(*ast.BasicLit).Value)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, n)
		}
		return out
	}
	switch fn := exprString(c.Fun); fn {
	case "schema.Enum":
		var vals []string
		for _, a := range c.Args {
			v, ok := stringLit(a)
			if !ok {
				t.Fatalf("an enum value is not a string literal: %s", exprString(a))
			}
			vals = append(vals, v)
		}
		return schema.Enum(vals...)
	case "schema.Array":
		return schema.Array(typeOf(t, c.Args[0]))
	case "schema.String":
		return schema.String(ints()[0])
	case "schema.Char":
		return schema.Char(ints()[0])
	case "schema.Decimal":
		n := ints()
		return schema.Decimal(n[0], n[1])
	default:
		typ, err := schema.ParseType(strings.TrimPrefix(fn, "schema."))
		if err != nil || len(c.Args) != 0 {
			t.Fatalf("unknown type expression %s", fn)
		}
		return typ
	}
}

// literalValue is the Go value of a constant expression, as Default gets it.
func literalValue(t *testing.T, e ast.Expr) any {
	t.Helper()
	if id, ok := e.(*ast.Ident); ok && (id.Name == "true" || id.Name == "false") {
		return id.Name == "true"
	}
	neg := false
	if u, ok := e.(*ast.UnaryExpr); ok && (u.Op == token.SUB || u.Op == token.ADD) {
		neg, e = u.Op == token.SUB, u.X
	}
	lit, ok := e.(*ast.BasicLit)
	if !ok {
		t.Fatalf("a default is not a literal: %s", exprString(e))
	}
	v := constant.MakeFromLiteral(lit.Value, lit.Kind, 0)
	if neg {
		v = constant.UnaryOp(token.SUB, v, 0)
	}
	switch v.Kind() {
	case constant.String:
		return constant.StringVal(v)
	case constant.Int:
		n, ok := constant.Int64Val(v)
		if !ok {
			t.Fatalf("default %s overflows int", lit.Value)
		}
		return int(n)
	case constant.Float:
		x, _ := constant.Float64Val(v)
		return x
	}
	t.Fatalf("default %s of kind %v", lit.Value, v.Kind())
	return nil
}

// stringLit is the value of a Go string literal.
func stringLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}

func exprString(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return exprString(e.X) + "." + e.Sel.Name
	}
	return "?"
}

func slicesEqual(a, b []string) bool { return reflect.DeepEqual(a, b) }

// TestGenerateRefusesOrEscapes is issue 13's defect 2: the injection is
// written as one enum value, and every other hostile attribute is refused
// with an error naming it, or written so the files parse and say exactly
// what was asked.
func TestGenerateRefusesOrEscapes(t *testing.T) {
	if _, err := ParseAttributes(injection); err == nil || !strings.Contains(err.Error(), "at most 63 bytes") {
		t.Errorf("the issue's 66-byte enum value: %v, want it refused as longer than an enum value can be", err)
	}
	attrs, err := ParseAttributes(shortInjection)
	if err != nil {
		t.Fatal(err)
	}
	want := "x`; }; func init() { panic(1) }; type Y struct { Z string `"
	if len(attrs) != 1 || !slicesEqual(attrs[0].Type.Values, []string{want}) {
		t.Fatalf("parsed %+v, want one enum value %q", attrs, want)
	}
	checkGenerate(t, ModelSpec{Name: "thing", Attributes: attrs})
	refused := map[string]string{
		"e:enum:{'a\x00b'}":                       "NUL byte",
		"e:enum:{'\xff'}":                         "not valid UTF-8",
		"s:string:default='a\x00'":                "NUL byte",
		"f:double:default=NaN":                    "not a decimal number",
		"f:float:default=0x1p3":                   "not a decimal number",
		"d:decimal(10,2):default=1e5":             "not a decimal number",
		"u:integer:references=users;drop table x": "does not name a table and column",
	}
	for in, msg := range refused {
		_, err := ParseAttributes(in)
		if _, ok := err.(*AttributeError); !ok || !strings.Contains(err.Error(), msg) {
			t.Errorf("ParseAttributes(%q) = %v, want an *AttributeError saying %q", in, err, msg)
		}
		if err != nil && (strings.ContainsRune(err.Error(), 0) || !utf8Valid(err.Error())) {
			t.Errorf("the error carries the raw bytes: %q", err)
		}
	}
	for attrs, msg := range map[string]string{"iD:integer": "every model has already", "tableName:string": "every model has already", "a_b:string,aB:text": "as 'a_b' does"} {
		as, err := ParseAttributes(attrs)
		if err != nil {
			t.Fatal(err)
		}
		err = ModelSpec{Name: "thing", Attributes: as}.Validate()
		if _, ok := err.(*NameError); !ok || !strings.Contains(err.Error(), msg) {
			t.Errorf("%s: Validate = %v, want a *NameError saying %q", attrs, err, msg)
		}
	}
	for _, name := range []string{"_", "__", "x\x00", "\xff"} {
		err := ModelSpec{Name: name, Attributes: attrs}.Validate()
		if _, ok := err.(*NameError); !ok {
			t.Errorf("model name %q: Validate = %v, want a *NameError", name, err)
		}
	}
	for _, in := range []string{"i:integer:default=08", "i:integer:default=0777", "e:enum:{'it''s','(',')'}:default='('", "s:text:default='x,type=INTEGER'"} {
		as, err := ParseAttributes(in)
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		checkGenerate(t, ModelSpec{Name: "thing", Attributes: as})
	}
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }
