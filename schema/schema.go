package schema

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Database is a set of tables. Its zero value is an empty database.
//
// Warnings are what Inspect read but could not model (a construct named
// with its table and column): the rest of the database is read all the
// same. They are not part of the schema: Clone keeps them, Canonical
// drops them.
type Database struct {
	Tables   []Table   `json:"tables"`
	Warnings []Warning `json:"warnings,omitempty"`
	// TableScopedIndexNames says that index and unique key names are
	// unique per table, not database-wide: MySQL's rule (its Inspect and
	// Canonical set it). ddl then lets two tables have an index each
	// named idx_fk_film_id, as Sakila does. It marks a schema as MySQL's
	// in two more ways: there UUID is stored as CHAR(36), so ddl lets a
	// UUID foreign key point at a CHAR(36) key and the other way round;
	// and renameTable renames the foreign keys named <old>_ibfk_N to
	// <new>_ibfk_N, as the server does.
	TableScopedIndexNames bool `json:"tableScopedIndexNames,omitempty"`
	// Objects are the views, triggers, functions, sequences, domains and
	// types beside the tables, in the order the database made them.
	Objects []Object `json:"objects,omitempty"`
}

// Table is one table: its columns in order and its constraints.
type Table struct {
	Name        string       `json:"name"`
	Columns     []Column     `json:"columns"`
	PrimaryKey  []string     `json:"primaryKey,omitempty"`
	Uniques     []Unique     `json:"uniques,omitempty"`
	Indexes     []Index      `json:"indexes,omitempty"`
	ForeignKeys []ForeignKey `json:"foreignKeys,omitempty"`
	Checks      []Check      `json:"checks,omitempty"`
	Comment     string       `json:"comment,omitempty"`
	// PrimaryKeyName is the primary key's constraint name where it is not
	// the dialect's own (<table>_pkey on PostgreSQL and SQLite, PRIMARY on
	// MySQL, which has no other): "PK_Album". Empty means the default.
	PrimaryKeyName string `json:"primaryKeyName,omitempty"`
	// Strict and WithoutRowID are SQLite's table options (STRICT,
	// WITHOUT ROWID); other dialects refuse them.
	Strict       bool `json:"strict,omitempty"`
	WithoutRowID bool `json:"withoutRowID,omitempty"`
	// Inherits names the tables this one inherits from (PostgreSQL's
	// INHERITS: Sakila's payment_p2007_01 … of payment).
	Inherits []string `json:"inherits,omitempty"`
	// PartitionBy is how a table is partitioned, as its database prints
	// it after PARTITION BY: on PostgreSQL the key ("RANGE
	// (payment_date)"), its partitions being objects (ObjectPartition); on
	// MySQL the key and the partitions ("RANGE (`yr`) (PARTITION `p0`
	// VALUES LESS THAN (2000) ENGINE = InnoDB, …)").
	PartitionBy string `json:"partitionBy,omitempty"`
}

// Column is one column of a table. The zero value of NotNull means the
// column accepts NULL, as Sequelize's allowNull defaults to true.
type Column struct {
	Name          string   `json:"name"`
	Type          Type     `json:"type"`
	NotNull       bool     `json:"notNull,omitempty"`
	AutoIncrement bool     `json:"autoIncrement,omitempty"`
	Default       *Default `json:"default,omitempty"`
	Comment       string   `json:"comment,omitempty"`
	// Identity makes an AutoIncrement column a standard identity column
	// (PostgreSQL's GENERATED … AS IDENTITY) instead of a serial one.
	Identity Identity `json:"identity,omitempty"`
	// OnUpdate is the value the database writes on every update of the row
	// (MySQL's ON UPDATE CURRENT_TIMESTAMP: a DefaultNow or an expression).
	OnUpdate *Default `json:"onUpdate,omitempty"`
	// Generated makes the column computed from the others' values.
	Generated *Generated `json:"generated,omitempty"`
	// Collation is the column's collation where it is not the table's
	// default ("utf8mb4_bin", "C", "NOCASE"). On MySQL it names its
	// character set too.
	Collation string `json:"collation,omitempty"`
}

// Unique is a named unique constraint over one or more columns.
type Unique struct {
	Name    string   `json:"name"`
	Columns []string `json:"columns"`
}

// Action is what a foreign key does when the row it points to is deleted or
// its key updated.
type Action string

