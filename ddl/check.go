package ddl

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/strata-orm/strata/internal/spell"
	"github.com/strata-orm/strata/schema"
)

// The checks operations make before they change a schema: names, columns,
// types, defaults and foreign keys.

func checkName(op Op, what, name string) error {
	if strings.TrimSpace(name) == "" {
		return fail(op, ErrInvalid, "%s name is empty", what)
	}
	if strings.ContainsRune(name, 0) {
		return fail(op, ErrInvalid, "%s name %q contains a NUL byte", what, name)
	}
	return nil
}

func table(op Op, db *schema.Database, name string) (*schema.Table, error) {
	if err := checkName(op, "table", name); err != nil {
		return nil, err
	}
	t := db.Table(name)
	if t == nil {
		return nil, fail(op, ErrNotFound, "table %q does not exist%s", name, suggest(name, db.TableNames()))
	}
	return t, nil
}

func column(op Op, t *schema.Table, name string) (*schema.Column, error) {
	if err := checkName(op, "column", name); err != nil {
		return nil, err
	}
	c := t.Column(name)
	if c == nil {
		return nil, fail(op, ErrNotFound, "table %q has no column %q%s", t.Name, name, suggest(name, t.ColumnNames()))
	}
	return c, nil
}

func columns(op Op, t *schema.Table, names []string, what string) error {
	if len(names) == 0 {
		return fail(op, ErrInvalid, "%s lists no columns", what)
	}
	seen := map[string]bool{}
	for _, n := range names {
		if _, err := column(op, t, n); err != nil {
			return err
		}
		if seen[n] {
			return fail(op, ErrInvalid, "%s lists column %q twice", what, n)
		}
		seen[n] = true
	}
	return nil
}

// indexColumns checks the keys of an index: each is a column of t, or an
// expression or a column with its order, collation or prefix length, as
// the database prints it ("lower(email)", "title DESC", "name(10)"), which
// the database checks when the index is made.
// Such a key is written into CREATE INDEX as it is, so it must be one key
// and nothing more: see CheckIndexKey.
func indexColumns(op Op, t *schema.Table, names []string, what string) error {
	var plain []string
	for _, n := range names {
		if t.Column(n) == nil && strings.ContainsAny(n, "() \"'`:") {
			if err := CheckIndexKey(n); err != nil {
				return fail(op, ErrInvalid, "%s: key %q %v; an index key that is not a column is written as it is, so it must be a single expression or column with its options", what, n, err)
			}
			continue
		}
		plain = append(plain, n)
	}
	if len(plain) == 0 && len(names) > 0 {
		return nil
	}
	return columns(op, t, plain, what)
}

// CheckIndexKey reports what makes key, an index key that is not a plain
// column, unfit to write into CREATE INDEX as it is, or nil: a ';', a
// comment ("--", "/*") or a ',' outside quotes and parentheses;
// parentheses that do not balance; a quote ('…', "…", `…`) left open.
// Renderers call it as a last guard on keys they write verbatim.
func CheckIndexKey(key string) error {
	depth := 0
	for i := 0; i < len(key); i++ {
		switch c := key[i]; c {
		case '\'', '"', '`':
			end := strings.IndexByte(key[i+1:], c)
			if end < 0 {
				return fmt.Errorf("leaves a %c quote open", c)
			}
			i += end + 1 // a doubled quote is two quoted runs back to back
		case ';':
			return errors.New("contains ';'")
		case '-', '/':
			if i+1 < len(key) && (c == '-' && key[i+1] == '-' || c == '/' && key[i+1] == '*') {
				return fmt.Errorf("contains a comment (%q)", key[i:i+2])
			}
		case '(':
			depth++
		case ')':
			if depth--; depth < 0 {
				return errors.New("closes a parenthesis it did not open")
			}
		case ',':
			if depth == 0 {
				return errors.New("contains ',' outside parentheses (list each key on its own)")
			}
		}
	}
	if depth != 0 {
		return errors.New("leaves a parenthesis open")
	}
	return nil
}

