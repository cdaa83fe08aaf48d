package gen

import (
	"fmt"
	"go/token"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/internal/naming"
	"github.com/strata-orm/strata/schema"
)

// ImportOptions say what ImportModels writes.
type ImportOptions struct {
	Package string                  // Go package of the files; "models" when empty
	Tables  []string                // only these tables (empty: all)
	Skip    func(table string) bool // tables to leave out (the migration state tables), or nil
}

// ImportReport says what ImportModels wrote and what it could not express.
type ImportReport struct {
	// Models are the struct names written, sorted.
	Models []string
	// Associations are the associations declared, as "Order.User
	// belongsTo", "User.Orders hasMany", "Order.Products belongsToMany
	// through ProductOrder".
	Associations []string
	// Warnings are what the models do not express (a native type kept as
	// type=…, a composite foreign key, an index), each naming the table.
	Warnings []string
}

// packageName is the Go package of the files: o.Package, "models" when
// empty.
func (o ImportOptions) packageName() (string, error) {
	if err := checkPackage(o.Package); err != nil {
		return "", err
	}
	if o.Package == "" {
		return "models", nil
	}
	return o.Package, nil
}

func (r *ImportReport) warn(format string, args ...any) {
	r.Warnings = append(r.Warnings, fmt.Sprintf(format, args...))
}

// TableNotFoundError is a table ImportOptions.Tables names that the
// database does not have.
type TableNotFoundError struct {
	Table   string
	Suggest string // the closest table, if any is close
}

func (e *TableNotFoundError) Error() string {
	s := fmt.Sprintf("gen: import: the database has no table %s", printable(e.Table))
	if e.Suggest != "" {
		s += fmt.Sprintf(" (did you mean %s?)", printable(e.Suggest))
	}
	return s + "; name tables the database has"
}

// imodel is one table on its way to a model file.
type imodel struct {
	t       *schema.Table
	Struct  string
	opts    model.Options
	fields  []*ifield
	byCol   map[string]*ifield
	taken   map[string]bool // Go names of the struct: fields, relations, methods
	columns map[string]bool // the table's column names
	rels    []irel
	assocs  []iassoc
	join    *joinInfo
	imports map[string]bool
}

// ifield is one column's field.
type ifield struct {
	Name, Col, Type string
	Tag             []string // the options after the column name
	col             *schema.Column
	pk              bool
}

// irel is a field that holds associated models.
type irel struct{ Name, Type, JSON string }

// iassoc is one Associate call.
type iassoc struct {
	Kind, Name, Target string
	Opts               []string
	Through            string
	key                string // table.column of its foreign key (model:import --from-sequelize)
}

// ImportModels returns the model files for the tables of db: file name →
// gofmt'ed source, one file per table and models.go with All(). Each table
// becomes a struct named in Go style (order_items → OrderItem) that keeps
// the table and column names exactly (a TableName method always, a column
// name in the tag where strata's naming would not give it back), with the
// columns' types, nullability, defaults and keys in tags, and the
// associations its foreign keys imply. The report lists what could not be
// expressed.
//
// The rules:
//   - a table's columns are named lowerCamelCase or, with a ModelOptions
//     method, snake_case, whichever gives back more of them; the others
//     carry their name in the tag. A nullable column, or one with a
//     default, is a pointer field (nil: NULL, or the default applies);
//   - a table without a primary key takes a NOT NULL unique column as its
//     key, or is left out;
//   - each single-column foreign key is a belongsTo on its table, named
//     after the column without the key's last word (user_id → User,
//     reportsTo → ReportsToEmployee), with OnDelete and OnUpdate where the
//     key's actions are not strata's defaults, and a hasOne (the column is
//     a key of its own) or hasMany on the table it points at (prefixed
//     with the belongsTo's name when several keys of one table point at
//     it: SenderMessages);
//   - a table whose only foreign keys are two NOT NULL ones whose pair is
//     its primary key or a unique key is a join model: belongsTo each side,
//     and each side belongsToMany the other through it (a self-join twice,
//     the reverse named after its key: FriendEmployees); when it has more
//     columns than its two keys, each side gets a field for the join row;
//   - composite foreign keys, indexes, checks, SQL-expression defaults,
//     generated columns and what else a model cannot declare are warnings.
func ImportModels(db *schema.Database, o ImportOptions) (map[string][]byte, *ImportReport, error) {
	pkg, err := o.packageName()
	if err != nil {
		return nil, nil, err
	}
	rep := &ImportReport{}
	tables, err := importTables(db, o)
	if err != nil {
		return nil, nil, err
	}
	for _, w := range db.Warnings {
		if slices.ContainsFunc(tables, func(t *schema.Table) bool { return t.Name == w.Table }) || w.Table == "" {
			rep.warn("%s", w.String())
		}
	}
	userTypeWarnings(db, tables, rep)
	structs := map[string]bool{"All": true}
	var models []*imodel
	byTable := map[string]*imodel{}
	for _, t := range tables {
		m := newModel(t, structs, rep)
		if m == nil {
			continue
		}
		models = append(models, m)
		byTable[t.Name] = m
	}
	sort.Slice(models, func(i, j int) bool { return models[i].Struct < models[j].Struct })
	associate(models, byTable, rep)
	files, err := writeModels(pkg, models, rep)
	if err != nil {
		return nil, nil, err
	}
	return files, rep, nil
}

