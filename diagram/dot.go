package diagram

import (
	"fmt"
	"html"
	"strings"
)

// DOT writes g as a Graphviz digraph: a node per entity (sorted by name)
// whose HTML-like label is a table of its attributes (name, type, keys:
// PK, FK, UK, not null), and an edge per relation (sorted) from the
// referenced entity to the one holding the key, labelled with the
// association's name and drawn with crow's-foot ends (tee for one, odot
// for zero, crow for many) and the cardinalities as head and tail labels.
// Join entities and the edges to them are dashed.
func DOT(g Graph) string {
	ents := g.sortedEntities()
	ports := map[string]map[string]string{}
	joins := g.joinOf()
	var b strings.Builder
	b.WriteString("digraph ER {\n")
	b.WriteString("  graph [rankdir=LR, fontname=\"Helvetica\", nodesep=0.5, ranksep=1];\n")
	b.WriteString("  node [shape=plain, fontname=\"Helvetica\", fontsize=11];\n")
	b.WriteString("  edge [fontname=\"Helvetica\", fontsize=10, dir=both, labeldistance=2, labelangle=30];\n")
	for _, e := range ents {
		ports[e.Name] = map[string]string{}
		header := "#dbe8f6"
		attrs := ""
		if e.Join {
			header = "#f3f3f3"
			attrs = `, shape=box, style="dashed", margin=0`
		}
		fmt.Fprintf(&b, "  %s [label=<\n", dotID(e.Name))
		fmt.Fprintf(&b, "    <table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"4\">\n")
		title := "<b>" + html.EscapeString(e.Name) + "</b>"
		if e.Table != "" && e.Table != e.Name {
			title += "<br/><font point-size=\"9\">table " + html.EscapeString(e.Table) + "</font>"
		}
		if e.Join {
			note := "join table"
			if via := joins[e.Name]; len(via) > 0 {
				note += " of " + strings.Join(via, ", ")
			}
			title += "<br/><font point-size=\"9\"><i>" + html.EscapeString(note) + "</i></font>"
		}
		fmt.Fprintf(&b, "      <tr><td colspan=\"3\" bgcolor=\"%s\">%s</td></tr>\n", header, title)
		for i, a := range e.Attributes {
			port := fmt.Sprintf("c%d", i)
			if _, dup := ports[e.Name][a.Name]; !dup {
				ports[e.Name][a.Name] = port
			}
			name := html.EscapeString(a.Name)
			if a.PK {
				name = "<u>" + name + "</u>"
			}
			fmt.Fprintf(&b, "      <tr><td port=\"%s\" align=\"left\">%s</td><td align=\"left\">%s</td><td align=\"left\">%s</td></tr>\n",
				port, name, html.EscapeString(a.Type), html.EscapeString(keyText(a)))
		}
		fmt.Fprintf(&b, "    </table>>%s];\n", attrs)
	}
	for _, l := range g.links() {
		child := dotID(l.Child)
		if p, ok := ports[l.Child][l.Key]; ok && l.Key != "" {
			child += ":" + p
		}
		style := ""
		if l.Join {
			style = ", style=dashed"
		}
		fmt.Fprintf(&b, "  %s -> %s [label=%s, arrowtail=%s, arrowhead=%s, taillabel=%q, headlabel=%q%s];\n",
			dotID(l.Parent), child, dotID(l.label()), arrow[l.ParentCard], arrow[l.ChildCard],
			cardText[l.ParentCard], cardText[l.ChildCard], style)
	}
	b.WriteString("}\n")
	return b.String()
}

// arrow is the crow's-foot end of an edge for each cardinality: the first
// shape is the one at the node.
var arrow = map[Cardinality]string{One: "teetee", ZeroOrOne: "teeodot", Many: "crowodot"}

// cardText is the cardinality written beside the end of an edge.
var cardText = map[Cardinality]string{One: "1", ZeroOrOne: "0..1", Many: "0..*"}

// keyText is the third cell of an attribute's row.
func keyText(a Attribute) string {
	var keys []string
	if a.PK {
		keys = append(keys, "PK")
	}
	if a.FK {
		keys = append(keys, "FK")
	}
	if a.Unique {
		keys = append(keys, "UK")
	}
	if a.NotNull && !a.PK {
		keys = append(keys, "not null")
	}
	return strings.Join(keys, ", ")
}

// dotID quotes s as a DOT identifier.
func dotID(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", "").Replace(s) + `"`
}
