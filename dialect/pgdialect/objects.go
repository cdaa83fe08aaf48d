package pgdialect

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

// objectQueries read the objects of the current schema besides its
// tables, each as the statement that makes it, in the order PostgreSQL
// made them (oid): sequences no column owns, domains, functions and
// procedures (not an extension's), aggregates, views, materialized
// views, partitions, rules, and triggers on tables Inspect reads. Enum types are read with the enums (see
// enumObjects).
var objectQueries = []struct {
	kind  schema.ObjectKind
	query string
}{
	{schema.ObjectSequence, `SELECT c.relname, '', format('CREATE SEQUENCE %I AS %s INCREMENT BY %s MINVALUE %s MAXVALUE %s START WITH %s CACHE %s%s',
  c.relname, format_type(s.seqtypid, NULL), s.seqincrement, s.seqmin, s.seqmax, s.seqstart, s.seqcache, CASE WHEN s.seqcycle THEN ' CYCLE' ELSE '' END)
FROM pg_catalog.pg_sequence s JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema()
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i', 'e'))
ORDER BY c.oid`},
	{schema.ObjectDomain, `SELECT t.typname, '', format('CREATE DOMAIN %I AS %s%s%s%s%s', t.typname, format_type(t.typbasetype, t.typtypmod),
  CASE WHEN t.typcollation <> 0 AND t.typcollation <> bt.typcollation THEN ' COLLATE ' || quote_ident(co.collname) ELSE '' END,
  COALESCE(' DEFAULT ' || t.typdefault, ''), CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END,
  COALESCE((SELECT string_agg(' CONSTRAINT ' || quote_ident(con.conname) || ' ' || pg_get_constraintdef(con.oid), '' ORDER BY con.oid)
            FROM pg_catalog.pg_constraint con WHERE con.contypid = t.oid), ''))
FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype
LEFT JOIN pg_catalog.pg_collation co ON co.oid = t.typcollation
WHERE n.nspname = current_schema() AND t.typtype = 'd'
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
ORDER BY t.oid`},
	{schema.ObjectFunction, `SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', '',
  CASE WHEN p.prokind = 'a' THEN
    format('CREATE AGGREGATE %I(%s) (SFUNC = %s, STYPE = %s%s%s)', p.proname, pg_get_function_identity_arguments(p.oid),
      a.aggtransfn::regproc, format_type(a.aggtranstype, NULL),
      CASE WHEN a.aggfinalfn <> 0 THEN ', FINALFUNC = ' || a.aggfinalfn::regproc ELSE '' END,
      CASE WHEN a.agginitval IS NOT NULL THEN ', INITCOND = ' || quote_literal(a.agginitval) ELSE '' END)
  ELSE pg_get_functiondef(p.oid) END
FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
LEFT JOIN pg_catalog.pg_aggregate a ON a.aggfnoid = p.oid
WHERE n.nspname = current_schema() AND p.prokind IN ('f', 'p', 'a')
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
ORDER BY p.oid`},
	{schema.ObjectView, `SELECT c.relname, '', format('CREATE VIEW %I AS %s', c.relname, pg_get_viewdef(c.oid))
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND c.relkind = 'v'
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY c.oid`},
	{schema.ObjectMaterializedView, `SELECT c.relname, '', format('CREATE MATERIALIZED VIEW %I AS %s', c.relname, pg_get_viewdef(c.oid))
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND c.relkind = 'm'
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY c.oid`},
	{schema.ObjectPartition, `SELECT c.relname, p.relname, format('CREATE TABLE %I PARTITION OF %I %s%s', c.relname, p.relname,
  pg_get_expr(c.relpartbound, c.oid), CASE WHEN c.relkind = 'p' THEN ' PARTITION BY ' || pg_get_partkeydef(c.oid) ELSE '' END)
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_inherits i ON i.inhrelid = c.oid JOIN pg_catalog.pg_class p ON p.oid = i.inhparent
WHERE n.nspname = current_schema() AND c.relispartition
ORDER BY c.oid`},
	{schema.ObjectRule, `SELECT r.rulename, c.relname, pg_get_ruledef(r.oid)
FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_class c ON c.oid = r.ev_class JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND r.rulename <> '_RETURN' AND c.relkind IN ('r', 'p')
ORDER BY r.oid`},
	{schema.ObjectTrigger, `SELECT g.tgname, c.relname, pg_get_triggerdef(g.oid)
FROM pg_catalog.pg_trigger g JOIN pg_catalog.pg_class c ON c.oid = g.tgrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND NOT g.tgisinternal AND c.relkind IN ('r', 'p') AND NOT c.relispartition
ORDER BY g.oid`},
}

// nextvalSeq matches the sequence a nextval default takes its values from.
var nextvalSeq = regexp.MustCompile(`^nextval\('((?:[^']|'')+)'::regclass\)$`)

