package diagram

import (
	"slices"
	"strings"

	"github.com/strata-orm/strata/schema"
)

// FromSchema infers a Graph from a schema: an entity per table (named as
// the table, its columns as attributes) and a relation per foreign key.
//
// A foreign key is a belongsTo from the table holding it, named after its
// column without the "Id" suffix ("userId" → "user"): one-to-one when its
// columns are a unique key of their table, else many-to-one, and
// zero-or-one on the referenced side when a column of it accepts NULL.
//
// A join table is drawn as a belongsToMany each way between the two
// tables it joins, each named after its target, instead of as two
// belongsTo: a table
// with exactly two single-column foreign keys, both NOT NULL, whose pair
// is a key of the table or whose other columns are only its primary key
// and timestamps (createdAt, updatedAt, deletedAt, in either spelling).
// Such a table is marked Join; its other columns (a join row's values)
// are shown as usual.
func FromSchema(db *schema.Database) Graph {
	var g Graph
	if db == nil {
		return g
	}
	have := map[string]bool{}
	for _, t := range db.Tables {
		have[t.Name] = true
	}
	for i := range db.Tables {
		t := &db.Tables[i]
		join := isJoin(t)
		g.Entities = append(g.Entities, entityOf(t, join))
		if join {
			a, b := t.ForeignKeys[0], t.ForeignKeys[1]
			if columnIndex(t, b.Columns[0]) < columnIndex(t, a.Columns[0]) {
				a, b = b, a
			}
			g.Relations = append(g.Relations, Relation{
				From: a.RefTable, To: b.RefTable, Name: b.RefTable, Kind: BelongsToMany,
				FromCard: Many, ToCard: Many, Through: t.Name,
				ForeignKey: a.Columns[0], OtherKey: b.Columns[0],
			}, Relation{
				From: b.RefTable, To: a.RefTable, Name: a.RefTable, Kind: BelongsToMany,
				FromCard: Many, ToCard: Many, Through: t.Name,
				ForeignKey: b.Columns[0], OtherKey: a.Columns[0],
			})
			continue
		}
		for _, fk := range t.ForeignKeys {
			g.Relations = append(g.Relations, belongsTo(t, fk))
		}
	}
	for _, r := range g.Relations {
		for _, n := range []string{r.From, r.To} {
			if !have[n] {
				have[n] = true
				g.Entities = append(g.Entities, Entity{Name: n, Table: n})
			}
		}
	}
	slices.SortStableFunc(g.Entities, func(a, b Entity) int { return strings.Compare(a.Name, b.Name) })
	return g
}

// entityOf lists a table's columns with their keys.
func entityOf(t *schema.Table, join bool) Entity {
	e := Entity{Name: t.Name, Table: t.Name, Join: join}
	fks := map[string]bool{}
	for _, fk := range t.ForeignKeys {
		for _, c := range fk.Columns {
			fks[c] = true
		}
	}
	for _, c := range t.Columns {
		pk := slices.Contains(t.PrimaryKey, c.Name)
		e.Attributes = append(e.Attributes, Attribute{
			Name: c.Name, Type: c.Type.String(),
			PK: pk, FK: fks[c.Name],
			Unique:  !(pk && len(t.PrimaryKey) == 1) && t.IsKey([]string{c.Name}),
			NotNull: c.NotNull || pk,
		})
	}
	return e
}

// belongsTo is the relation of one foreign key of t.
func belongsTo(t *schema.Table, fk schema.ForeignKey) Relation {
	r := Relation{From: t.Name, To: fk.RefTable, Kind: BelongsTo, FromCard: Many, ToCard: One,
		ForeignKey: strings.Join(fk.Columns, ",")}
	if t.IsKey(fk.Columns) {
		r.FromCard = ZeroOrOne
	}
	for _, name := range fk.Columns {
		if c := t.Column(name); c != nil && !c.NotNull && !slices.Contains(t.PrimaryKey, name) {
			r.ToCard = ZeroOrOne
		}
	}
	if len(fk.Columns) == 1 {
		r.Name = associationName(fk.Columns[0])
	} else {
		r.Name = fk.RefTable
	}
	return r
}

// associationName is the name Sequelize gives the belongsTo of a key
// column: the column without its "Id" or "_id" suffix.
func associationName(col string) string {
	for _, suffix := range []string{"_id", "Id", "ID"} {
		if s, ok := strings.CutSuffix(col, suffix); ok && s != "" {
			return s
		}
	}
	return col
}

// timestampColumns are the columns a join table may have besides its keys.
var timestampColumns = []string{"createdAt", "updatedAt", "deletedAt", "created_at", "updated_at", "deleted_at"}

// isJoin reports whether t is the join table of a many-to-many (see
// FromSchema).
func isJoin(t *schema.Table) bool {
	if len(t.ForeignKeys) != 2 {
		return false
	}
	var keys []string
	for _, fk := range t.ForeignKeys {
		if len(fk.Columns) != 1 {
			return false
		}
		c := t.Column(fk.Columns[0])
		if c == nil || !(c.NotNull || slices.Contains(t.PrimaryKey, c.Name)) {
			return false
		}
		keys = append(keys, c.Name)
	}
	if keys[0] == keys[1] {
		return false
	}
	if t.IsKey(keys) {
		return true
	}
	for _, c := range t.Columns {
		switch {
		case slices.Contains(keys, c.Name), slices.Contains(timestampColumns, c.Name):
		case len(t.PrimaryKey) == 1 && t.PrimaryKey[0] == c.Name:
		default:
			return false
		}
	}
	return true
}

// columnIndex is the position of the column name in t, or -1.
func columnIndex(t *schema.Table, name string) int {
	return slices.IndexFunc(t.Columns, func(c schema.Column) bool { return c.Name == name })
}
