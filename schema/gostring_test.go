package schema

import (
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"reflect"
	"strconv"
	"testing"
)

// allTypes is one type of each kind the constructors build, and a few
// that no constructor builds (printed as composite literals).
func allTypes() []Type {
	return []Type{
		String(100), String(0), Char(2), Text(), Integer(), BigInt(), SmallInt(), Float(), Double(),
		Decimal(12, 4), Decimal(0, 0), Boolean(), Date(), DateOnly(), Time(), UUID(), JSON(), JSONB(), Blob(),
		Enum("a", `it's "b"`, "ünï"), Array(Integer()), Array(String(20)), Array(Enum("x")),
		{Kind: KindString}, {Kind: KindArray}, {Kind: KindDecimal, Scale: 2}, {Kind: "GEOMETRY", Size: 3},
		{Kind: KindText, Values: []string{}}, {Kind: KindEnum, Values: []string{}},
	}
}

// TestTypeGoStringRoundTrip prints every type, checks that the text is
// gofmt-clean Go, and maps it back through the constructors to the same
// value.
func TestTypeGoStringRoundTrip(t *testing.T) {
	kinds := map[Kind]bool{}
	for _, typ := range allTypes() {
		src := typ.GoString()
		kinds[typ.Kind] = true
		got := eval(t, src)
		if !reflect.DeepEqual(got, typ) {
			t.Errorf("%s builds %#v, want %+v", src, got, typ)
		}
	}
	for _, k := range KindNames() {
		if !kinds[Kind(k)] {
			t.Errorf("kind %s is not printed by the test", k)
		}
	}
}

// TestValueGoStringRoundTrip does the same for actions, defaults, columns
// and foreign keys.
func TestValueGoStringRoundTrip(t *testing.T) {
	values := []any{
		NoAction, Restrict, Cascade, SetNull, SetDefault, Action("BOGUS"),
		Now(), UUIDv4(), Expr("CURRENT_DATE"), Literal(`it's "x"`), Literal(7), (*Default)(nil),
		&Default{Kind: DefaultNow, Value: "x"}, &Default{Kind: "odd", Value: "v"},
		Column{Name: "id", Type: Integer(), NotNull: true, AutoIncrement: true},
		Column{Name: "at", Type: Date(), Default: Now(), Comment: "when"},
		ForeignKey{Columns: []string{"userId"}, RefTable: "users", RefColumns: []string{"id"}, OnDelete: Cascade},
		ForeignKey{Name: "fk", Columns: []string{"a", "b"}, RefTable: "t", RefColumns: []string{"x", "y"}, OnUpdate: SetNull},
	}
	for _, v := range values {
		src := fmt.Sprintf("%#v", v)
		got := eval(t, src)
		if got == nil {
			got = (*Default)(nil) // the only nil printed
		}
		if !reflect.DeepEqual(got, v) {
			t.Errorf("%s builds %#v, want %+v", src, got, v)
		}
	}
}

// eval parses src as a Go expression, checks gofmt leaves it as it is,
// and evaluates it with the schema package's constructors.
func eval(t *testing.T, src string) any {
	t.Helper()
	file := "package p\n\nvar _ = " + src + "\n"
	out, err := format.Source([]byte(file))
	if err != nil {
		t.Fatalf("%s: not Go: %v", src, err)
	}
	if string(out) != file {
		t.Errorf("gofmt changes %s into %s", file, out)
	}
	e, err := parser.ParseExpr(src)
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	v, err := evalExpr(e, nil)
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	return v
}

var consts = map[string]any{
	"NoAction": NoAction, "Restrict": Restrict, "Cascade": Cascade, "SetNull": SetNull, "SetDefault": SetDefault,
	"KindString": KindString, "KindChar": KindChar, "KindText": KindText, "KindInteger": KindInteger,
	"KindBigInt": KindBigInt, "KindSmallInt": KindSmallInt, "KindFloat": KindFloat, "KindDouble": KindDouble,
	"KindDecimal": KindDecimal, "KindBoolean": KindBoolean, "KindDate": KindDate, "KindDateOnly": KindDateOnly,
	"KindTime": KindTime, "KindUUID": KindUUID, "KindJSON": KindJSON, "KindJSONB": KindJSONB,
	"KindBlob": KindBlob, "KindEnum": KindEnum, "KindArray": KindArray,
}

var noArg = map[string]func() Type{
	"Text": Text, "Integer": Integer, "BigInt": BigInt, "SmallInt": SmallInt, "Float": Float, "Double": Double,
	"Boolean": Boolean, "Date": Date, "DateOnly": DateOnly, "Time": Time, "UUID": UUID, "JSON": JSON,
	"JSONB": JSONB, "Blob": Blob,
}

