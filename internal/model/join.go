package model

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/strata-orm/strata/internal/naming"
	"github.com/strata-orm/strata/schema"
)

// throughModel returns the registered model a Through string names: the
// model whose table it is, else the model with that name as Go or as
// Sequelize writes it ("ProductOrder", "product_order" for ProductOrder,
// as the seed's through: 'product_order' names the product_order model).
// Nil when none does: the string is then the join table's name.
func (res *resolver) throughModel(x string) *Model {
	for _, r := range res.reg.registered {
		if r.Table == x {
			return r
		}
	}
	for _, r := range res.reg.registered {
		if r.Name == x || r.Name == naming.Camel(x) {
			return r
		}
	}
	return nil
}

// nameJoinTables gives every registered model that a belongsToMany uses as
// its join model, and that has no TableName method, the join table's
// conventional name (JoinTableName: ProductOrder → product_orders). A
// model a Through string names by its table keeps that table. It returns
// the function that puts the old names back, for a graph that fails its
// checks (nothing is written to the models then).
func (res *resolver) nameJoinTables(specs map[*Model][]*assocSpec) (undo func()) {
	// ref is the first association that names a join model, for errors.
	type ref struct {
		src   *Model
		label string
	}
	join := map[*Model]ref{}
	pinned := map[*Model]bool{}
	for _, m := range res.reg.registered {
		for _, s := range specs[m] {
			if s.kind != BelongsToMany {
				continue
			}
			var r *Model
			switch x := s.through.(type) {
			case nil:
			case string:
				if r = res.throughModel(x); r != nil && r.Table == x {
					pinned[r] = true
				}
			default:
				if t := targetType(x); t != nil {
					r = res.byType[t]
				}
			}
			if _, seen := join[r]; r != nil && !seen {
				label := s.as
				if t := targetType(s.target); label == "" && t != nil {
					label = s.kind.String() + " " + t.Name()
				}
				join[r] = ref{m, label}
			}
		}
	}
	type old struct {
		table   string
		uniques []string
	}
	saved := map[*Model]old{}
	taken := map[string]*Model{}
	for _, m := range res.reg.registered {
		taken[m.Table] = m
	}
	for _, m := range res.reg.registered {
		by, ok := join[m]
		if !ok || pinned[m] || m.ownTable {
			continue
		}
		table := JoinTableName(m.Name, m.Options)
		if table == m.Table {
			continue
		}
		if other := taken[table]; other != nil {
			res.fail(by.src, by.label, "the join model %s gets the table %s by default, which %s has; give %s a TableName method", m.Name, table, other.Name, m.Name)
			continue
		}
		o := old{table: m.Table}
		for i := range m.Uniques {
			o.uniques = append(o.uniques, m.Uniques[i].Name)
		}
		saved[m] = o
		delete(taken, m.Table)
		taken[table] = m
		m.Table = table
		for i := range m.Uniques {
			m.Uniques[i].Name = schema.UniqueName(table, m.Uniques[i].Columns())
		}
	}
	return func() {
		for m, o := range saved {
			m.Table = o.table
			for i := range m.Uniques {
				m.Uniques[i].Name = o.uniques[i]
			}
		}
	}
}

// joinKey notes the unique key a belongsToMany's join model gets on its
// two foreign keys, as Sequelize adds one to a through table: one join row
// per pair, which is what lets Add be an insert that cannot duplicate a
// row under concurrency. A model whose primary key or one of whose unique
// keys already is that pair (the implicit join model's primary key) needs
// none. The key's columns are in field order.
func (res *resolver) joinKey(thr *Model, fk, other *Field) {
	same := func(fs []*Field) bool {
		return len(fs) == 2 && (fs[0] == fk && fs[1] == other || fs[0] == other && fs[1] == fk)
	}
	if same(thr.PrimaryKey) {
		return
	}
	for _, u := range thr.Uniques {
		if same(u.Fields) {
			return
		}
	}
	for _, u := range res.joinKeys[thr] {
		if same(u.Fields) {
			return
		}
	}
	fields := []*Field{fk, other}
	slices.SortFunc(fields, func(a, b *Field) int { return slices.Index(thr.Fields, a) - slices.Index(thr.Fields, b) })
	u := Unique{Fields: fields}
	u.Name = schema.UniqueName(thr.Table, u.Columns())
	res.joinKeys[thr] = append(res.joinKeys[thr], u)
}

// implicitJoin returns the join model for a belongsToMany through a table
// name that no registered model has: the two keys (together the primary
// key) and timestamps, as Sequelize's implicit through model.
func (res *resolver) implicitJoin(m *Model, label, table string, opts Options, fk string, fkRef *Field, other string, otherRef *Field) *Model {
	if thr, ok := res.implicit[table]; ok {
		for _, c := range []string{fk, other} {
			if _, err := thr.Field(c); err != nil {
				res.fail(m, label, "join table %q has keys %s as declared elsewhere, not %q; make the two sides agree (strata.ForeignKey, strata.OtherKey)", table, strings.Join(thr.ColumnNames()[:2], ", "), c)
				return nil
			}
		}
		return thr
	}
	goName := func(col, fallback string) string {
		n := naming.Camel(col)
		if n == "" || !(n[0] >= 'A' && n[0] <= 'Z') || n == "CreatedAt" || n == "UpdatedAt" {
			return fallback
		}
		return n
	}
	n1, n2 := goName(fk, "Key1"), goName(other, "Key2")
	if n1 == n2 {
		n1, n2 = "Key1", "Key2"
	}
	tag := func(col, more string) reflect.StructTag {
		return reflect.StructTag(fmt.Sprintf("strata:%q", col+more))
	}
	t := reflect.StructOf([]reflect.StructField{
		{Name: n1, Type: derefType(fkRef.Type), Tag: tag(fk, ",pk")},
		{Name: n2, Type: derefType(otherRef.Type), Tag: tag(other, ",pk")},
		{Name: "CreatedAt", Type: reflect.TypeFor[time.Time](), Tag: tag(ColumnName("CreatedAt", opts), "")},
		{Name: "UpdatedAt", Type: reflect.TypeFor[time.Time](), Tag: tag(ColumnName("UpdatedAt", opts), "")},
	})
	thr, err := build(t, naming.Camel(table), table, false)
	if err != nil {
		res.fail(m, label, "join table %q: %v", table, err)
		return nil
	}
	thr.Options = opts
	thr.Implicit = true
	res.implicit[table] = thr
	res.newModels = append(res.newModels, thr)
	return thr
}