// Referential actions. The empty Action means NoAction.
const (
	NoAction   Action = "NO ACTION"
	Restrict   Action = "RESTRICT"
	Cascade    Action = "CASCADE"
	SetNull    Action = "SET NULL"
	SetDefault Action = "SET DEFAULT"
)

// ParseAction reads an action case-insensitively ("cascade", "SET NULL",
// "set_null"). The empty string is NoAction.
func ParseAction(s string) (Action, error) {
	switch strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(s), "_", " ")) {
	case "", "NO ACTION":
		return NoAction, nil
	case "RESTRICT":
		return Restrict, nil
	case "CASCADE":
		return Cascade, nil
	case "SET NULL":
		return SetNull, nil
	case "SET DEFAULT":
		return SetDefault, nil
	}
	return "", fmt.Errorf("unknown referential action %q (use CASCADE, SET NULL, SET DEFAULT, RESTRICT or NO ACTION)", s)
}

// ForeignKey is a named foreign key from Columns to RefColumns of RefTable.
type ForeignKey struct {
	Name       string   `json:"name"`
	Columns    []string `json:"columns"`
	RefTable   string   `json:"refTable"`
	RefColumns []string `json:"refColumns"`
	OnDelete   Action   `json:"onDelete,omitempty"`
	OnUpdate   Action   `json:"onUpdate,omitempty"`
	// Deferrable lets a transaction postpone the check
	// (SET CONSTRAINTS … DEFERRED); InitiallyDeferred postpones it to
	// commit unless told otherwise. PostgreSQL and SQLite.
	Deferrable        bool `json:"deferrable,omitempty"`
	InitiallyDeferred bool `json:"initiallyDeferred,omitempty"`
}

// Check is a named check constraint with its SQL expression.
type Check struct {
	Name string `json:"name"`
	Expr string `json:"expr"`
}

// DefaultKind says what a column default is.
type DefaultKind string

// Kinds of default.
const (
	// DefaultLiteral is a constant; Default.Value holds its canonical text:
	// "true"/"false" for booleans, the decimal form of numbers, the string itself.
	DefaultLiteral DefaultKind = "literal"
	// DefaultNow is the current time (Sequelize's NOW).
	DefaultNow DefaultKind = "now"
	// DefaultUUIDv4 is a random UUID (Sequelize's UUIDV4), generated by the database.
	DefaultUUIDv4 DefaultKind = "uuidv4"
	// DefaultExpr is a raw SQL expression in Default.Value, used verbatim.
	DefaultExpr DefaultKind = "expr"
)

// Default is a column default.
type Default struct {
	Kind  DefaultKind `json:"kind"`
	Value string      `json:"value,omitempty"`
}

// Literal returns a literal default for a Go value: a string, bool, integer
// or float (canonicalised), or a fmt.Stringer.
func Literal(v any) *Default {
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case bool:
		s = strconv.FormatBool(x)
	case int:
		s = strconv.Itoa(x)
	case int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		s = fmt.Sprint(x)
	case float32:
		s = strconv.FormatFloat(float64(x), 'f', -1, 32)
	case float64:
		s = strconv.FormatFloat(x, 'f', -1, 64)
	case fmt.Stringer:
		s = x.String()
	default:
		s = fmt.Sprint(x)
	}
	return &Default{Kind: DefaultLiteral, Value: s}
}

// Now is the default "current time".
func Now() *Default { return &Default{Kind: DefaultNow} }

// UUIDv4 is the default "a random UUID".
func UUIDv4() *Default { return &Default{Kind: DefaultUUIDv4} }

// Expr is a default given as a raw SQL expression.
func Expr(sql string) *Default { return &Default{Kind: DefaultExpr, Value: sql} }

// Equal reports whether two defaults are the same; nil equals nil only.
func (d *Default) Equal(e *Default) bool {
	if d == nil || e == nil {
		return d == e
	}
	return *d == *e
}

// Table returns the table with the given name, or nil.
func (db *Database) Table(name string) *Table {
	for i := range db.Tables {
		if db.Tables[i].Name == name {
			return &db.Tables[i]
		}
	}
	return nil
}

// TableNames lists the tables' names in order.
func (db *Database) TableNames() []string {
	out := make([]string, len(db.Tables))
	for i, t := range db.Tables {
		out[i] = t.Name
	}
	return out
}

