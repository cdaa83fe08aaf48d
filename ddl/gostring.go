package ddl

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/strata-orm/strata/schema"
)

// The GoString methods of the operations return the Go expression a
// migration holds for them. CreateTable and BulkInsert put each column or
// row on a line of its own, as migration:generate writes them; the others
// are one line. The text is gofmt-clean at the start of a line, and
// gofmt indents it where it is pasted.

// GoString returns the Go expression that builds o: ddl.CreateTable with
// one column a line, then WithPrimaryKey, WithUnique, WithForeignKey,
// WithCheck and WithComment as needed.
func (o *CreateTableOp) GoString() string {
	if !o.chainable() {
		return o.literal()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "ddl.CreateTable(%q", o.Name)
	if len(o.Columns) > 0 {
		b.WriteString(",\n")
		for _, c := range o.Columns {
			b.WriteString("\t" + c.GoString() + ",\n")
		}
	}
	b.WriteString(")")
	if len(o.PrimaryKey) > 0 {
		b.WriteString(".WithPrimaryKey(" + quoted(o.PrimaryKey) + ")")
	}
	for _, u := range o.Uniques {
		b.WriteString(".WithUnique(" + quoted(u.Columns) + ")")
	}
	for _, fk := range o.ForeignKeys {
		if fk.Name == schema.ForeignKeyName(o.Name, fk.Columns) {
			fk.Name = ""
		}
		fmt.Fprintf(&b, ".WithForeignKey(%#v)", fk)
	}
	for _, ck := range o.Checks {
		fmt.Fprintf(&b, ".WithCheck(%q, %q)", ck.Name, ck.Expr)
	}
	if o.Comment != "" {
		fmt.Fprintf(&b, ".WithComment(%q)", o.Comment)
	}
	return b.String()
}

// chainable reports whether CreateTable and its methods build exactly o:
// WithUnique names a key after its columns.
func (o *CreateTableOp) chainable() bool {
	for _, u := range o.Uniques {
		if u.Name != "" && u.Name != schema.UniqueName(o.Name, u.Columns) {
			return false
		}
	}
	return o.PrimaryKeyName == "" && !o.Strict && !o.WithoutRowID && o.Inherits == nil && o.PartitionBy == ""
}

// literal is o as a composite literal.
func (o *CreateTableOp) literal() string {
	cols := make([]string, len(o.Columns))
	for i, c := range o.Columns {
		cols[i] = c.GoString()
	}
	f := []string{"Name: " + strconv.Quote(o.Name), "Columns: []ddl.ColumnDef{" + strings.Join(cols, ", ") + "}"}
	if o.PrimaryKey != nil {
		f = append(f, "PrimaryKey: "+strs(o.PrimaryKey))
	}
	if o.Uniques != nil {
		us := make([]string, len(o.Uniques))
		for i, u := range o.Uniques {
			us[i] = fmt.Sprintf("{Name: %q, Columns: %s}", u.Name, strs(u.Columns))
		}
		f = append(f, "Uniques: []schema.Unique{"+strings.Join(us, ", ")+"}")
	}
	if o.ForeignKeys != nil {
		fks := make([]string, len(o.ForeignKeys))
		for i, fk := range o.ForeignKeys {
			fks[i] = fk.GoString()
		}
		f = append(f, "ForeignKeys: []schema.ForeignKey{"+strings.Join(fks, ", ")+"}")
	}
	if o.Checks != nil {
		cks := make([]string, len(o.Checks))
		for i, ck := range o.Checks {
			cks[i] = fmt.Sprintf("{Name: %q, Expr: %q}", ck.Name, ck.Expr)
		}
		f = append(f, "Checks: []schema.Check{"+strings.Join(cks, ", ")+"}")
	}
	if o.Comment != "" {
		f = append(f, "Comment: "+strconv.Quote(o.Comment))
	}
	if o.PrimaryKeyName != "" {
		f = append(f, "PrimaryKeyName: "+strconv.Quote(o.PrimaryKeyName))
	}
	if o.Strict {
		f = append(f, "Strict: true")
	}
	if o.WithoutRowID {
		f = append(f, "WithoutRowID: true")
	}
	if o.Inherits != nil {
		f = append(f, fmt.Sprintf("Inherits: %#v", o.Inherits))
	}
	if o.PartitionBy != "" {
		f = append(f, "PartitionBy: "+strconv.Quote(o.PartitionBy))
	}
	return "&ddl.CreateTableOp{" + strings.Join(f, ", ") + "}"
}

// GoString returns the Go expression that builds o, such as
// ddl.DropTable("users").WithCascade().
func (o *DropTableOp) GoString() string {
	s := fmt.Sprintf("ddl.DropTable(%q)", o.Name)
	if o.Cascade {
		s += ".WithCascade()"
	}
	if o.IfExists {
		s += ".WithIfExists()"
	}
	return s
}

