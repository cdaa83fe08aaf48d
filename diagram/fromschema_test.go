package diagram_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/strata-orm/strata/diagram"
)

func TestFromSchemaShop(t *testing.T) {
	g := diagram.FromSchema(shop(t))
	var names []string
	join := map[string]bool{}
	for _, e := range g.Entities {
		names = append(names, e.Name)
		join[e.Name] = e.Join
	}
	if diff := cmp.Diff(names, []string{"orders", "product_orders", "products", "users"}); diff != "" {
		t.Errorf("entities (-got +want):\n%s", diff)
	}
	if !join["product_orders"] || join["orders"] {
		t.Errorf("join entities: %v; want product_orders only", join)
	}
	want := []diagram.Relation{
		{From: "orders", To: "users", Name: "user", Kind: diagram.BelongsTo, FromCard: diagram.Many, ToCard: diagram.ZeroOrOne, ForeignKey: "userId"},
		{From: "products", To: "orders", Name: "orders", Kind: diagram.BelongsToMany, FromCard: diagram.Many, ToCard: diagram.Many,
			Through: "product_orders", ForeignKey: "productId", OtherKey: "orderId"},
		{From: "orders", To: "products", Name: "products", Kind: diagram.BelongsToMany, FromCard: diagram.Many, ToCard: diagram.Many,
			Through: "product_orders", ForeignKey: "orderId", OtherKey: "productId"},
	}
	if diff := cmp.Diff(g.Relations, want); diff != "" {
		t.Errorf("relations (-got +want):\n%s", diff)
	}
	users := g.Entities[3]
	if diff := cmp.Diff(users.Attributes[:4], []diagram.Attribute{
		{Name: "id", Type: "INTEGER", PK: true, NotNull: true},
		{Name: "firstName", Type: "STRING(255)"},
		{Name: "lastName", Type: "STRING(255)"},
		{Name: "email", Type: "STRING(255)", Unique: true, NotNull: true},
	}); diff != "" {
		t.Errorf("users' attributes (-got +want):\n%s", diff)
	}
}

// The fixture's relations: what each foreign key becomes.
func TestFromSchemaFixture(t *testing.T) {
	g := diagram.FromSchema(fixture(t))
	type rel struct {
		From, To, Name, Kind string
		FromCard, ToCard     diagram.Cardinality
	}
	got := map[string]rel{}
	for _, r := range g.Relations {
		got[r.From+"."+r.Name] = rel{r.From, r.To, r.Name, r.Kind, r.FromCard, r.ToCard}
	}
	want := map[string]rel{
		// self-reference, nullable: an employee has at most one manager
		"employees.manager": {"employees", "employees", "manager", diagram.BelongsTo, diagram.Many, diagram.ZeroOrOne},
		// unique key column: one-to-one
		"profiles.user": {"profiles", "users", "user", diagram.BelongsTo, diagram.ZeroOrOne, diagram.One},
		// a join table with values of its own: many-to-many each way
		"students.courses": {"students", "courses", "courses", diagram.BelongsToMany, diagram.Many, diagram.Many},
		"courses.students": {"courses", "students", "students", diagram.BelongsToMany, diagram.Many, diagram.Many},
		// two foreign keys and a body: no join table
		"messages.sender":    {"messages", "users", "sender", diagram.BelongsTo, diagram.Many, diagram.One},
		"messages.recipient": {"messages", "users", "recipient", diagram.BelongsTo, diagram.Many, diagram.One},
		// composite foreign key, named after the table it references
		"grades_log.enrollments": {"grades_log", "enrollments", "enrollments", diagram.BelongsTo, diagram.Many, diagram.One},
		"audit log.user id":      {"audit log", "users", "user id", diagram.BelongsTo, diagram.Many, diagram.ZeroOrOne},
	}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("relations (-got +want):\n%s", diff)
	}
	for _, e := range g.Entities {
		if e.Join != (e.Name == "enrollments") {
			t.Errorf("%s: Join = %t", e.Name, e.Join)
		}
	}
}

// The two sides of an association (and of a belongsToMany) are one line,
// labelled with both names; a cardinality the sides disagree on is the
// looser one.
func TestMermaidMergesInverses(t *testing.T) {
	got := diagram.Mermaid(modelGraph())
	for _, line := range []string{
		`    User |o--o{ Order : "Orders / User"`,
		`    Order ||--o{ ProductOrder : "Orders / Products"`,
		`    Product ||--o{ ProductOrder : "Orders / Products"`,
		`    %% ProductOrder: join table of Order.Products, Product.Orders (belongsToMany)`,
	} {
		if !containsLine(got, line) {
			t.Errorf("no line %q in\n%s", line, got)
		}
	}
	if n := countLines(got, "--"); n != 3 {
		t.Errorf("%d relation lines, want 3:\n%s", n, got)
	}
}

// A relation without a foreign key is a line of its own; the kind gives
// the cardinalities left empty.
func TestMermaidDefaults(t *testing.T) {
	g := diagram.Graph{Relations: []diagram.Relation{
		{From: "A", To: "B", Name: "B", Kind: diagram.HasOne},
		{From: "A", To: "B", Name: "Bs", Kind: diagram.HasMany},
		{From: "B", To: "A", Name: "A", Kind: diagram.BelongsTo},
		{From: "A", To: "C", Name: "Cs", Kind: diagram.BelongsToMany},
		{From: "C", To: "D", Name: "D", Kind: diagram.HasOne, FromCard: "1", ToCard: "several"},
	}}
	want := "erDiagram\n    A\n    B\n    C\n    D\n" +
		"    A ||--o{ B : \"A\"\n" +
		"    A ||--o| B : \"B\"\n" +
		"    A ||--o{ B : \"Bs\"\n" +
		"    A }o--o{ C : \"Cs\"\n" +
		"    C ||--o| D : \"D\"\n"
	if diff := cmp.Diff(diagram.Mermaid(g), want); diff != "" {
		t.Errorf("(-got +want):\n%s", diff)
	}
}

// The output does not depend on the order of the graph's slices.
func TestDeterministic(t *testing.T) {
	g := modelGraph()
	r := diagram.Graph{}
	for i := len(g.Entities) - 1; i >= 0; i-- {
		r.Entities = append(r.Entities, g.Entities[i])
	}
	for i := len(g.Relations) - 1; i >= 0; i-- {
		r.Relations = append(r.Relations, g.Relations[i])
	}
	if diff := cmp.Diff(diagram.Mermaid(r), diagram.Mermaid(g)); diff != "" {
		t.Errorf("Mermaid (-reversed +given):\n%s", diff)
	}
	if diff := cmp.Diff(diagram.DOT(r), diagram.DOT(g)); diff != "" {
		t.Errorf("DOT (-reversed +given):\n%s", diff)
	}
}

func containsLine(text, line string) bool {
	for _, l := range strings.Split(text, "\n") {
		if l == line {
			return true
		}
	}
	return false
}

func countLines(text, sub string) int {
	n := 0
	for _, l := range strings.Split(text, "\n") {
		if len(l) > 4 && l[4] != '%' && strings.Contains(l, sub) {
			n++
		}
	}
	return n
}