// importTables returns the tables to import, sorted by name.
func importTables(db *schema.Database, o ImportOptions) ([]*schema.Table, error) {
	var out []*schema.Table
	if len(o.Tables) > 0 {
		for _, name := range o.Tables {
			t := db.Table(name)
			if t == nil {
				return nil, &TableNotFoundError{Table: name, Suggest: naming.Closest(name, db.TableNames())}
			}
			if !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
	} else {
		for i := range db.Tables {
			out = append(out, &db.Tables[i])
		}
	}
	out = slices.DeleteFunc(out, func(t *schema.Table) bool { return o.Skip != nil && o.Skip(t.Name) })
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// structName is the Go type of a table: the singular of its name in
// CamelCase (order_items → OrderItem), unique among the models.
func structName(table string, taken map[string]bool) string {
	base := goIdent(naming.Singular(table), "Table")
	name := base
	if taken[name] {
		name = goIdent(table, "Table")
	}
	for i := 2; taken[name]; i++ {
		name = base + strconv.Itoa(i)
	}
	taken[name] = true
	return name
}

// goIdent turns a database name into an exported Go identifier with Go's
// initialisms (user_id → UserID), prefixing fallback when it starts with
// no letter.
func goIdent(s, fallback string) string {
	var b strings.Builder
	for _, r := range s {
		if r == '_' || token.IsIdentifier(string(r)) || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteRune('_')
		}
	}
	n := naming.Camel(b.String())
	if !exportedIdent(n) {
		n = fallback + n
	}
	if !exportedIdent(n) {
		n = fallback
	}
	return n
}

// structMethods are the names a model struct has besides its columns.
var structMethods = []string{"TableName", "Associate", "ModelOptions"}

// newModel describes table t, or reports why it cannot be a model and
// returns nil.
func newModel(t *schema.Table, structs map[string]bool, rep *ImportReport) *imodel {
	pk := t.PrimaryKey
	if len(pk) == 0 {
		for _, u := range t.Uniques {
			if c := t.Column(u.Columns[0]); len(u.Columns) == 1 && c != nil && c.NotNull {
				pk = u.Columns
				rep.warn("table %s has no primary key: its model takes the unique key (%s) as its key", t.Name, pk[0])
				break
			}
		}
	}
	if len(pk) == 0 {
		rep.warn("table %s has no primary key nor a NOT NULL unique column: left out (a strata model needs a key to write rows by)", t.Name)
		return nil
	}
	m := &imodel{t: t, Struct: structName(t.Name, structs), byCol: map[string]*ifield{}, taken: map[string]bool{},
		columns: map[string]bool{}, imports: map[string]bool{}}
	for _, r := range structMethods {
		m.taken[r] = true
	}
	for _, c := range t.Columns {
		m.columns[c.Name] = true
	}
	for i := range t.Columns {
		c := &t.Columns[i]
		if c.Generated != nil {
			rep.warn("column %s.%s is generated (%s): left out of the model, which would write it", t.Name, c.Name, c.Generated.Expr)
			continue
		}
		if strings.ContainsAny(c.Name, ",'()") {
			rep.warn("column %s.%s: a tag cannot name a column holding , ' ( or ); left out", t.Name, c.Name)
			continue
		}
		f := &ifield{Col: c.Name, col: c, pk: slices.Contains(pk, c.Name)}
		f.Name = m.fieldName(c.Name)
		m.fields = append(m.fields, f)
		m.byCol[c.Name] = f
	}
	// Pick the naming that gives back most column names.
	var camel, snake int
	for _, f := range m.fields {
		if model.ColumnName(f.Name, model.Options{}) == f.Col {
			camel++
		}
		if model.ColumnName(f.Name, model.Options{Underscored: true}) == f.Col {
			snake++
		}
	}
	m.opts.Underscored = snake > camel
	m.typeFields(pk, rep)
	m.keyTags(pk, rep)
	m.otherWarnings(rep)
	return m
}

// fieldName is a Go field name for column col, unique in the struct and
// equal to no other column's name (strata finds a field by either).
func (m *imodel) fieldName(col string) string {
	base := goIdent(col, "Col")
	name := base
	for i := 2; m.taken[name] || (m.columns[name] && name != col); i++ {
		name = base + strconv.Itoa(i)
	}
	m.taken[name] = true
	return name
}

// claim returns a name for a relation field based on base, unique in the
// struct.
func (m *imodel) claim(base string) string {
	name := base
	for i := 2; m.taken[name] || m.columns[name]; i++ {
		name = base + strconv.Itoa(i)
	}
	m.taken[name] = true
	return name
}

// otherWarnings reports what the table has that a model does not declare.
func (m *imodel) otherWarnings(rep *ImportReport) {
	t := m.t
	for _, x := range t.Indexes {
		if fk := t.ForeignKey(x.Name); fk != nil && slices.Equal(fk.Columns, x.Columns) {
			continue // MySQL's own index of a foreign key, which it makes again
		}
		if !x.Unique {
			rep.warn("table %s: the index %s (%s) is not declared by the model (models cannot declare indexes yet); it stays in the database", t.Name, x.Name, strings.Join(x.Columns, ", "))
		}
	}
	for _, c := range t.Checks {
		rep.warn("table %s: the check %s (%s) is not declared by the model; it stays in the database", t.Name, c.Name, c.Expr)
	}
	for _, f := range m.fields {
		c := f.col
		switch {
		case c.Identity != "":
			rep.warn("column %s.%s is an identity column (GENERATED %s AS IDENTITY); the model declares it autoincrement", t.Name, c.Name, c.Identity)
		}
	}
}

// userTypeWarnings warns of each column whose type is one of db's own
// types or domains (PostgreSQL's CREATE TYPE and CREATE DOMAIN: Sakila's
// mpaa_rating and year): a model names the type but cannot make it, so a
// migration --auto writes from the models against an empty history would
// fail, and stops instead.
func userTypeWarnings(db *schema.Database, tables []*schema.Table, rep *ImportReport) {
	for _, t := range tables {
		for _, c := range t.Columns {
			if c.Type.Kind != schema.KindNative {
				continue
			}
			name := strings.TrimPrefix(strings.Trim(strings.TrimRight(c.Type.Native, "[]"), `"`), "public.")
			for _, b := range db.Objects {
				if (b.Kind == schema.ObjectType || b.Kind == schema.ObjectDomain) && strings.Trim(b.Name, `"`) == name {
					rep.warn("column %s.%s has the %s %s, which a model names but cannot create: migration:generate --auto against an empty history stops on it; run strata migration:baseline on this database instead, or write the migration that creates %s first (ddl.CreateObject: %s)",
						t.Name, c.Name, b.Kind, name, name, b.Definition)
					break
				}
			}
		}
	}
}
