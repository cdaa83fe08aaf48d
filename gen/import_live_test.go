package gen

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/internal/testshop"
	"github.com/strata-orm/strata/schema"
)

// importMain registers the imported models, checks them against the
// database they came from and prints what Include loads, one line per row.
const importMain = `package main

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialect/connect"

	"importcheck/models"
)

func num(p *int) string {
	if p == nil {
		return "-"
	}
	return fmt.Sprint(*p)
}

func ids[T any](rows []T, id func(T) int) string {
	var out []string
	for _, r := range rows {
		out = append(out, fmt.Sprint(id(r)))
	}
	slices.Sort(out)
	return strings.Join(out, ",")
}

func fail(what string, err error) {
	fmt.Fprintf(os.Stderr, "%s: %v\n", what, err)
	os.Exit(1)
}

func main() {
	ctx := context.Background()
	sqlDB, d, err := connect.Open(os.Args[1])
	if err != nil {
		fail("open", err)
	}
	db, err := strata.New(sqlDB, d, strata.WithModels(models.All()...))
	if err != nil {
		fail("register", err)
	}
	if err := db.SchemaReport(ctx); err != nil {
		fail("schema report", err)
	}
	if len(os.Args) > 2 {
		// Create the models' tables in the second database.
		sqlDB2, d2, err := connect.Open(os.Args[2])
		if err != nil {
			fail("open the second database", err)
		}
		db2, err := strata.New(sqlDB2, d2, strata.WithModels(models.All()...))
		if err != nil {
			fail("register on the second database", err)
		}
		if err := db2.Sync(ctx); err != nil {
			fail("sync", err)
		}
	}
	orders, err := strata.Find[models.Order](db).Include("User").Include("ProductOrders").Order("id").All(ctx)
	if err != nil {
		fail("orders", err)
	}
	for _, o := range orders {
		u := "-"
		if o.User != nil {
			u = fmt.Sprint(o.User.ID)
		}
		fmt.Printf("order %d user %s lines %s\n", o.ID, u, ids(o.ProductOrders, func(p models.ProductOrder) int { return p.ID }))
	}
	users, err := strata.Find[models.User](db).Include("Orders").Order("id").All(ctx)
	if err != nil {
		fail("users", err)
	}
	for _, u := range users {
		fmt.Printf("user %d orders %s\n", u.ID, ids(u.Orders, func(o models.Order) int { return o.ID }))
	}
	films, err := strata.Find[models.Film](db).Include("Actors").Order("film_id").All(ctx)
	if err != nil {
		fail("films", err)
	}
	for _, f := range films {
		var as []string
		for _, a := range f.Actors {
			role := "-"
			if a.FilmActor != nil && a.FilmActor.Role != nil {
				role = *a.FilmActor.Role
			}
			as = append(as, fmt.Sprintf("%d:%s", a.ActorID, role))
		}
		slices.Sort(as)
		fmt.Printf("film %d actors %s\n", f.FilmID, strings.Join(as, ","))
	}
	actors, err := strata.Find[models.Actor](db).Include("Films").Order("actor_id").All(ctx)
	if err != nil {
		fail("actors", err)
	}
	for _, a := range actors {
		fmt.Printf("actor %d films %s\n", a.ActorID, ids(a.Films, func(f models.Film) int { return f.FilmID }))
	}
	emps, err := strata.Find[models.Employee](db).Include("ReportsToEmployee").Include("Employees").Include("Passport").Order("id").All(ctx)
	if err != nil {
		fail("employees", err)
	}
	for _, e := range emps {
		m, p := "-", "-"
		if e.ReportsToEmployee != nil {
			m = fmt.Sprint(e.ReportsToEmployee.ID)
		}
		if e.Passport != nil {
			p = e.Passport.Number
		}
		fmt.Printf("employee %d manager %s reports %s passport %s\n", e.ID, m, ids(e.Employees, func(r models.Employee) int { return r.ID }), p)
	}
	friends, err := strata.Find[models.Employee](db).Include("Friends").Include("FriendEmployees").Order("id").All(ctx)
	if err != nil {
		fail("friends", err)
	}
	for _, e := range friends {
		fmt.Printf("employee %d friends %s of %s\n", e.ID, ids(e.Friends, func(r models.Employee) int { return r.ID }), ids(e.FriendEmployees, func(r models.Employee) int { return r.ID }))
	}
	msgs, err := strata.Find[models.Message](db).Include("Sender").Include("Recipient").Order("id").All(ctx)
	if err != nil {
		fail("messages", err)
	}
	for _, m := range msgs {
		r := "-"
		if m.Recipient != nil {
			r = fmt.Sprint(m.Recipient.ID)
		}
		fmt.Printf("message %d sender %d recipient %s\n", m.ID, m.Sender.ID, r)
	}
}
`