var types = map[string]reflect.Type{
	"Type": reflect.TypeFor[Type](), "Column": reflect.TypeFor[Column](), "ForeignKey": reflect.TypeFor[ForeignKey](),
	"Default": reflect.TypeFor[Default](), "Action": reflect.TypeFor[Action](), "DefaultKind": reflect.TypeFor[DefaultKind](),
}

// evalExpr evaluates the expressions the printer writes: calls of the
// constructors, the constants, composite literals of the schema types,
// conversions and & of a literal. typ is the type a composite literal
// without one has.
func evalExpr(e ast.Expr, typ reflect.Type) (any, error) {
	switch x := e.(type) {
	case *ast.BasicLit:
		switch x.Kind {
		case token.STRING:
			return strconv.Unquote(x.Value)
		case token.INT:
			return strconv.Atoi(x.Value)
		}
	case *ast.Ident:
		switch x.Name {
		case "true", "false":
			return x.Name == "true", nil
		case "nil":
			return nil, nil
		}
	case *ast.SelectorExpr:
		if v, ok := consts[x.Sel.Name]; ok {
			return v, nil
		}
	case *ast.UnaryExpr:
		v, err := evalExpr(x.X, nil)
		if err != nil || x.Op != token.AND {
			return nil, fmt.Errorf("&: %v", err)
		}
		p := reflect.New(reflect.TypeOf(v))
		p.Elem().Set(reflect.ValueOf(v))
		return p.Interface(), nil
	case *ast.IndexExpr: // &[]schema.Type{…}[0]
		v, err := evalExpr(x.X, nil)
		if err != nil {
			return nil, err
		}
		return reflect.ValueOf(v).Index(0).Interface(), nil
	case *ast.CompositeLit:
		return evalLit(x, typ)
	case *ast.CallExpr:
		return evalCall(x)
	}
	return nil, fmt.Errorf("unexpected %T", e)
}

func typeOf(e ast.Expr) (reflect.Type, error) {
	switch x := e.(type) {
	case *ast.SelectorExpr:
		if t, ok := types[x.Sel.Name]; ok {
			return t, nil
		}
	case *ast.ArrayType:
		elem, err := typeOf(x.Elt)
		return reflect.SliceOf(elem), err
	case *ast.Ident:
		if x.Name == "string" {
			return reflect.TypeFor[string](), nil
		}
	}
	return nil, fmt.Errorf("unknown type %T", e)
}

func evalLit(x *ast.CompositeLit, typ reflect.Type) (any, error) {
	if x.Type != nil {
		var err error
		if typ, err = typeOf(x.Type); err != nil {
			return nil, err
		}
	}
	v := reflect.New(typ).Elem()
	if typ.Kind() == reflect.Slice {
		v = reflect.MakeSlice(typ, 0, len(x.Elts))
	}
	for _, el := range x.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			f := v.FieldByName(kv.Key.(*ast.Ident).Name)
			fv, err := evalExpr(kv.Value, f.Type())
			if err != nil {
				return nil, err
			}
			if fv != nil {
				f.Set(reflect.ValueOf(fv).Convert(f.Type()))
			}
			continue
		}
		ev, err := evalExpr(el, typ.Elem())
		if err != nil {
			return nil, err
		}
		v = reflect.Append(v, reflect.ValueOf(ev).Convert(typ.Elem()))
	}
	return v.Interface(), nil
}

func evalCall(x *ast.CallExpr) (any, error) {
	var args []any
	for _, a := range x.Args {
		v, err := evalExpr(a, nil)
		if err != nil {
			return nil, err
		}
		args = append(args, v)
	}
	name := x.Fun.(*ast.SelectorExpr).Sel.Name
	if t, ok := types[name]; ok && len(args) == 1 { // a conversion
		return reflect.ValueOf(args[0]).Convert(t).Interface(), nil
	}
	if f, ok := noArg[name]; ok && len(args) == 0 {
		return f(), nil
	}
	switch name {
	case "String":
		return String(args[0].(int)), nil
	case "Char":
		return Char(args[0].(int)), nil
	case "Decimal":
		return Decimal(args[0].(int), args[1].(int)), nil
	case "Enum":
		vals := make([]string, len(args))
		for i, a := range args {
			vals[i] = a.(string)
		}
		return Enum(vals...), nil
	case "Array":
		return Array(args[0].(Type)), nil
	case "Now":
		return Now(), nil
	case "UUIDv4":
		return UUIDv4(), nil
	case "Expr":
		return Expr(args[0].(string)), nil
	case "Literal":
		return Literal(args[0]), nil
	}
	return nil, fmt.Errorf("unknown call %s", name)
}