// objects reads the objects of objectQueries into in.objects. A sequence
// an auto-increment column takes its values from is left out: rendering
// the column as SERIAL makes it again, under the same name.
func (in *inspection) objects(ctx context.Context, q dialect.Querier) error {
	serials := map[string]bool{}
	for _, n := range in.nextval {
		if c := in.tables[n[0]].Column(n[1]); c != nil && c.AutoIncrement {
			if m := nextvalSeq.FindStringSubmatch(n[2]); m != nil {
				serials[strings.Trim(strings.ReplaceAll(m[1], "''", "'"), `"`)] = true
			}
		}
	}
	partitions := map[string]bool{}
	for _, oq := range objectQueries {
		err := queryEach(ctx, q, oq.query, func(r scanner) error {
			b := schema.Object{Kind: oq.kind, Dialect: "postgres"}
			if err := r.Scan(&b.Name, &b.Table, &b.Definition); err != nil {
				return err
			}
			switch {
			case oq.kind == schema.ObjectSequence && serials[b.Name]:
				return nil
			case oq.kind == schema.ObjectPartition && in.tables[b.Table] == nil && !partitions[b.Table]:
				return nil // of a table left out
			case (oq.kind == schema.ObjectTrigger || oq.kind == schema.ObjectRule) && in.tables[b.Table] == nil:
				return nil // on a table left out
			}
			if b.Kind == schema.ObjectPartition {
				partitions[b.Name] = true // its own partitions follow it
			}
			in.objectList = append(in.objectList, b)
			return nil
		})
		if err != nil {
			return fmt.Errorf("%ss: %w", oq.kind, err)
		}
	}
	in.objectList = dependenciesFirst(in.objectList)
	// An index on a materialized view is not an object of its own yet:
	// say so rather than lose it.
	return queryEach(ctx, q, `SELECT c.relname, pg_get_indexdef(x.indexrelid)
FROM pg_catalog.pg_index x JOIN pg_catalog.pg_class c ON c.oid = x.indrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND c.relkind = 'm' ORDER BY x.indexrelid`, func(r scanner) error {
		var view, def string
		if err := r.Scan(&view, &def); err != nil {
			return err
		}
		in.warnings = append(in.warnings, schema.Warning{Table: view, Construct: "index on a materialized view", Detail: def})
		return nil
	})
}

// dependenciesFirst orders the functions among objs so that one whose
// body calls another comes after it (Sakila's film_in_stock calls
// inventory_in_stock, made later): PostgreSQL checks a SQL function's
// body when it is made, and an aggregate needs its SFUNC. A call is the
// other's name as a whole word.
// Everything else keeps its place; a cycle keeps the order read.
func dependenciesFirst(objs []schema.Object) []schema.Object {
	var fns []int // the functions' places in objs
	var bases []string
	var calls []*regexp.Regexp
	for i, b := range objs {
		if b.Kind == schema.ObjectFunction {
			base, _, _ := strings.Cut(b.Name, "(")
			fns, bases = append(fns, i), append(bases, base)
			calls = append(calls, regexp.MustCompile(`\b`+regexp.QuoteMeta(base)+`\b`))
		}
	}
	order := dialect.DependenciesFirst(len(fns), func(i int) []int {
		var deps []int
		for j, call := range calls {
			if bases[j] != bases[i] && call.MatchString(objs[fns[i]].Definition) {
				deps = append(deps, j)
			}
		}
		return deps
	})
	out := slices.Clone(objs)
	for k, i := range order {
		out[fns[k]] = objs[fns[i]]
	}
	return out
}

// enumObjects makes a type object of each enum type no column owns under
// strata's (and Sequelize's) name enum_<table>_<column>: Sakila's
// mpaa_rating, which its columns then name as a native type.
func (in *inspection) enumObjects() []schema.Object {
	var out []schema.Object
	for _, name := range in.enumOrder {
		if in.ownedEnums[name] {
			continue
		}
		vals := make([]string, len(in.enums[name]))
		for i, v := range in.enums[name] {
			vals[i] = quoteLiteral(v)
		}
		out = append(out, schema.Object{Kind: schema.ObjectType, Name: strings.Trim(name, `"`), Dialect: "postgres",
			Definition: "CREATE TYPE " + name + " AS ENUM (" + strings.Join(vals, ", ") + ")"})
	}
	return out
}

// dropObject spells the DROP of PostgreSQL's own kinds for
// dialect.RenderObject: a routine (function, procedure or aggregate) with
// its argument types, as the catalog printed them; a trigger or rule ON its
// table; a partition, which is a table.
func dropObject(b schema.Object) string {
	switch b.Kind {
	case schema.ObjectFunction:
		base, args, _ := strings.Cut(b.Name, "(")
		return "DROP ROUTINE " + quoteIdent(base) + "(" + args
	case schema.ObjectTrigger, schema.ObjectRule:
		return "DROP " + strings.ToUpper(string(b.Kind)) + " " + quoteIdent(b.Name) + " ON " + quoteIdent(b.Table)
	case schema.ObjectPartition:
		return "DROP TABLE " + quoteIdent(b.Name)
	}
	return ""
}