// importRows are the rows the live test loads.
func importRows() []ddl.Op {
	at := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	ts := func(r ddl.Row) ddl.Row { r["createdAt"], r["updatedAt"] = at, at; return r }
	us := func(r ddl.Row) ddl.Row { r["created_at"], r["updated_at"] = at, at; return r }
	return []ddl.Op{
		ddl.BulkInsert("users", ts(ddl.Row{"id": 1, "email": "a@x"}), ts(ddl.Row{"id": 2, "email": "b@x"})),
		ddl.BulkInsert("orders", ts(ddl.Row{"id": 1, "userId": 1}), ts(ddl.Row{"id": 2, "userId": 1}), ts(ddl.Row{"id": 3})),
		ddl.BulkInsert("products", ts(ddl.Row{"id": 1, "name": "p"}), ts(ddl.Row{"id": 2, "name": "q"})),
		ddl.BulkInsert("product_orders", ts(ddl.Row{"id": 1, "productId": 1, "orderId": 1}), ts(ddl.Row{"id": 2, "productId": 2, "orderId": 1}), ts(ddl.Row{"id": 3, "productId": 1, "orderId": 2})),
		ddl.BulkInsert("employees", us(ddl.Row{"id": 1, "name": "boss"})),
		ddl.BulkInsert("employees", us(ddl.Row{"id": 2, "name": "ann", "reports_to": 1}), us(ddl.Row{"id": 3, "name": "bob", "reports_to": 1})),
		ddl.BulkInsert("employees", us(ddl.Row{"id": 4, "name": "cy", "reports_to": 2})),
		ddl.BulkInsert("friendships", ddl.Row{"employee_id": 1, "friend_id": 2}, ddl.Row{"employee_id": 1, "friend_id": 3}, ddl.Row{"employee_id": 3, "friend_id": 1}),
		ddl.BulkInsert("passports", ddl.Row{"id": 1, "employee_id": 2, "number": "P00000002"}),
		ddl.BulkInsert("messages", ddl.Row{"id": 1, "sender_id": 2, "recipient_id": 1}, ddl.Row{"id": 2, "sender_id": 1}),
		ddl.BulkInsert("actors", ddl.Row{"actor_id": 1, "first_name": "a", "last_name": "a"}, ddl.Row{"actor_id": 2, "first_name": "b", "last_name": "b"}, ddl.Row{"actor_id": 3, "first_name": "c", "last_name": "c"}),
		ddl.BulkInsert("films", ddl.Row{"film_id": 1, "title": "one"}, ddl.Row{"film_id": 2, "title": "two"}, ddl.Row{"film_id": 3, "title": "three"}),
		ddl.BulkInsert("film_actor", ddl.Row{"actor_id": 1, "film_id": 1, "role": "lead"}, ddl.Row{"actor_id": 2, "film_id": 1}, ddl.Row{"actor_id": 1, "film_id": 2, "role": "cameo"}),
	}
}