// GoString returns the Go expression that builds o.
func (o *RenameTableOp) GoString() string {
	return fmt.Sprintf("ddl.RenameTable(%q, %q)", o.From, o.To)
}

// GoString returns the Go expression that builds o, such as
// ddl.AddColumn("users", ddl.Column("age", schema.Integer())).
func (o *AddColumnOp) GoString() string {
	s := fmt.Sprintf("ddl.AddColumn(%q, %#v)", o.Table, o.Column)
	if o.After != "" {
		s += fmt.Sprintf(".Placed(%q)", o.After)
	}
	if o.First {
		s += ".PlacedFirst()"
	}
	return s
}

// GoString returns the Go expression that builds o.
func (o *RemoveColumnOp) GoString() string {
	return fmt.Sprintf("ddl.RemoveColumn(%q, %q)", o.Table, o.Column)
}

// GoString returns the Go expression that builds o, such as
// ddl.ChangeColumn("products", ddl.Column("price", schema.Decimal(10, 2))).
func (o *ChangeColumnOp) GoString() string {
	return fmt.Sprintf("ddl.ChangeColumn(%q, %#v)", o.Table, o.Column)
}

// GoString returns the Go expression that builds o.
func (o *RenameColumnOp) GoString() string {
	return fmt.Sprintf("ddl.RenameColumn(%q, %q, %q)", o.Table, o.From, o.To)
}

// GoString returns the Go expression that builds o, such as
// ddl.AddIndex("users", "email").AsUnique().
func (o *AddIndexOp) GoString() string {
	s := fmt.Sprintf("ddl.AddIndex(%q", o.Table)
	if len(o.Columns) > 0 {
		s += ", " + quoted(o.Columns)
	}
	s += ")"
	if o.Name != "" {
		s += fmt.Sprintf(".Named(%q)", o.Name)
	}
	if o.Unique {
		s += ".AsUnique()"
	}
	if o.Where != "" {
		s += fmt.Sprintf(".Partial(%q)", o.Where)
	}
	if o.Method != "" {
		s += fmt.Sprintf(".Using(%q)", o.Method)
	}
	if o.Include != nil {
		s += ".Including(" + quoted(o.Include) + ")"
	}
	if o.NullsNotDistinct {
		s += ".AsNullsNotDistinct()"
	}
	if o.Lengths != nil {
		lengths := make([]string, len(o.Lengths))
		for i, n := range o.Lengths {
			lengths[i] = strconv.Itoa(n)
		}
		s += ".Prefix(" + strings.Join(lengths, ", ") + ")"
	}
	return s
}

// GoString returns the Go expression that builds o: ddl.RemoveIndex by
// name, or a composite literal for an index named by its columns.
func (o *RemoveIndexOp) GoString() string {
	if o.Columns == nil {
		return fmt.Sprintf("ddl.RemoveIndex(%q, %q)", o.Table, o.Name)
	}
	s := fmt.Sprintf("&ddl.RemoveIndexOp{Table: %q", o.Table)
	if o.Name != "" {
		s += fmt.Sprintf(", Name: %q", o.Name)
	}
	return s + ", Columns: " + strs(o.Columns) + "}"
}

// GoString returns the Go expression that builds o: AddUnique, AddCheck,
// AddPrimaryKey or AddForeignKey and their methods, such as
// ddl.AddForeignKey("orders", []string{"userId"}, "users", []string{"id"}).WithOnDelete(schema.Cascade).
// A foreign key's NO ACTION, which is what an action left out means, is
// left out.
func (o *AddConstraintOp) GoString() string {
	var s string
	ref := o.RefTable != "" || o.RefColumns != nil || o.OnDelete != "" || o.OnUpdate != ""
	switch {
	case o.Type == UniqueConstraint && o.Expr == "" && !ref:
		s = fmt.Sprintf("ddl.AddUnique(%q%s)", o.Table, args(o.Columns))
	case o.Type == PrimaryKeyConstraint && o.Expr == "" && !ref:
		s = fmt.Sprintf("ddl.AddPrimaryKey(%q%s)", o.Table, args(o.Columns))
	case o.Type == CheckConstraint && o.Columns == nil && !ref:
		return fmt.Sprintf("ddl.AddCheck(%q, %q, %q)", o.Table, o.Name, o.Expr)
	case o.Type == ForeignKeyConstraint && o.Expr == "":
		s = fmt.Sprintf("ddl.AddForeignKey(%q, %s, %q, %s)", o.Table, strs(o.Columns), o.RefTable, strs(o.RefColumns))
	default:
		return o.literal()
	}
	if o.Name != "" {
		s += fmt.Sprintf(".Named(%q)", o.Name)
	}
	if o.OnDelete != "" && o.OnDelete != schema.NoAction {
		s += fmt.Sprintf(".WithOnDelete(%#v)", o.OnDelete)
	}
	if o.OnUpdate != "" && o.OnUpdate != schema.NoAction {
		s += fmt.Sprintf(".WithOnUpdate(%#v)", o.OnUpdate)
	}
	if o.Deferrable || o.InitiallyDeferred {
		s += fmt.Sprintf(".WithDeferrable(%t)", o.InitiallyDeferred)
	}
	return s
}

