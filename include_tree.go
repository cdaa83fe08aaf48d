package strata

import (
	"fmt"
	"slices"
	"strings"

	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/internal/naming"
	"github.com/strata-orm/strata/internal/query"
	"github.com/strata-orm/strata/internal/spell"
)

// include is one node of a query's include tree: an association to load
// into the rows of the level above, and how.
type include struct {
	a        *model.Association
	path     string // "Orders.Products", for errors
	where    []Cond
	thrWhere []Cond
	required bool
	fields   []*model.Field // selected fields of the target; nil: all
	order    []query.Order
	thrOrder []query.Order
	limitPer int
	unscoped bool // Paranoid(false)
	join     bool
	children []*include
}

func (n *include) clone() *include {
	c := *n
	c.where = slices.Clone(n.where)
	c.thrWhere = slices.Clone(n.thrWhere)
	c.fields = slices.Clone(n.fields)
	c.order = slices.Clone(n.order)
	c.thrOrder = slices.Clone(n.thrOrder)
	c.children = cloneIncludes(n.children)
	return &c
}

func cloneIncludes(list []*include) []*include {
	if list == nil {
		return nil
	}
	out := make([]*include, len(list))
	for i, n := range list {
		out[i] = n.clone()
	}
	return out
}

// IncludeOption refines one include: Where, Required, Attributes, Order,
// LimitPer, Paranoid, ThroughWhere, ThroughOrder, Join, or a nested
// Include. An option that does not fit the include (LimitPer on a to-one
// association, an unknown column) is an error of the query's finisher.
type IncludeOption interface {
	applyInclude(n *include, db *DB) error
}

// includeOption is an IncludeOption given as a function.
type includeOption func(n *include, db *DB) error

func (f includeOption) applyInclude(n *include, db *DB) error { return f(n, db) }

// Include loads an association into each row the query returns, by the
// association's name (the field that holds it): Include("Orders"). A
// dotted path loads nested associations, Include("Orders.Products"), the
// options applying to the last name; "*" stands for every association of
// a model (Include("*"), Include("Orders.*")) and "**" for every
// association, nested, without going round a cycle.
//
// Each level is one query (or a few, when the keys of a large result
// exceed the database's limit of bind parameters), never one per row:
// Find[User](db).Include("Orders.Products").All runs three queries for
// any number of users. Limit and Offset count the query's own rows, each
// of which gets all its included rows. Names are checked at once: an
// unknown name is an error, returned by the finisher before any SQL, that
// names the model, the name asked for, the associations that exist and
// the closest one.
//
// Included rows come in primary-key order unless Order says otherwise; a
// to-many field of a row without rows is an empty slice, a to-one field
// nil: tagged `json:"orders,omitzero"`, an included list without rows is
// [] in JSON and one that was not loaded is left out (omitempty would drop
// both). Rows with the same key share their included rows (the same
// pointers, or sub-slices of one array): treat them as read-only or copy
// them before changing one. AfterFind hooks run on the query's own rows
// only, as in Sequelize. Each does not load includes; All, One, ByPK and
// FindAndCountAll do, and Count, Exists and FindAndCountAll count with the
// Required ones.
func (q *Query[T]) Include(path string, opts ...IncludeOption) *Query[T] {
	if q.m == nil || q.err != nil {
		return q
	}
	if !q.db.reg.Registered(q.m) {
		return q.fail(fmt.Errorf("strata: include %q on %s: %s is not registered, so it has no associations; pass %s{} to strata.WithModels", path, q.m.Name, q.m.Name, q.m.Name))
	}
	if err := addInclude(q.db, q.m, &q.incs, path, "", opts); err != nil {
		return q.fail(err)
	}
	return q
}

// Include is a nested include, given as an option of its parent:
//
//	strata.Find[User](db).Include("Orders", strata.Include("Products", strata.Required()))
func Include(path string, opts ...IncludeOption) IncludeOption {
	return includeOption(func(n *include, db *DB) error {
		return addInclude(db, n.a.Target, &n.children, path, n.path+".", opts)
	})
}

