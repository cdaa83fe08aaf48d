package drift_test

import (
	"testing"

	"github.com/strata-orm/strata/diagram"
	"github.com/strata-orm/strata/drift"
	shop "github.com/strata-orm/strata/examples/shop/models"
	"github.com/strata-orm/strata/internal/golden"
)

// TestShopDiagram: the diagram db:diagram draws of the shop's models is
// docs/diagram/shop.{mmd,dot} (README.md shows the first); `go test
// ./drift -update` rewrites them.
func TestShopDiagram(t *testing.T) {
	g, err := drift.ModelGraph(shop.All())
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "../docs/diagram/shop.mmd", []byte(diagram.Mermaid(g)))
	golden.Check(t, "../docs/diagram/shop.dot", []byte(diagram.DOT(g)))
}
