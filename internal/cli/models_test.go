package cli

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestReadModelsPackage: the models the build links when the package has
// no All are the package's models, and only them: a base struct other
// models embed is not a table, a model whose ID comes from that base is
// one, and a file the Go build leaves out (a build constraint, another
// GOOS) declares nothing the build can name.
func TestReadModelsPackage(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"models.go": "// Package models.\npackage models\n",
		"base.go": `package models

import "time"

// Base is what every model embeds.
type Base struct {
	ID        int
	CreatedAt time.Time
}
`,
		"user.go": `package models

// User embeds its key.
type User struct {
	Base
	Name string
}

// Page is a helper, not a model.
type Page struct{ Limit, Offset int }

// List is generic, not a model.
type List[T any] struct{ ID int; Items []T }
`,
		"order.go": `package models

// All is not the list of models: it takes an argument.
func All(active bool) []Order { return nil }

// Order has its own key.
type Order struct {
	ID     int
	UserID int
}
`,
		"legacy.go": `//go:build ignore

package models

// Old is left out of the build.
type Old struct{ ID int }
`,
		"win_windows.go": `package models

// Win is built on Windows only.
type Win struct{ ID int }
`,
	}
	for n, src := range files {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p := readModelsPackage(dir)
	if p == nil || p.all {
		t.Fatalf("readModelsPackage: %+v", p)
	}
	if want := []string{"Order", "User"}; !slices.Equal(p.types, want) {
		t.Errorf("models linked: %v, want %v", p.types, want)
	}
}
