package diagram_test

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"strings"
	"testing"

	"github.com/strata-orm/strata/diagram"
)

func dotInstalled() bool {
	_, err := exec.LookPath("dot")
	return err == nil
}

func shopDOT(t *testing.T) string { return diagram.DOT(diagram.FromSchema(shop(t))) }

func render(t *testing.T, f string) []byte {
	t.Helper()
	out, err := diagram.Render(context.Background(), shopDOT(t), f)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Without dot on the PATH, Render says to install graphviz.
func TestRenderWithoutDot(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := diagram.Render(context.Background(), shopDOT(t), "svg")
	var missing *diagram.MissingDotError
	if !errors.As(err, &missing) || missing.Format != "svg" {
		t.Fatalf("err = %v; want a *diagram.MissingDotError for svg", err)
	}
	if !errors.Is(err, exec.ErrNotFound) {
		t.Errorf("err = %v; want it to unwrap to exec.ErrNotFound", err)
	}
	for _, s := range []string{"apt-get install graphviz", "Mermaid or DOT"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("err = %q; want it to say %q", err, s)
		}
	}
}

func TestRenderFormat(t *testing.T) {
	_, err := diagram.Render(context.Background(), "digraph {}", "gif")
	var fe *diagram.FormatError
	if !errors.As(err, &fe) || fe.Format != "gif" || !strings.Contains(err.Error(), "svg or png") {
		t.Fatalf("err = %v; want a *diagram.FormatError naming svg or png", err)
	}
}

func TestRender(t *testing.T) {
	if !dotInstalled() {
		t.Skip("Graphviz's dot is not installed (apt-get install graphviz): Render is not run")
	}
	if svg := render(t, "svg"); !bytes.Contains(svg, []byte("<svg")) || !bytes.Contains(svg, []byte("product_orders")) {
		t.Errorf("no SVG of the shop:\n%.300s", svg)
	}
	if png := render(t, "png"); !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
		t.Errorf("no PNG: %q", png[:min(len(png), 16)])
	}
	_, err := diagram.Render(context.Background(), "digraph { a -> }", "svg")
	if err == nil || !strings.Contains(err.Error(), "syntax error") {
		t.Errorf("err = %v; want dot's syntax error", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := diagram.Render(ctx, shopDOT(t), "svg"); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v; want context.Canceled", err)
	}
}
