// Package diagram draws entity-relationship diagrams of a schema: Mermaid
// erDiagram text (Mermaid), Graphviz DOT (DOT), and SVG or PNG rendered
// from the DOT by Graphviz's dot program when it is installed (Render).
//
// A Graph is plain data: entities with their attributes, and relations
// named as associations are (belongsTo, hasOne, hasMany, belongsToMany).
// FromSchema infers one from a *schema.Database's foreign keys; a caller
// that knows the associations exactly (strata's registered models) fills
// one in by hand. Mermaid and DOT write the same graph, sorted, so their
// output is the same for the same graph and can be golden-tested.
//
// The package imports schema and the standard library only.
package diagram
