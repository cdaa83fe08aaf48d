package cli

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
)

// probe is a program in the generated project: it creates a Widget with
// only its email set, as a new user would, and prints the row strata read
// back as JSON.
const probe = `package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialect/connect"

	"example.com/app/models"
)

func main() {
	sqlDB, d, err := connect.Open(os.Args[1])
	if err != nil {
		panic(err)
	}
	db, err := strata.New(sqlDB, d, strata.WithModels(models.Widget{}))
	if err != nil {
		panic(err)
	}
	w := models.Widget{Email: "ann@example.com"}
	if err := strata.Create(context.Background(), db, &w); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	got, err := strata.Find[models.Widget](db).ByPK(context.Background(), w.ID)
	if err != nil {
		panic(err)
	}
	json.NewEncoder(os.Stdout).Encode([]any{w, got})
}
`

// TestGeneratedModelCreatesWithFieldsLeftOut is issue 12's defect 1: the
// model model:generate writes is created with only its NOT NULL column
// set, on every dialect, and each column left out takes its default.
func TestGeneratedModelCreatesWithFieldsLeftOut(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a project: skipped with -short")
	}
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		p := newProject(t)
		url := tg.URL
		var db []string
		if tg.Dialect.Name() == "sqlite" {
			url = "sqlite:" + filepath.Join(p.dir, "db", "development.sqlite3")
		} else {
			db = []string{"--url", tg.URL}
		}
		p.ok("init")
		p.ok("model:generate", "--name", "widget", "--attributes",
			"email:string!:unique,role:enum:{admin,'guest user'},price:decimal(10,2):default=0,uid:uuid:default=uuidv4,seenAt:date:default=now")
		p.ok(append([]string{"db:migrate"}, db...)...)
		p.write("probe/main.go", strings.Replace(probe, "example.com/app", modulePath(t, p), 1))
		cmd := exec.Command("go", "run", "./probe", url)
		cmd.Dir = p.dir
		out, err := cmd.Output()
		if err != nil {
			var stderr string
			if ee, ok := err.(*exec.ExitError); ok {
				stderr = string(ee.Stderr)
			}
			t.Fatalf("create a generated Widget with only its email: %v\n%s", err, stderr)
		}
		type widget struct {
			ID     int
			Email  string
			Role   *string
			Price  *string
			UID    *string
			SeenAt *string
		}
		var rows []widget
		if err := json.Unmarshal(out, &rows); err != nil || len(rows) != 2 {
			t.Fatalf("probe printed %s (%v)", out, err)
		}
		for i, w := range rows {
			what := []string{"after Create", "read back"}[i]
			switch {
			case w.Role != nil:
				t.Errorf("%s: role %q, want null", what, *w.Role)
			case w.Price == nil || (*w.Price != "0.00" && *w.Price != "0"):
				t.Errorf("%s: price %v, want the default 0.00", what, w.Price)
			case w.UID == nil || len(*w.UID) != 36:
				t.Errorf("%s: uid %v, want a generated UUID", what, w.UID)
			case w.SeenAt == nil || strings.HasPrefix(*w.SeenAt, "0001-"):
				t.Errorf("%s: seenAt %v, want the time of the insert", what, w.SeenAt)
			}
		}
		if a, b := rows[0], rows[1]; a.UID != nil && b.UID != nil && a.SeenAt != nil && b.SeenAt != nil && (*a.UID != *b.UID || *a.SeenAt != *b.SeenAt) {
			t.Errorf("the values read back after Create differ from the row: %+v", rows)
		}
	})
}

// modulePath is the module path strata init gave the project.
func modulePath(t *testing.T, p *project) string {
	t.Helper()
	for _, line := range strings.Split(p.read("go.mod"), "\n") {
		if m, ok := strings.CutPrefix(line, "module "); ok {
			return strings.TrimSpace(m)
		}
	}
	t.Fatal("no module line in go.mod")
	return ""
}
