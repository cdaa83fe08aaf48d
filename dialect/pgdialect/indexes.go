package pgdialect

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

// indexesQuery lists the indexes that back no constraint (those are the
// primary key and the unique constraints): key columns in order, an
// expression standing where a column would; the access method; the
// INCLUDE columns (those past indnkeyatts); NULLS NOT DISTINCT (read
// through to_jsonb, so that servers before 15, which have no such column,
// read false); whether a key column has an operator class that is not its
// type's default, a DESC or NULLS FIRST, or a collation of its own, which
// strata's Index cannot hold; the definition; the predicate.
const indexesQuery = `SELECT t.relname, i.relname, ix.indisunique, am.amname,
  COALESCE((SELECT json_agg(CASE WHEN k.attnum > 0 THEN a.attname::text
                                 ELSE pg_get_indexdef(ix.indexrelid, k.i::int, true) END ORDER BY k.i)
    FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, i)
    LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum
    WHERE k.i <= ix.indnkeyatts), '[]')::text,
  COALESCE((SELECT json_agg(a.attname::text ORDER BY k.i)
    FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, i)
    JOIN pg_catalog.pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum
    WHERE k.i > ix.indnkeyatts), '[]')::text,
  COALESCE((to_jsonb(ix) ->> 'indnullsnotdistinct')::boolean, false),
  EXISTS (SELECT 1 FROM generate_series(0, ix.indnkeyatts - 1) AS k(i)
    LEFT JOIN pg_catalog.pg_opclass opc ON opc.oid = ix.indclass[k.i]
    LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = ix.indkey[k.i]
    WHERE ix.indoption[k.i] <> 0 OR NOT COALESCE(opc.opcdefault, true)
       OR (a.attnum IS NOT NULL AND ix.indcollation[k.i] <> a.attcollation)),
  pg_get_indexdef(ix.indexrelid),
  COALESCE(pg_get_expr(ix.indpred, ix.indrelid), '')
FROM pg_catalog.pg_index ix
JOIN pg_catalog.pg_class i ON i.oid = ix.indexrelid
JOIN pg_catalog.pg_am am ON am.oid = i.relam
JOIN pg_catalog.pg_class t ON t.oid = ix.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
WHERE n.nspname = current_schema() AND t.relkind IN ('r', 'p') AND NOT t.relispartition
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con
                  WHERE con.conindid = ix.indexrelid AND con.conrelid = ix.indrelid AND con.contype IN ('p', 'u', 'x'))
ORDER BY t.relname, i.relname`

func (in *inspection) index(r scanner) error {
	var table, cols, include, def, where string
	var odd bool
	var x schema.Index
	if err := r.Scan(&table, &x.Name, &x.Unique, &x.Method, &cols, &include, &x.NullsNotDistinct, &odd, &def, &where); err != nil {
		return err
	}
	t := in.tables[table]
	if t == nil {
		return nil
	}
	if err := json.Unmarshal([]byte(cols), &x.Columns); err != nil {
		return fmt.Errorf("columns of index %s: %w", x.Name, err)
	}
	if err := json.Unmarshal([]byte(include), &x.Include); err != nil {
		return fmt.Errorf("included columns of index %s: %w", x.Name, err)
	}
	if len(x.Include) == 0 {
		x.Include = nil
	}
	x.Method = canonicalMethod(x.Method)
	x.Where = unwrapAll(where)
	if odd {
		// The index is read without its operator classes, orderings and
		// collations; a table rebuilt from it would lose them.
		in.warnings = append(in.warnings, schema.Warning{Table: table, Column: x.Name,
			Construct: "index operator class, ordering or collation", Detail: def})
	}
	t.Indexes = append(t.Indexes, x)
	return nil
}

// canonicalMethod is an index method as Inspect reads it: in lower case,
// and empty for the default B-tree.
func canonicalMethod(m string) string {
	m = strings.ToLower(m)
	if m == "btree" {
		return ""
	}
	return m
}

// validMethod reports whether m is a plain identifier (letters, digits
// and _, not starting with a digit), as an access method's name is.
func validMethod(m string) bool {
	for i, r := range m {
		switch {
		case r == '_', r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case r >= '0' && r <= '9' && i > 0:
		default:
			return false
		}
	}
	return m != ""
}

// addIndex is CREATE [UNIQUE] INDEX … [USING method] (…) [INCLUDE (…)]
// [NULLS NOT DISTINCT] [WHERE …].
func (r *renderer) addIndex(o *ddl.AddIndexOp) ([]dialect.Stmt, error) {
	x := o.Index()
	sql := "CREATE "
	if x.Unique {
		sql += "UNIQUE "
	}
	sql += fmt.Sprintf("INDEX %s ON %s ", quoteIdent(x.Name), quoteIdent(o.Table))
	if x.Method != "" {
		if !validMethod(x.Method) {
			return nil, fmt.Errorf("%s: index %q has method %q, which is not an access method's name (letters, digits and _, such as gin, gist, hash, brin); fix Using(…) or leave it empty for a B-tree",
				o, x.Name, x.Method)
		}
		sql += "USING " + strings.ToLower(x.Method) + " "
	}
	sql += "(" + quoteList(x.Columns) + ")"
	if len(x.Include) > 0 {
		sql += " INCLUDE (" + quoteList(x.Include) + ")"
	}
	if x.NullsNotDistinct {
		sql += " NULLS NOT DISTINCT"
	}
	if x.Where != "" {
		sql += " WHERE " + x.Where
	}
	return stmts(sql), nil
}
