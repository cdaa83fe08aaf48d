package diagram

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// Graph is what a diagram shows: the entities and the relations between
// them. Its order does not matter: Mermaid and DOT sort what they write.
type Graph struct {
	Entities  []Entity
	Relations []Relation
}

// Entity is one box of the diagram: a model or a table.
type Entity struct {
	// Name identifies the entity in Relations and is the title of its box
	// ("User", or the table's name when there is no model).
	Name string
	// Table is the entity's table, shown beside Name when it differs;
	// empty means the same as Name.
	Table string
	// Attributes are the columns, in the order to list them.
	Attributes []Attribute
	// Join marks the join table (or join model) of a belongsToMany: it is
	// drawn apart from the other entities (a comment in Mermaid, a dashed
	// box and dashed lines in DOT).
	Join bool
}

// Attribute is one column of an entity.
type Attribute struct {
	// Name is the column's (or field's) name.
	Name string
	// Type is its type as text ("INTEGER", "DECIMAL(10,2)"); Mermaid
	// writes it as an identifier ("decimal_10_2").
	Type string
	// PK marks a primary key column, FK a foreign key column, Unique a
	// column that is a unique key by itself, NotNull one that refuses NULL.
	PK, FK, Unique, NotNull bool
}

// Cardinality is how many rows of an entity one row at the other end of
// a relation is linked to.
type Cardinality string

// Cardinalities.
const (
	One       Cardinality = "one"         // exactly one
	ZeroOrOne Cardinality = "zero-or-one" // at most one
	Many      Cardinality = "many"        // zero or more
)

// Kinds of relation, as Sequelize names its associations.
const (
	BelongsTo     = "belongsTo"
	HasOne        = "hasOne"
	HasMany       = "hasMany"
	BelongsToMany = "belongsToMany"
)

// Relation is one association between two entities, seen from From: a
// "User.Orders hasMany" relation is {From: "User", To: "Order", Name:
// "Orders", Kind: HasMany, FromCard: One, ToCard: Many}.
//
// The two sides of an inverse pair (User.Orders and Order.User) may both
// be given: relations that join the same entities through the same
// ForeignKey (and, for belongsToMany, OtherKey) are drawn as one line
// labelled with both names. Without ForeignKey each relation is a line of
// its own.
type Relation struct {
	// From and To are entity names. For belongsTo, From holds the foreign
	// key; for hasOne and hasMany, To holds it; for belongsToMany, Through
	// holds one key to each.
	From, To string
	// Name is the association's name, the label of its line ("Orders").
	Name string
	// Kind is BelongsTo, HasOne, HasMany or BelongsToMany. Another value
	// draws From on the parent side of a plain line.
	Kind string
	// FromCard is how many From rows one To row is linked to, ToCard how
	// many To rows one From row is linked to. Empty (or another value)
	// means the kind's usual one: belongsTo many/one, hasOne one/zero-or-one, hasMany
	// one/many, belongsToMany many/many.
	FromCard, ToCard Cardinality
	// Through is the join entity of a belongsToMany: the relation is drawn
	// as two lines, From to Through and To to Through. Empty draws one
	// many-to-many line between From and To.
	Through string
	// ForeignKey is the foreign key column (columns joined with ","):
	// on From for belongsTo, on To for hasOne and hasMany, on Through
	// (pointing at From) for belongsToMany. Optional.
	ForeignKey string
	// OtherKey is a belongsToMany's key on Through pointing at To.
	// Optional.
	OtherKey string
}

// cards returns the relation's cardinalities with the kind's defaults.
func (r Relation) cards() (from, to Cardinality) {
	from, to = r.FromCard, r.ToCard
	var df, dt Cardinality
	switch r.Kind {
	case BelongsTo:
		df, dt = Many, One
	case HasOne:
		df, dt = One, ZeroOrOne
	case HasMany:
		df, dt = One, Many
	case BelongsToMany:
		df, dt = Many, Many
	default:
		df, dt = One, Many
	}
	known := func(c Cardinality) bool { return c == One || c == ZeroOrOne || c == Many }
	if !known(from) {
		from = df
	}
	if !known(to) {
		to = dt
	}
	return from, to
}

// A link is one line of the diagram: Parent is the entity referenced,
// Child the one holding the key; ParentCard is how many parents a child
// has, ChildCard how many children a parent has.
type link struct {
	Parent, Child         string
	ParentCard, ChildCard Cardinality
	Key                   string // the key column on Child, if known
	Labels                []string
	Join                  bool // a line to a belongsToMany's join entity
	id                    string
}

