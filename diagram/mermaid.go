package diagram

import (
	"fmt"
	"strings"
)

// Mermaid writes g as a Mermaid erDiagram: an entity block per entity
// (sorted by name) listing its attributes as "type name keys", with PK,
// FK and UK markers and "not null" as the comment, then a line per
// relation (sorted) with its crow's-foot markers and the association's
// name as the label.
//
// Names that are not Mermaid identifiers are written with every other
// character as "_", and with "_" after a word Mermaid reserves ("class",
// "end", "PK" for an attribute …), with a comment giving the name; types are written as
// identifiers too: DECIMAL(10,2) becomes decimal_10_2. A join entity is
// preceded by a comment naming the belongsToMany relations through it,
// which are drawn as two lines each, to the join entity.
func Mermaid(g Graph) string {
	ents := g.sortedEntities()
	ids := mermaidIDs(ents)
	joins := g.joinOf()
	var b strings.Builder
	b.WriteString("erDiagram\n")
	for _, e := range ents {
		id := ids[e.Name]
		if id != e.Name {
			fmt.Fprintf(&b, "    %%%% %s is %s\n", id, comment(e.Name))
		}
		if e.Table != "" && e.Table != e.Name {
			fmt.Fprintf(&b, "    %%%% %s: table %s\n", id, comment(e.Table))
		}
		if e.Join {
			if via := joins[e.Name]; len(via) > 0 {
				fmt.Fprintf(&b, "    %%%% %s: join table of %s (belongsToMany)\n", id, comment(strings.Join(via, ", ")))
			} else {
				fmt.Fprintf(&b, "    %%%% %s: join table\n", id)
			}
		}
		if len(e.Attributes) == 0 {
			fmt.Fprintf(&b, "    %s\n", id)
			continue
		}
		fmt.Fprintf(&b, "    %s {\n", id)
		for _, a := range e.Attributes {
			fmt.Fprintf(&b, "        %s %s", mermaidType(a.Type), attrIdent(a.Name))
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
			if len(keys) > 0 {
				b.WriteString(" " + strings.Join(keys, ", "))
			}
			var notes []string
			if attrIdent(a.Name) != a.Name {
				notes = append(notes, a.Name)
			}
			if a.NotNull && !a.PK {
				notes = append(notes, "not null")
			}
			if len(notes) > 0 {
				fmt.Fprintf(&b, " \"%s\"", quoted(strings.Join(notes, ", ")))
			}
			b.WriteString("\n")
		}
		b.WriteString("    }\n")
	}
	for _, l := range g.links() {
		fmt.Fprintf(&b, "    %s %s--%s %s : \"%s\"\n", ids[l.Parent], leftMarker[l.ParentCard], rightMarker[l.ChildCard],
			ids[l.Child], quoted(l.label()))
	}
	return b.String()
}

// The crow's-foot markers: leftMarker at the first entity of a Mermaid
// relation line, rightMarker at the second.
var (
	leftMarker  = map[Cardinality]string{One: "||", ZeroOrOne: "|o", Many: "}o"}
	rightMarker = map[Cardinality]string{One: "||", ZeroOrOne: "o|", Many: "o{"}
)

// mermaidIDs gives each entity a distinct identifier: its name where that
// is one, else the name with "_" for the other characters, numbered when
// two come out the same.
func mermaidIDs(ents []Entity) map[string]string {
	ids := map[string]string{}
	used := map[string]bool{}
	for _, e := range ents {
		if entityIdent(e.Name) == e.Name {
			ids[e.Name] = e.Name
			used[e.Name] = true
		}
	}
	for _, e := range ents {
		if _, ok := ids[e.Name]; ok {
			continue
		}
		id := entityIdent(e.Name)
		for n := 2; used[id]; n++ {
			id = fmt.Sprintf("%s_%d", entityIdent(e.Name), n)
		}
		ids[e.Name] = id
		used[id] = true
	}
	return ids
}

// entityKeywords are the words Mermaid's erDiagram lexer reads as
// keywords wherever an entity name may stand (in any case).
var entityKeywords = map[string]bool{
	"erdiagram": true, "style": true, "classdef": true, "class": true, "subgraph": true,
	"end": true, "one": true, "many": true, "to": true,
}

// entityIdent is ident(s), with "_" after a keyword of Mermaid's.
func entityIdent(s string) string {
	id := ident(s)
	if entityKeywords[strings.ToLower(id)] {
		id += "_"
	}
	return id
}

// attrIdent is ident(s), with "_" after PK, FK or UK (in any case), which
// Mermaid reads as key markers.
func attrIdent(s string) string {
	id := ident(s)
	switch strings.ToLower(id) {
	case "pk", "fk", "uk":
		id += "_"
	}
	return id
}

// ident returns s with every character that may not be in a Mermaid
// identifier ([A-Za-z_][A-Za-z0-9_]*) as "_", and "_" before a leading
// digit or for the empty name.
func ident(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '_', r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case r >= '0' && r <= '9':
			if i == 0 {
				b.WriteByte('_')
			}
		default:
			r = '_'
		}
		b.WriteRune(r)
	}
	if b.Len() == 0 {
		return "_"
	}
	return b.String()
}

// mermaidType writes a type as a lower-case identifier: each run of other
// characters becomes one "_", none at the ends ("DECIMAL(10,2)" →
// "decimal_10_2", "ENUM('a','b')" → "enum_a_b").
func mermaidType(t string) string {
	var b strings.Builder
	gap := false
	for _, r := range strings.ToLower(t) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if gap && b.Len() > 0 {
				b.WriteByte('_')
			}
			gap = false
			b.WriteRune(r)
			continue
		}
		gap = true
	}
	s := b.String()
	if s == "" {
		return "unknown"
	}
	if s[0] >= '0' && s[0] <= '9' {
		s = "t_" + s
	}
	return s
}

// quoted makes s fit between a Mermaid label's double quotes, which end
// at the next one: it has no escape.
func quoted(s string) string {
	return strings.NewReplacer(`"`, "'", "\n", " ", "\r", " ").Replace(s)
}

// comment makes s fit on a %% comment line.
func comment(s string) string {
	return strings.NewReplacer("\n", " ", "\r", " ").Replace(s)
}