// literal is o as a composite literal.
func (o *AddConstraintOp) literal() string {
	f := []string{"Table: " + strconv.Quote(o.Table), "Type: " + o.Type.GoString()}
	add := func(name, v string, set bool) {
		if set {
			f = append(f, name+": "+v)
		}
	}
	add("Name", strconv.Quote(o.Name), o.Name != "")
	add("Columns", strs(o.Columns), o.Columns != nil)
	add("Expr", strconv.Quote(o.Expr), o.Expr != "")
	add("RefTable", strconv.Quote(o.RefTable), o.RefTable != "")
	add("RefColumns", strs(o.RefColumns), o.RefColumns != nil)
	add("OnDelete", o.OnDelete.GoString(), o.OnDelete != "")
	add("OnUpdate", o.OnUpdate.GoString(), o.OnUpdate != "")
	add("Deferrable", "true", o.Deferrable)
	add("InitiallyDeferred", "true", o.InitiallyDeferred)
	return "&ddl.AddConstraintOp{" + strings.Join(f, ", ") + "}"
}

// GoString returns the constant that names t, such as
// ddl.UniqueConstraint.
func (t ConstraintType) GoString() string {
	switch t {
	case UniqueConstraint:
		return "ddl.UniqueConstraint"
	case CheckConstraint:
		return "ddl.CheckConstraint"
	case PrimaryKeyConstraint:
		return "ddl.PrimaryKeyConstraint"
	case ForeignKeyConstraint:
		return "ddl.ForeignKeyConstraint"
	}
	return "ddl.ConstraintType(" + strconv.Quote(string(t)) + ")"
}

// GoString returns the Go expression that builds o.
func (o *RemoveConstraintOp) GoString() string {
	return fmt.Sprintf("ddl.RemoveConstraint(%q, %q)", o.Table, o.Name)
}

// GoString returns the Go expression that builds o: ddl.BulkInsert with
// one row a line.
func (o *BulkInsertOp) GoString() string {
	var b strings.Builder
	fmt.Fprintf(&b, "ddl.BulkInsert(%q", o.Table)
	if len(o.Rows) > 0 {
		b.WriteString(",\n")
		for _, r := range o.Rows {
			b.WriteString("\t" + r.GoString() + ",\n")
		}
	}
	b.WriteString(")")
	return b.String()
}

// GoString returns the Go expression that builds o.
func (o *BulkUpdateOp) GoString() string {
	return fmt.Sprintf("ddl.BulkUpdate(%q, %#v, %#v)", o.Table, o.Set, o.Where)
}

// GoString returns the Go expression that builds o.
func (o *BulkDeleteOp) GoString() string {
	return fmt.Sprintf("ddl.BulkDelete(%q, %#v)", o.Table, o.Where)
}

// GoString returns the Go expression that builds o: ddl.Raw with its
// arguments, a For for each dialect's variant (in the order of their
// names) and WithReverse.
func (o *RawOp) GoString() string {
	var b strings.Builder
	fmt.Fprintf(&b, "ddl.Raw(%q", o.SQL)
	for _, a := range o.Args {
		b.WriteString(", " + goValue(a))
	}
	b.WriteString(")")
	names := make([]string, 0, len(o.Dialects))
	for d := range o.Dialects {
		names = append(names, d)
	}
	slices.Sort(names)
	for _, d := range names {
		fmt.Fprintf(&b, ".For(%q, %q)", d, o.Dialects[d])
	}
	if o.Down != nil {
		b.WriteString(".WithReverse(" + o.Down.GoString() + ")")
	}
	return b.String()
}

// args is ss as the trailing arguments of a variadic call: ", " and the
// quoted strings, or nothing.
func args(ss []string) string {
	if len(ss) == 0 {
		return ""
	}
	return ", " + quoted(ss)
}

// GoLine is op's GoString on one line, for messages that show the
// operation a fix needs: ddl.CreateTable("t", ddl.Column(…), ddl.Column(…)).
// The printer quotes every string, so a line break is always layout.
func GoLine(op Op) string {
	lines := strings.Split(op.GoString(), "\n")
	var b strings.Builder
	for i, l := range lines {
		l = strings.TrimLeft(l, "\t")
		switch {
		case i == 0:
		case strings.HasPrefix(l, ")"):
			s := strings.TrimSuffix(b.String(), ",")
			b.Reset()
			b.WriteString(s)
		default:
			b.WriteString(" ")
		}
		b.WriteString(l)
	}
	return b.String()
}