// suggest returns ` (did you mean "x"?)` for the closest of names, if close.
func suggest(name string, names []string) string {
	best := spell.Suggest(name, names)
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// nameTaken reports whether an index or constraint called name exists
// anywhere in db. strata keeps these names unique database-wide, the
// strictest rule among its dialects.
func nameTaken(db *schema.Database, name string) string {
	for i := range db.Tables {
		if db.Tables[i].HasConstraint(name) {
			return db.Tables[i].Name
		}
	}
	return ""
}

// claimIndexName checks the name of an index or unique key of t: unique
// per table where the database scopes such names so (MySQL,
// Database.TableScopedIndexNames), database-wide elsewhere.
func claimIndexName(op Op, db *schema.Database, t *schema.Table, what, name string) error {
	if !db.TableScopedIndexNames {
		return claimName(op, db, what, name)
	}
	if err := checkName(op, what, name); err != nil {
		return err
	}
	if t.HasConstraint(name) {
		return fail(op, ErrExists, "%s name %q is already used on table %q; choose another name", what, name, t.Name)
	}
	return nil
}

func claimName(op Op, db *schema.Database, what, name string) error {
	if err := checkName(op, what, name); err != nil {
		return err
	}
	if owner := nameTaken(db, name); owner != "" {
		return fail(op, ErrExists, "%s name %q is already used on table %q; choose another name", what, name, owner)
	}
	return nil
}

func checkColumnDef(op Op, t *schema.Table, c schema.Column) error {
	if err := checkName(op, "column", c.Name); err != nil {
		return err
	}
	if err := c.Type.Validate(); err != nil {
		return fail(op, ErrInvalid, "column %q: %v", c.Name, err)
	}
	if c.AutoIncrement {
		switch c.Type.Kind {
		case schema.KindInteger, schema.KindBigInt, schema.KindSmallInt, schema.KindNative:
			// A native type (INT UNSIGNED) is the dialect's to accept.
		default:
			return fail(op, ErrInvalid, "column %q: autoIncrement needs an INTEGER, BIGINT or SMALLINT column, not %s", c.Name, c.Type)
		}
		if c.Default != nil {
			return fail(op, ErrInvalid, "column %q: an autoIncrement column cannot also have a default", c.Name)
		}
	}
	if d := c.Default; d != nil {
		if err := checkDefault(c); err != nil {
			return fail(op, ErrInvalid, "column %q: %v", c.Name, err)
		}
	}
	if g := c.Generated; g != nil {
		if strings.TrimSpace(g.Expr) == "" {
			return fail(op, ErrInvalid, "column %q: a generated column needs its expression", c.Name)
		}
		if c.Default != nil || c.AutoIncrement {
			return fail(op, ErrInvalid, "column %q: a generated column has no default and does not auto-increment; drop one of them", c.Name)
		}
	}
	if c.Identity != "" {
		if c.Identity != schema.IdentityAlways && c.Identity != schema.IdentityByDefault {
			return fail(op, ErrInvalid, "column %q: identity %q is neither ALWAYS nor BY DEFAULT", c.Name, c.Identity)
		}
		if !c.AutoIncrement {
			return fail(op, ErrInvalid, "column %q: an identity column numbers its rows; mark it AutoIncrement too", c.Name)
		}
	}
	if u := c.OnUpdate; u != nil && u.Kind != schema.DefaultNow && u.Kind != schema.DefaultExpr {
		return fail(op, ErrInvalid, "column %q: ON UPDATE takes the current time (schema.Now()) or an expression, not a %s", c.Name, u.Kind)
	}
	return nil
}

func checkDefault(c schema.Column) error {
	d := c.Default
	if c.Type.Kind == schema.KindNative && d.Kind != schema.DefaultExpr && d.Kind != "" {
		// The database checks a native type's default: strata does not
		// know what the type accepts.
		return nil
	}
	switch d.Kind {
	case schema.DefaultLiteral:
		switch c.Type.Kind {
		case schema.KindInteger, schema.KindBigInt, schema.KindSmallInt:
			if _, err := strconv.ParseInt(d.Value, 10, 64); err != nil {
				return fmt.Errorf("default %q is not a whole number", d.Value)
			}
		case schema.KindFloat, schema.KindDouble, schema.KindDecimal:
			if _, err := strconv.ParseFloat(d.Value, 64); err != nil {
				return fmt.Errorf("default %q is not a number", d.Value)
			}
		case schema.KindBoolean:
			if d.Value != "true" && d.Value != "false" {
				return fmt.Errorf("default %q is not true or false", d.Value)
			}
		case schema.KindEnum:
			if !slices.Contains(c.Type.Values, d.Value) {
				return fmt.Errorf("default %q is not one of the enum's values %q", d.Value, c.Type.Values)
			}
		case schema.KindString, schema.KindChar:
			if len([]rune(d.Value)) > c.Type.Size {
				return fmt.Errorf("default %q is longer than %s", d.Value, c.Type)
			}
		}
	case schema.DefaultNow:
		switch c.Type.Kind {
		case schema.KindDate, schema.KindDateOnly, schema.KindTime:
		default:
			return fmt.Errorf("default NOW needs a DATE, DATEONLY or TIME column, not %s", c.Type)
		}
	case schema.DefaultUUIDv4:
		switch c.Type.Kind {
		case schema.KindUUID, schema.KindChar, schema.KindString:
		default:
			return fmt.Errorf("default UUIDV4 needs a UUID column, not %s", c.Type)
		}
	case schema.DefaultExpr:
		if strings.TrimSpace(d.Value) == "" {
			return fmt.Errorf("default expression is empty")
		}
	default:
		return fmt.Errorf("unknown default kind %q", d.Kind)
	}
	return nil
}

// checkForeignKey checks fk, declared on table t, against db (which must
// already hold t in its new shape).
func checkForeignKey(op Op, db *schema.Database, t *schema.Table, fk schema.ForeignKey) error {
	if err := columns(op, t, fk.Columns, fmt.Sprintf("foreign key %q", fk.Name)); err != nil {
		return err
	}
	ref := db.Table(fk.RefTable)
	if ref == nil && IsImported(op) {
		// A forward reference (Warnings names it): the database
		// checks the key, if it does, when the table is there.
		return nil
	}
	if ref == nil {
		return fail(op, ErrNotFound, "foreign key %q: column %q references table %q, which does not exist%s; create %q first, or fix the reference",
			fk.Name, strings.Join(fk.Columns, ","), fk.RefTable, suggest(fk.RefTable, db.TableNames()), fk.RefTable)
	}
	if len(fk.RefColumns) != len(fk.Columns) {
		return fail(op, ErrInvalid, "foreign key %q has %d columns but references %d", fk.Name, len(fk.Columns), len(fk.RefColumns))
	}
	for i, rc := range fk.RefColumns {
		target := ref.Column(rc)
		if target == nil {
			return fail(op, ErrNotFound, "foreign key %q: column %q references %q.%q, which does not exist%s",
				fk.Name, fk.Columns[i], ref.Name, rc, suggest(rc, ref.ColumnNames()))
		}
		if src := t.Column(fk.Columns[i]); !compatible(src.Type, target.Type, db.TableScopedIndexNames) {
			return fail(op, ErrInvalid, "foreign key %q: column %q is %s but %q.%q is %s; give both the same type",
				fk.Name, src.Name, src.Type, ref.Name, rc, target.Type)
		}
	}
	if !ref.IsKey(fk.RefColumns) {
		return fail(op, ErrInvalid, "foreign key %q: %q(%s) is neither the primary key nor unique; a foreign key must point at a key",
			fk.Name, ref.Name, strings.Join(fk.RefColumns, ","))
	}
	// SET NULL on a NOT NULL column (Sakila's payment.rental_id) is a key
	// PostgreSQL and SQLite make, and MySQL refuses: its dialect says so.
	return nil
}

// compatible reports whether a foreign-key column of type a may point at a
// key of type b: the same family, integers of any width together. In a
// MySQL schema (mysql, Database.TableScopedIndexNames, which MySQL's
// Inspect and Canonical set), UUID is CHAR(36), as MySQL stores it: a UUID
// column of an op may point at a UUID key read back as CHAR(36), and the
// other way round.
func compatible(a, b schema.Type, mysql bool) bool {
	uuid := func(t schema.Type) bool { return t.Kind == schema.KindUUID }
	char36 := func(t schema.Type) bool { return t.Kind == schema.KindChar && t.Size == 36 }
	if mysql && (uuid(a) && char36(b) || char36(a) && uuid(b)) {
		return true
	}
	ints := func(k schema.Kind) bool {
		return k == schema.KindInteger || k == schema.KindBigInt || k == schema.KindSmallInt
	}
	strs := func(k schema.Kind) bool {
		return k == schema.KindString || k == schema.KindChar || k == schema.KindText
	}
	switch {
	case ints(a.Kind) && ints(b.Kind), strs(a.Kind) && strs(b.Kind):
		return true
	case a.Kind == schema.KindNative || b.Kind == schema.KindNative:
		// INT UNSIGNED pointing at INT UNSIGNED, or at an INTEGER: the
		// database knows which native types go together.
		return true
	}
	return a.Kind == b.Kind
}

// referencing lists foreign keys of other tables that point at table name
// (and, when col is not empty, at that column), as "table.fk".
func referencing(db *schema.Database, name, col string) []string {
	var out []string
	for _, t := range db.Tables {
		if t.Name == name {
			continue
		}
		for _, fk := range t.ForeignKeys {
			if fk.RefTable == name && (col == "" || slices.Contains(fk.RefColumns, col)) {
				out = append(out, fmt.Sprintf("%s.%s", t.Name, fk.Name))
			}
		}
	}
	return out
}