// Column returns the column with the given name, or nil.
func (t *Table) Column(name string) *Column {
	for i := range t.Columns {
		if t.Columns[i].Name == name {
			return &t.Columns[i]
		}
	}
	return nil
}

// ColumnNames lists the columns' names in order.
func (t *Table) ColumnNames() []string {
	out := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		out[i] = c.Name
	}
	return out
}

// Index returns the index with the given name, or nil.
func (t *Table) Index(name string) *Index {
	for i := range t.Indexes {
		if t.Indexes[i].Name == name {
			return &t.Indexes[i]
		}
	}
	return nil
}

// ForeignKey returns the foreign key with the given name, or nil.
func (t *Table) ForeignKey(name string) *ForeignKey {
	for i := range t.ForeignKeys {
		if t.ForeignKeys[i].Name == name {
			return &t.ForeignKeys[i]
		}
	}
	return nil
}

// Unique returns the unique constraint with the given name, or nil.
func (t *Table) Unique(name string) *Unique {
	for i := range t.Uniques {
		if t.Uniques[i].Name == name {
			return &t.Uniques[i]
		}
	}
	return nil
}

// Check returns the check constraint with the given name, or nil.
func (t *Table) Check(name string) *Check {
	for i := range t.Checks {
		if t.Checks[i].Name == name {
			return &t.Checks[i]
		}
	}
	return nil
}

// HasConstraint reports whether the table has a unique constraint, index,
// foreign key or check with the given name.
func (t *Table) HasConstraint(name string) bool {
	return t.Unique(name) != nil || t.Index(name) != nil || t.ForeignKey(name) != nil || t.Check(name) != nil
}

// Clone returns a deep copy.
func (db *Database) Clone() *Database {
	if db == nil {
		return nil
	}
	out := &Database{Tables: make([]Table, len(db.Tables)), Warnings: slices.Clone(db.Warnings), TableScopedIndexNames: db.TableScopedIndexNames,
		Objects: slices.Clone(db.Objects)}
	for i := range db.Tables {
		out.Tables[i] = db.Tables[i].Clone()
	}
	return out
}

// Clone returns a deep copy.
func (t Table) Clone() Table {
	out := t
	out.Columns = make([]Column, len(t.Columns))
	for i, c := range t.Columns {
		out.Columns[i] = c.Clone()
	}
	out.PrimaryKey = slices.Clone(t.PrimaryKey)
	out.Inherits = slices.Clone(t.Inherits)
	out.Uniques = make([]Unique, len(t.Uniques))
	for i, u := range t.Uniques {
		out.Uniques[i] = Unique{Name: u.Name, Columns: slices.Clone(u.Columns)}
	}
	out.Indexes = make([]Index, len(t.Indexes))
	for i, x := range t.Indexes {
		x.Columns = slices.Clone(x.Columns)
		x.Include = slices.Clone(x.Include)
		x.Lengths = slices.Clone(x.Lengths)
		out.Indexes[i] = x
	}
	out.ForeignKeys = make([]ForeignKey, len(t.ForeignKeys))
	for i, f := range t.ForeignKeys {
		f.Columns = slices.Clone(f.Columns)
		f.RefColumns = slices.Clone(f.RefColumns)
		out.ForeignKeys[i] = f
	}
	out.Checks = slices.Clone(t.Checks)
	if len(out.Uniques) == 0 {
		out.Uniques = nil
	}
	if len(out.Indexes) == 0 {
		out.Indexes = nil
	}
	if len(out.ForeignKeys) == 0 {
		out.ForeignKeys = nil
	}
	return out
}

// Clone returns a deep copy.
func (c Column) Clone() Column {
	out := c
	out.Type = c.Type.Clone()
	if c.Default != nil {
		d := *c.Default
		out.Default = &d
	}
	if c.OnUpdate != nil {
		d := *c.OnUpdate
		out.OnUpdate = &d
	}
	if c.Generated != nil {
		g := *c.Generated
		out.Generated = &g
	}
	return out
}

// Clone returns a deep copy.
func (t Type) Clone() Type {
	out := t
	out.Values = slices.Clone(t.Values)
	if t.Elem != nil {
		e := t.Elem.Clone()
		out.Elem = &e
	}
	return out
}