// addInclude adds path (relative to model m) to the include list, with
// opts on its last node.
func addInclude(db *DB, m *model.Model, list *[]*include, path, prefix string, opts []IncludeOption) error {
	name, rest, nested := strings.Cut(path, ".")
	if name == "*" || name == "**" {
		if nested {
			if name == "**" {
				return fmt.Errorf("strata: include %q: \"**\" already includes everything below; it must be the last name", prefix+path)
			}
		}
		for _, a := range m.Associations() {
			n := node(list, a, prefix)
			switch {
			case nested:
				if err := addInclude(db, a.Target, &n.children, rest, n.path+".", opts); err != nil {
					return err
				}
			case name == "**":
				if err := applyOptions(db, n, opts); err != nil {
					return err
				}
				if err := includeAll(db, n, []*model.Model{m}, opts); err != nil {
					return err
				}
			default:
				if err := applyOptions(db, n, opts); err != nil {
					return err
				}
			}
		}
		return nil
	}
	a, err := findAssociation(db, m, name, prefix+path)
	if err != nil {
		return err
	}
	n := node(list, a, prefix)
	if nested {
		return addInclude(db, a.Target, &n.children, rest, n.path+".", opts)
	}
	return applyOptions(db, n, opts)
}

// includeAll adds every association below n, stopping at models already
// on the path.
func includeAll(db *DB, n *include, onPath []*model.Model, opts []IncludeOption) error {
	onPath = append(onPath, n.a.Target)
	for _, a := range n.a.Target.Associations() {
		if slices.Contains(onPath, a.Target) {
			continue
		}
		c := node(&n.children, a, n.path+".")
		if err := applyOptions(db, c, opts); err != nil {
			return err
		}
		if err := includeAll(db, c, onPath, opts); err != nil {
			return err
		}
	}
	return nil
}

// node returns the list's node for a, adding it if needed.
func node(list *[]*include, a *model.Association, prefix string) *include {
	for _, n := range *list {
		if n.a == a {
			return n
		}
	}
	n := &include{a: a, path: prefix + a.Name}
	*list = append(*list, n)
	return n
}

func applyOptions(db *DB, n *include, opts []IncludeOption) error {
	for _, o := range opts {
		if o == nil {
			return nilOptionError(fmt.Sprintf("strata: include %q: nil option", n.path))
		}
		// Every IncludeOption is an includeOption. Calling it as the
		// function it is, not through the interface, keeps an option list
		// and its closures on the caller's stack (an interface call makes
		// them escape: two allocations per ThroughOrder).
		f, ok := o.(includeOption)
		if !ok {
			return fmt.Errorf("strata: include %q: an option that is none of strata's include options (Where, Required, Order …)", n.path)
		}
		if err := f(n, db); err != nil {
			return err
		}
	}
	return nil
}

// IncludeError is an include that names no association of its model. It
// says which model, the name asked for, the associations that exist and
// the closest one; when the name is a model the query's model has no
// association with, it says so.
type IncludeError struct {
	Verb     string   // "include", or "association" for a helper's name
	Model    string   // the model the name was looked up on
	Name     string   // the name asked for
	Path     string   // the whole include path
	Known    []string // the model's associations
	Suggest  string   // the closest association, if any is close
	Unlinked string   // a registered model the name refers to, not associated with Model
}

// Error says what was asked for, what exists and the closest name.
func (e *IncludeError) Error() string {
	var b strings.Builder
	verb := e.Verb
	if verb == "" {
		verb = "include"
	}
	fmt.Fprintf(&b, "strata: %s %q: ", verb, e.Path)
	switch {
	case e.Unlinked != "":
		fmt.Fprintf(&b, "%s is not associated with %s; declare the association in %s's Associate method (for example a.HasMany(%s{}) or a.BelongsTo(%s{}))",
			e.Unlinked, e.Model, e.Model, e.Unlinked, e.Unlinked)
	case len(e.Known) == 0:
		fmt.Fprintf(&b, "%s has no associations, so it has no association %q; declare them in its Associate method", e.Model, e.Name)
	default:
		fmt.Fprintf(&b, "%s has no association %q", e.Model, e.Name)
	}
	if len(e.Known) > 0 {
		fmt.Fprintf(&b, " (its associations: %s)", strings.Join(e.Known, ", "))
	}
	if e.Suggest != "" {
		fmt.Fprintf(&b, "; did you mean %q?", e.Suggest)
	}
	return b.String()
}

