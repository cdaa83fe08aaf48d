package diagram_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/strata-orm/strata/diagram"
)

// The lines of the erDiagram grammar Mermaid writes.
var (
	mmIdent    = `[A-Za-z_][A-Za-z0-9_]*`
	mmComment  = regexp.MustCompile(`^    %% [^\n]*$`)
	mmOpen     = regexp.MustCompile(`^    (` + mmIdent + `) \{$`)
	mmBare     = regexp.MustCompile(`^    (` + mmIdent + `)$`)
	mmAttr     = regexp.MustCompile(`^        [a-z_][a-z0-9_]* ` + mmIdent + `( (PK|FK|UK)(, (PK|FK|UK))*)?( "[^"]*")?$`)
	mmClose    = regexp.MustCompile(`^    \}$`)
	mmRelation = regexp.MustCompile(`^    (` + mmIdent + `) (\|\||\|o|\}o|\}\|)(--|\.\.)(\|\||o\||o\{|\|\{) (` + mmIdent + `) : "[^"]*"$`)
)

// checkMermaid fails unless mermaidProblems finds none.
func checkMermaid(t *testing.T, text string) {
	t.Helper()
	for _, p := range mermaidProblems(text) {
		t.Error(p)
	}
}

// mermaidProblems lists the lines of text that are not the erDiagram
// lines above, in order: the header, entity blocks (closed), then
// relations between declared entities.
func mermaidProblems(text string) []string {
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if !strings.HasSuffix(text, "\n") || lines[0] != "erDiagram" {
		return []string{"not an erDiagram ending in a newline:\n" + text}
	}
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	declared := map[string]bool{}
	inBlock, relations := false, 0
	for i, l := range lines[1:] {
		n := i + 2
		switch {
		case inBlock && mmAttr.MatchString(l):
		case inBlock && mmClose.MatchString(l):
			inBlock = false
		case inBlock:
			bad("line %d in an entity block is not an attribute: %q", n, l)
		case mmComment.MatchString(l):
		case mmOpen.MatchString(l) && relations == 0:
			declared[mmOpen.FindStringSubmatch(l)[1]] = true
			inBlock = true
		case mmBare.MatchString(l) && relations == 0:
			declared[mmBare.FindStringSubmatch(l)[1]] = true
		case mmRelation.MatchString(l):
			relations++
			m := mmRelation.FindStringSubmatch(l)
			for _, e := range []string{m[1], m[5]} {
				if !declared[e] {
					bad("line %d relates %s, which is not declared above", n, e)
				}
			}
		default:
			bad("line %d is not in the erDiagram grammar: %q", n, l)
		}
	}
	if inBlock {
		bad("an entity block is not closed")
	}
	return problems
}

func graphs(t *testing.T) map[string]diagram.Graph {
	return map[string]diagram.Graph{
		"shop":    diagram.FromSchema(shop(t)),
		"fixture": diagram.FromSchema(fixture(t)),
		"models":  modelGraph(),
		"odd":     oddGraph(),
	}
}

// oddGraph has names and types that are no Mermaid identifiers, quotes
// in labels, entities only relations name, and a belongsToMany without a
// join entity.
func oddGraph() diagram.Graph {
	return diagram.Graph{
		Entities: []diagram.Entity{
			{Name: "public.users", Attributes: []diagram.Attribute{{Name: "1st name", Type: "VARCHAR(20) COLLATE \"C\""}, {Name: "tags", Type: "ARRAY(TEXT)"}}},
			{Name: "public_users", Attributes: []diagram.Attribute{{Name: "id", Type: ""}}},
			{Name: "x<y>&\"z\"", Join: true},
			{Name: "class", Attributes: []diagram.Attribute{{Name: "PK", Type: "INTEGER", PK: true}, {Name: "uk", Type: "TEXT"}}},
			{Name: "End"},
		},
		Relations: []diagram.Relation{
			{From: "public.users", To: "public_users", Name: `the "twin"`, Kind: diagram.HasOne},
			{From: "public.users", To: "tags", Name: "Tags", Kind: diagram.BelongsToMany},
			{From: "class", To: "End", Name: "end", Kind: diagram.HasMany},
			{From: "one", To: "many", Name: "to", Kind: diagram.BelongsTo},
			{From: "ghost", To: "public.users", Name: "", Kind: "custom", FromCard: diagram.ZeroOrOne, ToCard: diagram.One},
			{From: "public.users", To: "public.users", Name: "Friends", Kind: diagram.BelongsToMany, Through: "x<y>&\"z\""},
		},
	}
}

func TestMermaidSyntax(t *testing.T) {
	for name, g := range graphs(t) {
		t.Run(name, func(t *testing.T) { checkMermaid(t, diagram.Mermaid(g)) })
	}
}

// The check itself refuses what Mermaid would.
func TestMermaidCheckRefuses(t *testing.T) {
	for _, bad := range []string{
		"erDiagram\n    a-b {\n    }\n",
		"erDiagram\n    a {\n        decimal(10,2) x\n    }\n",
		"erDiagram\n    a {\n        int x\n",
		"erDiagram\n    a\n    a ||--o{ b : \"x\"\n",
		"erDiagram\n    a\n    a ||--{ a : \"x\"\n",
	} {
		if len(mermaidProblems(bad)) == 0 {
			t.Errorf("the check accepts %q", bad)
		}
	}
}

// Graphviz's dot reads every DOT the package writes and renders it.
func TestDOTSyntax(t *testing.T) {
	if _, err := exec.LookPath("dot"); err != nil {
		t.Skip("Graphviz's dot is not installed (apt-get install graphviz): the DOT is not checked")
	}
	for name, g := range graphs(t) {
		t.Run(name, func(t *testing.T) {
			out, err := diagram.Render(context.Background(), diagram.DOT(g), "svg")
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(out), "<svg") {
				t.Fatalf("dot wrote no SVG:\n%.300s", out)
			}
		})
	}
}

// Mermaid's own parser reads every diagram the package writes, when
// STRATA_TEST_MERMAID names a folder where `npm install mermaid@11 jsdom`
// was run (mermaid-cli would need a browser; the parser needs none).
func TestMermaidParser(t *testing.T) {
	dir := os.Getenv("STRATA_TEST_MERMAID")
	node, err := exec.LookPath("node")
	if dir == "" || err != nil {
		t.Skip("STRATA_TEST_MERMAID (a folder with mermaid@11 and jsdom installed by npm) and node are needed to run Mermaid's parser; the structural check (TestMermaidSyntax) runs without them")
	}
	script, err := filepath.Abs("testdata/mermaid_parse.mjs")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	args := []string{script}
	for name, g := range graphs(t) {
		f := filepath.Join(tmp, name+".mmd")
		if err := os.WriteFile(f, []byte(diagram.Mermaid(g)), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, f)
	}
	bad := filepath.Join(tmp, "bad.mmd")
	if err := os.WriteFile(bad, []byte("erDiagram\n    a ||-- b : \"x\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) ([]byte, error) {
		cmd := exec.Command(node, args...)
		cmd.Env = append(os.Environ(), "STRATA_TEST_MERMAID="+dir)
		return cmd.CombinedOutput()
	}
	if out, err := run(args...); err != nil {
		t.Fatalf("Mermaid refuses a diagram: %v\n%s", err, out)
	}
	if out, err := run(script, bad); err == nil {
		t.Fatalf("the parser accepts a broken diagram; is it Mermaid's? %s", out)
	}
}
