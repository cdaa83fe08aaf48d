package drift

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/schema"
)

// models is the registered models as the comparisons need them: the
// schema they want and who uses each foreign-key column.
type models struct {
	reg    *model.Registry
	schema *schema.Database
	// byTable is the model of each table (join models included).
	byTable map[string]*model.Model
	// users names, for "table.column", the associations that use the
	// column as a foreign key ("Order.User"), constraint or not.
	users map[string][]string
}

// loadModels registers and resolves the models and derives their schema.
func loadModels(vals []any) (*models, error) {
	reg := model.NewRegistry()
	if err := reg.Register(vals...); err != nil {
		return nil, fmt.Errorf("drift: %w", err)
	}
	if err := reg.Resolve(); err != nil {
		return nil, fmt.Errorf("drift: %w", err)
	}
	out := &models{reg: reg, schema: &schema.Database{}, byTable: map[string]*model.Model{}}
	for _, m := range reg.Models() {
		t, err := m.Schema()
		if err != nil {
			return nil, fmt.Errorf("drift: model %s: %w", m.Name, err)
		}
		out.schema.Tables = append(out.schema.Tables, t)
		out.byTable[m.Table] = m
	}
	out.users = model.ForeignKeyUsers(reg.Models())
	return out, nil
}

// association names the associations that use table.col as a foreign key
// (col "": the belongsToMany associations that go through table).
func (m *models) association(table, col string) string {
	return strings.Join(m.users[table+"."+col], ", ")
}

// modelOf names the model of a table, "" when none maps it.
func (m *models) modelOf(table string) string {
	if mm := m.byTable[table]; mm != nil {
		return mm.Name
	}
	return ""
}

// unknownForeignKeys are the single-column foreign keys of db's tables
// that models map which no association uses: the models are behind.
func (m *models) unknownForeignKeys(db *schema.Database, skip func(string) bool) []Difference {
	var out []Difference
	for _, t := range db.Tables {
		mm := m.byTable[t.Name]
		if mm == nil || skip(t.Name) {
			continue
		}
		for _, fk := range t.ForeignKeys {
			if len(fk.Columns) != 1 || len(m.users[t.Name+"."+fk.Columns[0]]) > 0 {
				continue
			}
			target := m.modelOf(fk.RefTable)
			fix := fmt.Sprintf("declare the association in %s's Associate method, a.BelongsTo(%s{}, strata.ForeignKey(%q)), with a field %s *%s to hold it", mm.Name, orTable(target, fk.RefTable), fk.Columns[0], target, target)
			if target == "" {
				fix = fmt.Sprintf("add a model for table %s (strata model:import --tables %s), then declare a.BelongsTo on %s", fk.RefTable, fk.RefTable, mm.Name)
			}
			out = append(out, Difference{
				Kind: KindUnknownForeignKey, Table: t.Name, Name: fk.Columns[0], Behind: SideModels,
				Message: fmt.Sprintf("the foreign key %s.%s → %s has no association in model %s", t.Name, fk.Columns[0], fk.RefTable, mm.Name),
				Fix:     fix,
			})
		}
	}
	return out
}

// unmapped words the tables no model maps: a join table (two foreign
// keys) a belongsToMany does not know, or a table without a model.
func (m *models) unmapped(db *schema.Database, tables []string) []Difference {
	var out []Difference
	sort.Strings(tables)
	for _, name := range tables {
		t := db.Table(name)
		if t == nil {
			continue
		}
		var refs []string
		keys := map[string]bool{}
		for _, fk := range t.ForeignKeys {
			if len(fk.Columns) == 1 {
				refs = append(refs, fk.RefTable)
				keys[fk.Columns[0]] = true
			}
		}
		d := Difference{Table: name, Behind: SideModels}
		if len(refs) == 2 && joinsOnly(t, keys) {
			a, b := orTable(m.modelOf(refs[0]), refs[0]), orTable(m.modelOf(refs[1]), refs[1])
			d.Kind = KindUnknownJoinTable
			d.Message = fmt.Sprintf("table %s joins %s and %s, and no belongsToMany goes through it", name, refs[0], refs[1])
			d.Fix = fmt.Sprintf("declare a.BelongsToMany(%s{}, strata.Through(%q)) on %s, with a field of type []%s to hold them, and the inverse on %s (or a join model: strata model:import --tables %s); or drop the table in a migration (migration:generate --auto --drop-tables)", b, name, a, b, b, name)
		} else {
			d.Kind = KindTableWithoutModel
			d.Message = fmt.Sprintf("table %s has no model", name)
			d.Fix = fmt.Sprintf("add one (strata model:import --tables %s), or drop the table in a migration (migration:generate --auto --drop-tables)", name)
		}
		out = append(out, d)
	}
	return out
}

// joinsOnly reports whether a table holds nothing but its two keys (and a
// surrogate primary key or timestamps): a join table, not an entity that
// points at two others.
func joinsOnly(t *schema.Table, keys map[string]bool) bool {
	for _, c := range t.Columns {
		switch {
		case keys[c.Name], c.AutoIncrement:
		case strings.EqualFold(strings.ReplaceAll(c.Name, "_", ""), "createdat"), strings.EqualFold(strings.ReplaceAll(c.Name, "_", ""), "updatedat"):
		default:
			return false
		}
	}
	return true
}

func orTable(model, table string) string {
	if model != "" {
		return model
	}
	return table
}

// acceptOnUpdate returns want with the ON UPDATE of each foreign key set
// to have's where have holds the same key with the same ON DELETE, and
// says where it did. Migrations written for Sequelize leave onUpdate out
// (NO ACTION) where its associations default to CASCADE, and strata never
// writes a key a foreign key points at without the application asking:
// the difference is a note, not drift, as it is for strata.CheckSchema.
func acceptOnUpdate(have, want *schema.Database) (*schema.Database, []string) {
	out := want.Clone()
	var notes []string
	for i := range out.Tables {
		wt := &out.Tables[i]
		ht := have.Table(wt.Name)
		if ht == nil {
			continue
		}
		for j := range wt.ForeignKeys {
			fk := &wt.ForeignKeys[j]
			for _, h := range ht.ForeignKeys {
				if slices.Equal(h.Columns, fk.Columns) && h.RefTable == fk.RefTable && slices.Equal(h.RefColumns, fk.RefColumns) &&
					h.OnDelete == fk.OnDelete && h.OnUpdate != fk.OnUpdate {
					notes = append(notes, fmt.Sprintf("the foreign key %s.%s is ON UPDATE %s where the association asks for %s; kept (strata never changes a key that is pointed at)", wt.Name, strings.Join(fk.Columns, ","), orNone(string(h.OnUpdate)), fk.OnUpdate))
					fk.OnUpdate = h.OnUpdate
				}
			}
		}
	}
	return out, notes
}