// expectedLines is what the program must print, read with hand-written SQL.
func expectedLines(t *testing.T, ctx context.Context, tg *dialecttest.Target) string {
	q := tg.Dialect.Quote
	rows := func(query string) [][]string {
		t.Helper()
		rs, err := tg.DB.QueryContext(ctx, query)
		if err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		defer rs.Close()
		var out [][]string
		for rs.Next() {
			var a, b, c *string
			if err := rs.Scan(&a, &b, &c); err != nil {
				t.Fatal(err)
			}
			row := []string{}
			for _, s := range []*string{a, b, c} {
				if s == nil {
					row = append(row, "-")
				} else {
					row = append(row, strings.TrimSpace(*s))
				}
			}
			out = append(out, row)
		}
		if err := rs.Err(); err != nil {
			t.Fatal(err)
		}
		return out
	}
	// group lists the second column's values of each first-column value,
	// comma-separated and sorted as strings (the program sorts them so).
	group := func(query string) ([]string, map[string][]string) {
		var keys []string
		by := map[string][]string{}
		for _, r := range rows(query) {
			if _, ok := by[r[0]]; !ok {
				keys = append(keys, r[0])
				by[r[0]] = nil
			}
			if r[1] != "-" {
				by[r[0]] = append(by[r[0]], r[1])
			}
		}
		for k := range by {
			slices.Sort(by[k])
		}
		return keys, by
	}
	var b strings.Builder
	lines, byOrder := group(fmt.Sprintf("SELECT CAST(o.id AS CHAR(10)), CAST(l.id AS CHAR(10)), NULL FROM orders o LEFT JOIN product_orders l ON l.%s = o.id ORDER BY o.id", q("orderId")))
	users := map[string]string{}
	for _, r := range rows(fmt.Sprintf("SELECT CAST(o.id AS CHAR(10)), CAST(u.id AS CHAR(10)), NULL FROM orders o LEFT JOIN users u ON u.id = o.%s", q("userId"))) {
		users[r[0]] = r[1]
	}
	for _, o := range lines {
		fmt.Fprintf(&b, "order %s user %s lines %s\n", o, users[o], strings.Join(byOrder[o], ","))
	}
	keys, by := group(fmt.Sprintf("SELECT CAST(u.id AS CHAR(10)), CAST(o.id AS CHAR(10)), NULL FROM users u LEFT JOIN orders o ON o.%s = u.id ORDER BY u.id", q("userId")))
	for _, k := range keys {
		fmt.Fprintf(&b, "user %s orders %s\n", k, strings.Join(by[k], ","))
	}
	keys, by = group("SELECT CAST(f.film_id AS CHAR(10)), " + concat(tg.Dialect.Name(), "CAST(fa.actor_id AS CHAR(10))", "':'", "COALESCE(fa.role, '-')") + ", NULL FROM films f LEFT JOIN film_actor fa ON fa.film_id = f.film_id ORDER BY f.film_id")
	for _, k := range keys {
		fmt.Fprintf(&b, "film %s actors %s\n", k, strings.Join(by[k], ","))
	}
	keys, by = group("SELECT CAST(a.actor_id AS CHAR(10)), CAST(fa.film_id AS CHAR(10)), NULL FROM actors a LEFT JOIN film_actor fa ON fa.actor_id = a.actor_id ORDER BY a.actor_id")
	for _, k := range keys {
		fmt.Fprintf(&b, "actor %s films %s\n", k, strings.Join(by[k], ","))
	}
	keys, by = group("SELECT CAST(e.id AS CHAR(10)), CAST(r.id AS CHAR(10)), NULL FROM employees e LEFT JOIN employees r ON r.reports_to = e.id ORDER BY e.id")
	info := map[string][]string{}
	for _, r := range rows("SELECT CAST(e.id AS CHAR(10)), CAST(e.reports_to AS CHAR(10)), p.number FROM employees e LEFT JOIN passports p ON p.employee_id = e.id") {
		info[r[0]] = r[1:]
	}
	for _, k := range keys {
		fmt.Fprintf(&b, "employee %s manager %s reports %s passport %s\n", k, info[k][0], strings.Join(by[k], ","), info[k][1])
	}
	keys, by = group("SELECT CAST(e.id AS CHAR(10)), CAST(f.friend_id AS CHAR(10)), NULL FROM employees e LEFT JOIN friendships f ON f.employee_id = e.id ORDER BY e.id")
	_, of := group("SELECT CAST(e.id AS CHAR(10)), CAST(f.employee_id AS CHAR(10)), NULL FROM employees e LEFT JOIN friendships f ON f.friend_id = e.id ORDER BY e.id")
	for _, k := range keys {
		fmt.Fprintf(&b, "employee %s friends %s of %s\n", k, strings.Join(by[k], ","), strings.Join(of[k], ","))
	}
	for _, r := range rows("SELECT CAST(id AS CHAR(10)), CAST(sender_id AS CHAR(10)), CAST(recipient_id AS CHAR(10)) FROM messages ORDER BY id") {
		fmt.Fprintf(&b, "message %s sender %s recipient %s\n", r[0], r[1], r[2])
	}
	return b.String()
}