// label is the link's names, sorted and joined.
func (l link) label() string {
	return strings.Join(l.Labels, " / ")
}

// looser returns the cardinality that allows more: many over zero-or-one
// over one, for two descriptions of one line that disagree.
func looser(a, b Cardinality) Cardinality {
	rank := map[Cardinality]int{One: 0, ZeroOrOne: 1, Many: 2}
	if rank[b] > rank[a] {
		return b
	}
	return a
}

// links turns the relations into the lines to draw, merging the two sides
// of an inverse pair, sorted by parent, child, key and label.
func (g Graph) links() []link {
	var out []link
	byID := map[string]int{}
	add := func(l link, name string) {
		if i, ok := byID[l.id]; ok {
			m := &out[i]
			m.ParentCard = looser(m.ParentCard, l.ParentCard)
			m.ChildCard = looser(m.ChildCard, l.ChildCard)
			m.Join = m.Join || l.Join
			if name != "" && !slices.Contains(m.Labels, name) {
				m.Labels = append(m.Labels, name)
			}
			return
		}
		if name != "" {
			l.Labels = []string{name}
		}
		byID[l.id] = len(out)
		out = append(out, l)
	}
	for i, r := range g.Relations {
		from, to := r.cards()
		unique := "#" + strconv.Itoa(i)
		keyed := func(parent, child, key, fallback string) string {
			if key == "" {
				key = fallback
			}
			return parent + "\x00" + child + "\x00" + key
		}
		switch {
		case r.Kind == BelongsTo:
			add(link{Parent: r.To, Child: r.From, ParentCard: to, ChildCard: from, Key: r.ForeignKey,
				id: keyed(r.To, r.From, r.ForeignKey, unique)}, r.Name)
		case r.Kind == BelongsToMany && r.Through != "":
			// Without keys the two lines of one belongsToMany are told
			// apart only when both go to the same entity (a self-reference).
			fk, ok := "", ""
			if r.From == r.To {
				fk, ok = "#from", "#to"
			}
			add(link{Parent: r.From, Child: r.Through, ParentCard: One, ChildCard: Many, Key: r.ForeignKey, Join: true,
				id: keyed(r.From, r.Through, r.ForeignKey, fk)}, r.Name)
			add(link{Parent: r.To, Child: r.Through, ParentCard: One, ChildCard: Many, Key: r.OtherKey, Join: true,
				id: keyed(r.To, r.Through, r.OtherKey, ok)}, r.Name)
		case r.Kind == BelongsToMany:
			add(link{Parent: r.From, Child: r.To, ParentCard: from, ChildCard: to,
				id: keyed(r.From, r.To, r.ForeignKey+"\x00"+r.OtherKey, unique)}, r.Name)
		default:
			add(link{Parent: r.From, Child: r.To, ParentCard: from, ChildCard: to, Key: r.ForeignKey,
				id: keyed(r.From, r.To, r.ForeignKey, unique)}, r.Name)
		}
	}
	for i := range out {
		slices.Sort(out[i].Labels)
	}
	slices.SortStableFunc(out, func(a, b link) int {
		return cmp.Or(cmp.Compare(a.Parent, b.Parent), cmp.Compare(a.Child, b.Child),
			cmp.Compare(a.Key, b.Key), cmp.Compare(a.label(), b.label()))
	})
	return out
}

// sortedEntities returns the entities sorted by name, with an entity
// (without attributes) for every name a relation uses that none has.
func (g Graph) sortedEntities() []Entity {
	es := slices.Clone(g.Entities)
	seen := map[string]bool{}
	for _, e := range es {
		seen[e.Name] = true
	}
	for _, r := range g.Relations {
		for _, n := range []string{r.From, r.To, r.Through} {
			if n != "" && !seen[n] {
				seen[n] = true
				es = append(es, Entity{Name: n})
			}
		}
	}
	slices.SortStableFunc(es, func(a, b Entity) int { return cmp.Compare(a.Name, b.Name) })
	return es
}

// joinOf lists, for each join entity, the belongsToMany relations through
// it as "From.Name", sorted.
func (g Graph) joinOf() map[string][]string {
	out := map[string][]string{}
	for _, r := range g.Relations {
		if r.Kind == BelongsToMany && r.Through != "" {
			s := r.From + "." + r.Name
			if !slices.Contains(out[r.Through], s) {
				out[r.Through] = append(out[r.Through], s)
			}
		}
	}
	for k := range out {
		slices.Sort(out[k])
	}
	return out
}