// findAssociation looks name up among m's associations: exactly, then
// ignoring case.
func findAssociation(db *DB, m *model.Model, name, path string) (*model.Association, error) {
	if a := m.Association(name); a != nil {
		return a, nil
	}
	var found *model.Association
	var known []string
	for _, a := range m.Associations() {
		known = append(known, a.Name)
		if strings.EqualFold(a.Name, name) {
			if found != nil {
				found = nil
				break
			}
			found = a
		}
	}
	if found != nil {
		return found, nil
	}
	e := &IncludeError{Model: m.Name, Name: name, Path: path, Known: known}
	var targets []string
	for _, a := range m.Associations() {
		if strings.EqualFold(a.Target.Name, name) || strings.EqualFold(naming.Plural(a.Target.Name), name) {
			targets = append(targets, a.Name)
		}
	}
	switch {
	case len(targets) > 0:
		e.Suggest = targets[0]
	default:
		e.Suggest = spell.Suggest(name, known)
	}
	for _, r := range db.reg.Models() {
		if len(targets) == 0 && (strings.EqualFold(r.Name, name) || strings.EqualFold(r.Table, name) || strings.EqualFold(naming.Plural(r.Name), name)) {
			e.Unlinked, e.Suggest = r.Name, ""
		}
	}
	return nil, e
}

// Where filters the included rows (conditions on the target's columns);
// with Required it also filters the rows they hang from.
func Where(conds ...Cond) IncludeOption {
	return includeOption(func(n *include, _ *DB) error {
		for _, c := range conds {
			if c == nil {
				return fmt.Errorf("strata: include %q: Where(nil): %w", n.path, ErrEmptyCondition)
			}
		}
		n.where = append(n.where, conds...)
		return nil
	})
}

// ThroughWhere filters the join rows of a belongsToMany include
// (conditions on the join model's columns: ThroughWhere(Gte("quantity", 2))).
func ThroughWhere(conds ...Cond) IncludeOption {
	return includeOption(func(n *include, _ *DB) error {
		if n.a.Kind != model.BelongsToMany {
			return fmt.Errorf("strata: include %q: ThroughWhere applies to belongsToMany associations, and %s is %s", n.path, n.a.Name, n.a.Kind)
		}
		for _, c := range conds {
			if c == nil {
				return fmt.Errorf("strata: include %q: ThroughWhere(nil): %w", n.path, ErrEmptyCondition)
			}
		}
		n.thrWhere = append(n.thrWhere, conds...)
		return nil
	})
}

// Required makes the include a filter: only the rows that have at least
// one included row (matching the include's Where and its own required
// includes) are returned, as an SQL EXISTS, so Limit still counts whole
// rows. It filters the level directly above; mark each level to filter
// the query's rows by a nested include.
func Required() IncludeOption {
	return includeOption(func(n *include, _ *DB) error { n.required = true; return nil })
}

// Attributes reads only the named fields (or columns) of the included
// rows, plus the keys strata needs to join them.
func Attributes(cols ...string) IncludeOption {
	return includeOption(func(n *include, _ *DB) error {
		n.fields = n.fields[:0]
		for _, c := range cols {
			f, err := n.a.Target.Field(c)
			if err != nil {
				return fmt.Errorf("strata: include %q: Attributes: %w", n.path, err)
			}
			if !slices.Contains(n.fields, f) {
				n.fields = append(n.fields, f)
			}
		}
		if len(n.fields) == 0 {
			return fmt.Errorf("strata: include %q: Attributes() with no columns", n.path)
		}
		return nil
	})
}