// serverURL is the server the dialect's tests use.
func serverURL(d string) string {
	for _, s := range dbtest.Servers() {
		if s.Dialect.Name() == d {
			return s.URL
		}
	}
	return ""
}

// comparable keeps of db what the models declare: columns, primary keys,
// unique keys and foreign keys, without the names strata derives for
// constraints (the database's may differ), nor indexes (models declare
// none yet).
func comparable(db *schema.Database) *schema.Database {
	out := db.Clone()
	for i := range out.Tables {
		t := &out.Tables[i]
		t.Indexes, t.PrimaryKeyName = nil, ""
		for j := range t.Uniques {
			t.Uniques[j].Name = ""
			slices.Sort(t.Uniques[j].Columns)
		}
		slices.SortFunc(t.Uniques, func(a, b schema.Unique) int {
			return strings.Compare(strings.Join(a.Columns, ","), strings.Join(b.Columns, ","))
		})
		for j := range t.ForeignKeys {
			t.ForeignKeys[j].Name = ""
		}
		slices.SortFunc(t.ForeignKeys, func(a, b schema.ForeignKey) int {
			return strings.Compare(strings.Join(a.Columns, ","), strings.Join(b.Columns, ","))
		})
	}
	return out
}

// concat joins SQL expressions as the dialect spells it.
func concat(d string, parts ...string) string {
	if d == "mysql" {
		return "CONCAT(" + strings.Join(parts, ", ") + ")"
	}
	return strings.Join(parts, " || ")
}

// TestImportModelsLive imports the shop and the fixture from each
// database, builds a program with the models and runs it: the models
// register, SchemaReport finds nothing, and Include loads what
// hand-written SQL reads.
func TestImportModelsLive(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program per dialect")
	}
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		cur := &schema.Database{}
		for _, op := range append(append(testshop.Ops(), importFixture(tg.Dialect.Name())...), importRows()...) {
			stmts, err := tg.Dialect.Render(op, cur)
			if err != nil {
				t.Fatalf("%s: %v", op, err)
			}
			if err := dialect.ExecAll(ctx, tg.DB, tg.Dialect, stmts); err != nil {
				t.Fatalf("%s: %v", op, err)
			}
			if err := op.Apply(cur); err != nil {
				t.Fatal(err)
			}
		}
		live, err := tg.Dialect.Inspect(ctx, tg.DB)
		if err != nil {
			t.Fatal(err)
		}
		files, rep, err := ImportModels(live, ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range rep.Warnings {
			t.Logf("warning: %s", w)
		}
		src := map[string][]byte{"main.go": []byte(importMain)}
		for name, b := range files {
			src["models/"+name] = b
		}
		dir := testModule(t, "importcheck", src)
		bin := filepath.Join(dir, "importcheck")
		runGo(t, ctx, dir, "build", "-o", bin, ".")
		synced := dialecttest.Fresh(t, tg.Dialect, serverURL(tg.Dialect.Name()))
		run := exec.CommandContext(ctx, bin, tg.URL, synced.URL)
		var stderr strings.Builder
		run.Stderr = &stderr
		out, err := run.Output()
		if err != nil {
			t.Fatalf("the program with the imported models: %v\n%s", err, stderr.String())
		}
		if want := expectedLines(t, ctx, tg); string(out) != want {
			t.Errorf("Include loads\n%s\nhand-written SQL reads\n%s", out, want)
		}
		// The tables Sync makes from the models are the imported ones.
		made, err := tg.Dialect.Inspect(ctx, synced.DB)
		if err != nil {
			t.Fatal(err)
		}
		want, got := comparable(tg.Dialect.Canonical(live)), comparable(tg.Dialect.Canonical(made))
		if diff := cmp.Diff(got, want); diff != "" {
			t.Errorf("the tables of the imported models differ from the database they came from (-synced +imported):\n%s", diff)
		}
	})
}
