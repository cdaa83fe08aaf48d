package diagram_test

import (
	"os"
	"strings"
	"testing"

	"github.com/strata-orm/strata/internal/golden"
)

// README.md shows docs/diagram/shop.mmd between its markers; -update
// copies the file there.
func TestReadmeDiagram(t *testing.T) {
	const (
		readme = "../README.md"
		start  = "<!-- diagram: docs/diagram/shop.mmd -->\n"
		end    = "<!-- end of diagram -->\n"
	)
	mmd, err := os.ReadFile("../docs/diagram/shop.mmd")
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	before, rest, ok := strings.Cut(string(text), start)
	_, after, ok2 := strings.Cut(rest, end)
	if !ok || !ok2 {
		t.Fatalf("%s has no %q … %q block", readme, strings.TrimSpace(start), strings.TrimSpace(end))
	}
	want := before + start + "```mermaid\n" + string(mmd) + "```\n" + end + after
	golden.Check(t, readme, []byte(want))
}