// Order orders each row's included rows ("total DESC", as Query.Order);
// without it they come in primary-key order.
func Order(terms ...string) IncludeOption {
	return includeOption(func(n *include, _ *DB) error {
		for _, t := range terms {
			for _, part := range strings.Split(t, ",") {
				o, err := parseOrder(n.a.Target, part)
				if err != nil {
					return fmt.Errorf("strata: include %q: %w", n.path, err)
				}
				n.order = append(n.order, o)
			}
		}
		return nil
	})
}

// ThroughOrder orders a belongsToMany include's rows by columns of their
// join rows ("id" for the order the links were made in), after Order.
func ThroughOrder(terms ...string) IncludeOption {
	return includeOption(func(n *include, _ *DB) error {
		if n.a.Kind != model.BelongsToMany {
			return fmt.Errorf("strata: include %q: ThroughOrder applies to belongsToMany associations, and %s is %s", n.path, n.a.Name, n.a.Kind)
		}
		for _, t := range terms {
			for _, part := range strings.Split(t, ",") {
				o, err := parseOrder(n.a.Through, part)
				if err != nil {
					return fmt.Errorf("strata: include %q: %w", n.path, err)
				}
				n.thrOrder = append(n.thrOrder, o)
			}
		}
		return nil
	})
}

// LimitPer loads at most n rows for each row of the level above (hasMany,
// belongsToMany), in the include's Order, with ROW_NUMBER() in one query.
func LimitPer(limit int) IncludeOption {
	return includeOption(func(n *include, _ *DB) error {
		if !n.a.Kind.Many() {
			return fmt.Errorf("strata: include %q: LimitPer applies to hasMany and belongsToMany, and %s is %s", n.path, n.a.Name, n.a.Kind)
		}
		if limit <= 0 {
			return &LimitError{Model: n.a.Source.Name, Option: fmt.Sprintf("include %q: LimitPer", n.path), N: limit}
		}
		n.limitPer = limit
		return nil
	})
}

// Paranoid(false) includes soft-deleted target rows (and join rows) of a
// paranoid model; by default they are left out, as Sequelize does.
func Paranoid(on bool) IncludeOption {
	return includeOption(func(n *include, _ *DB) error { n.unscoped = !on; return nil })
}

// Join loads a to-one include (belongsTo, or hasOne on a unique foreign
// key) with a LEFT JOIN in the query of the level above instead of a query
// of its own. It applies to includes of the query's model and of other
// joined includes.
func Join() IncludeOption {
	return includeOption(func(n *include, _ *DB) error {
		a := n.a
		switch {
		case a.Kind == model.BelongsTo && (a.TargetKey.PrimaryKey && len(a.Target.PrimaryKey) == 1 || uniqueField(a.Target, a.TargetKey)):
		case a.Kind == model.HasOne && uniqueField(a.Target, a.ForeignKey):
		case a.Kind == model.HasOne:
			return fmt.Errorf("strata: include %q: Join on hasOne %s needs a unique foreign key (tag %s.%s unique), or one %s could repeat its parent row; drop Join()", n.path, a.Name, a.Target.Name, a.ForeignKey.Name, a.Name)
		default:
			return fmt.Errorf("strata: include %q: Join applies to belongsTo and hasOne, and %s is %s (loaded by a query of its own); drop Join()", n.path, a.Name, a.Kind)
		}
		n.join = true
		return nil
	})
}

func uniqueField(m *model.Model, f *model.Field) bool {
	for _, u := range m.Uniques {
		if len(u.Fields) == 1 && u.Fields[0] == f {
			return true
		}
	}
	return false
}

// checkIncludes reports include trees the loader cannot run: a joined
// include under one that is not joined, LimitPer with Join.
func checkIncludes(list []*include, joinable bool) error {
	for _, n := range list {
		if n.join && !joinable {
			return fmt.Errorf("strata: include %q: Join applies to includes of the query's model and of other joined includes; drop Join() (it is loaded by a query of its own)", n.path)
		}
		if err := checkIncludes(n.children, n.join); err != nil {
			return err
		}
	}
	return nil
}
