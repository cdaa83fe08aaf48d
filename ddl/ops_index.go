package ddl

import (
	"fmt"
	"slices"

	"github.com/strata-orm/strata/schema"
)

// AddIndexOp adds an index (queryInterface.addIndex).
type AddIndexOp struct {
	Table   string   `json:"table"`
	Name    string   `json:"name,omitempty"` // derived from table and columns when empty
	Columns []string `json:"columns"`
	Unique  bool     `json:"unique,omitempty"`
	Where   string   `json:"where,omitempty"` // partial index predicate (PostgreSQL, SQLite)
	// Method, Include and NullsNotDistinct are those of schema.Index.
	Method           string   `json:"method,omitempty"`
	Include          []string `json:"include,omitempty"`
	NullsNotDistinct bool     `json:"nullsNotDistinct,omitempty"`
	// Lengths are the keys' prefix lengths (MySQL/MariaDB), those of
	// schema.Index: see Prefix.
	Lengths []int `json:"lengths,omitempty"`
	// Imported relaxes the checks a sequelize-cli history's database
	// passed (see Import); migrate sets it on the operations of an
	// imported migration. Not part of the encoding or the checksum.
	Imported bool `json:"-"`
}

// Present reports whether the operation is imported and db's table has
// that index already, the same one (name, columns, uniqueness, predicate,
// method): an addIndex a sequelize-cli history runs again after
// Sequelize's SQLite table rebuild lost the index, which strata's rebuild
// keeps. Such an operation changes nothing and renders no statement.
func (o *AddIndexOp) Present(db *schema.Database) bool {
	if !o.Imported || db == nil {
		return false
	}
	t := db.Table(o.Table)
	if t == nil {
		return false
	}
	want := o.Index()
	if x := t.Index(want.Name); x != nil {
		return slices.Equal(x.Columns, want.Columns) && x.Unique == want.Unique && x.Where == want.Where &&
			x.Method == want.Method && slices.Equal(x.Include, want.Include) && x.NullsNotDistinct == want.NullsNotDistinct &&
			x.SameLengths(want)
	}
	if u := t.Unique(want.Name); u != nil { // MySQL reads a unique index back as a unique constraint
		return want.Unique && want.Where == "" && want.Lengths == nil && slices.Equal(u.Columns, want.Columns)
	}
	return false
}

// AddIndex adds an index on columns of table.
func AddIndex(table string, columns ...string) *AddIndexOp {
	return &AddIndexOp{Table: table, Columns: columns}
}

// Named sets the index name.
func (o *AddIndexOp) Named(name string) *AddIndexOp { o.Name = name; return o }

// AsUnique makes it a unique index.
func (o *AddIndexOp) AsUnique() *AddIndexOp { o.Unique = true; return o }

// Partial makes it a partial index on the rows where predicate holds.
func (o *AddIndexOp) Partial(predicate string) *AddIndexOp { o.Where = predicate; return o }

// Using sets the index's access method: "gin", "gist", "hash", "brin" on
// PostgreSQL; "FULLTEXT" or "SPATIAL" on MySQL.
func (o *AddIndexOp) Using(method string) *AddIndexOp { o.Method = method; return o }

// Including adds non-key columns to a covering index (PostgreSQL).
func (o *AddIndexOp) Including(columns ...string) *AddIndexOp { o.Include = columns; return o }

// AsNullsNotDistinct makes a unique index treat NULLs as equal values
// (PostgreSQL 15's NULLS NOT DISTINCT).
func (o *AddIndexOp) AsNullsNotDistinct() *AddIndexOp { o.NullsNotDistinct = true; return o }

// Prefix sets the keys' prefix lengths, in the order of the columns: a
// key whose length n is above 0 indexes the first n characters of its
// column (bytes of a blob), 0 the whole column, as MySQL's
// KEY (title(50), createdAt DESC) is
// ddl.AddIndex("articles", "title", "createdAt DESC").Prefix(50, 0).
// Only MySQL and MariaDB have prefix indexes, on string, text and blob
// columns; the other dialects refuse such an index.
func (o *AddIndexOp) Prefix(lengths ...int) *AddIndexOp { o.Lengths = lengths; return o }

// Index returns the index the operation creates, its name filled in.
func (o *AddIndexOp) Index() schema.Index {
	name := o.Name
	if name == "" {
		name = schema.IndexName(o.Table, o.Columns)
	}
	return schema.Index{Name: name, Columns: slices.Clone(o.Columns), Unique: o.Unique, Where: o.Where,
		Method: o.Method, Include: slices.Clone(o.Include), NullsNotDistinct: o.NullsNotDistinct, Lengths: slices.Clone(o.Lengths)}
}

func (o *AddIndexOp) String() string {
	return fmt.Sprintf("addIndex %q on %q", o.Index().Name, o.Table)
}
func (*AddIndexOp) opName() string { return "addIndex" }

// RemoveIndexOp removes an index by name, or by the columns it was created
// on when Name is empty (as queryInterface.removeIndex accepts both). It
// removes a unique constraint of that name too: MySQL keeps no difference
// between the two, so a down written with either works on every database.
type RemoveIndexOp struct {
	Table   string   `json:"table"`
	Name    string   `json:"name,omitempty"`
	Columns []string `json:"columns,omitempty"`
	// Imported relaxes the checks a sequelize-cli history's database
	// passed (see Import); migrate sets it on the operations of an
	// imported migration. Not part of the encoding or the checksum.
	Imported bool `json:"-"`
}

// RemoveIndex removes the named index of table.
func RemoveIndex(table, name string) *RemoveIndexOp { return &RemoveIndexOp{Table: table, Name: name} }

// IndexName is the name of the index to remove.
func (o *RemoveIndexOp) IndexName() string {
	if o.Name != "" {
		return o.Name
	}
	return schema.IndexName(o.Table, o.Columns)
}

func (o *RemoveIndexOp) String() string {
	return fmt.Sprintf("removeIndex %q on %q", o.IndexName(), o.Table)
}
func (*RemoveIndexOp) opName() string { return "removeIndex" }
