package cli

import (
	"context"
	"fmt"
	"os"
	"slices"

	"github.com/strata-orm/strata/diagram"
	"github.com/strata-orm/strata/drift"
)

// db:diagram draws the models (or, with --from-db, the live database) as
// an ER diagram: Mermaid, Graphviz DOT, or SVG/PNG through Graphviz's dot.

// diagramNeedsModels: the diagram of the models needs them linked in.
func diagramNeedsModels(r *run) bool { return !r.flags.bool("from-db") }

func runDBDiagram(ctx context.Context, r *run) error {
	format := r.flags.str("format")
	if format == "" {
		format = "mermaid"
	}
	if !slices.Contains([]string{"mermaid", "dot", "svg", "png"}, format) {
		return fmt.Errorf("--format %q is not one of mermaid, dot, svg or png", format)
	}
	var g diagram.Graph
	if r.flags.bool("from-db") {
		p, db, err := r.project(ctx, false, false)
		if err != nil {
			return err
		}
		defer db.Close()
		live, err := p.Dialect.Inspect(ctx, db, p.StateTables...)
		if err != nil {
			return err
		}
		g = diagram.FromSchema(live)
	} else {
		ms, err := r.linkedModels()
		if err != nil {
			return err
		}
		if g, err = drift.ModelGraph(ms); err != nil {
			return err
		}
	}
	var out []byte
	switch format {
	case "mermaid":
		out = []byte(diagram.Mermaid(g))
	case "dot":
		out = []byte(diagram.DOT(g))
	default:
		var err error
		if out, err = diagram.Render(ctx, diagram.DOT(g), format); err != nil {
			return err
		}
	}
	if path := r.flags.str("out"); path != "" {
		if err := os.WriteFile(path, out, 0o644); err != nil {
			return err
		}
		r.printf("Wrote the diagram (%s) to %s.\n", format, path)
		return nil
	}
	_, err := r.io.Stdout.Write(out)
	return err
}