// Normalize puts a database in canonical form so that two descriptions of
// the same schema compare equal: tables, constraints and indexes sorted by
// name, empty slices nil, empty referential actions NO ACTION. Column order
// is kept: it is part of the schema.
func (db *Database) Normalize() {
	slices.SortFunc(db.Tables, func(a, b Table) int { return strings.Compare(a.Name, b.Name) })
	for i := range db.Tables {
		db.Tables[i].Normalize()
	}
	if len(db.Tables) == 0 {
		db.Tables = nil
	}
	if len(db.Warnings) == 0 {
		db.Warnings = nil
	}
	if len(db.Objects) == 0 {
		db.Objects = nil
	}
}

// IsKey reports whether cols, in any order, are t's primary key, one of
// its unique constraints or one of its unique indexes that is not
// partial: a key that holds one row per value.
func (t *Table) IsKey(cols []string) bool {
	same := func(k []string) bool {
		if len(k) != len(cols) {
			return false
		}
		for _, c := range cols {
			if !slices.Contains(k, c) {
				return false
			}
		}
		return true
	}
	if same(t.PrimaryKey) {
		return true
	}
	for _, u := range t.Uniques {
		if same(u.Columns) {
			return true
		}
	}
	for _, x := range t.Indexes {
		if x.Unique && x.Where == "" && same(x.Columns) {
			return true
		}
	}
	return false
}

// Normalize puts a table in canonical form; see Database.Normalize.
func (t *Table) Normalize() {
	byName := func(a, b string) int { return strings.Compare(a, b) }
	slices.SortFunc(t.Uniques, func(a, b Unique) int { return byName(a.Name, b.Name) })
	slices.SortFunc(t.Indexes, func(a, b Index) int { return byName(a.Name, b.Name) })
	slices.SortFunc(t.ForeignKeys, func(a, b ForeignKey) int { return byName(a.Name, b.Name) })
	slices.SortFunc(t.Checks, func(a, b Check) int { return byName(a.Name, b.Name) })
	for i := range t.ForeignKeys {
		fk := &t.ForeignKeys[i]
		if fk.OnDelete == "" {
			fk.OnDelete = NoAction
		}
		if fk.OnUpdate == "" {
			fk.OnUpdate = NoAction
		}
	}
	for i := range t.Columns {
		c := &t.Columns[i]
		if len(c.Type.Values) == 0 {
			c.Type.Values = nil
		}
	}
	for i := range t.Indexes {
		if len(t.Indexes[i].Include) == 0 {
			t.Indexes[i].Include = nil
		}
		t.Indexes[i].Lengths = t.Indexes[i].CanonicalLengths()
	}
	if len(t.PrimaryKey) == 0 {
		t.PrimaryKey = nil
	}
	if len(t.Uniques) == 0 {
		t.Uniques = nil
	}
	if len(t.Indexes) == 0 {
		t.Indexes = nil
	}
	if len(t.ForeignKeys) == 0 {
		t.ForeignKeys = nil
	}
	if len(t.Checks) == 0 {
		t.Checks = nil
	}
	if len(t.Columns) == 0 {
		t.Columns = nil
	}
}

// MaxNameLen is the length of the names strata derives for constraints and
// indexes: the shorter of PostgreSQL's (63) and MySQL's (64) limits.
const MaxNameLen = 63

// DeriveName joins parts with "_" into a constraint or index name, shortened
// to MaxNameLen with a stable hash suffix when too long.
func DeriveName(parts ...string) string {
	name := strings.Join(parts, "_")
	if len(name) <= MaxNameLen {
		return name
	}
	sum := sha256.Sum256([]byte(name))
	suffix := "_" + hex.EncodeToString(sum[:4])
	return name[:MaxNameLen-len(suffix)] + suffix
}

// UniqueName is the name strata gives an unnamed unique constraint.
func UniqueName(table string, columns []string) string {
	return DeriveName(append(append([]string{table}, columns...), "key")...)
}

// IndexName is the name strata gives an unnamed index (Sequelize's convention).
func IndexName(table string, columns []string) string {
	return DeriveName(append([]string{table}, columns...)...)
}

// ForeignKeyName is the name strata gives an unnamed foreign key.
func ForeignKeyName(table string, columns []string) string {
	return DeriveName(append(append([]string{table}, columns...), "fkey")...)
}

// CheckName is the name strata gives an unnamed check constraint.
func CheckName(table string, columns []string) string {
	if len(columns) == 0 {
		return DeriveName(table, "check")
	}
	return DeriveName(append(append([]string{table}, columns...), "check")...)
}
