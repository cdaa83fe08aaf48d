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
// primary key and the unique constraints): each key column's name and its
// name as pg_get_indexdef quotes it, NULL for an expression; the access
// method; the INCLUDE columns (those past indnkeyatts); NULLS NOT DISTINCT
// (read through to_jsonb, so that servers before 15, which have no such
// column, read false); the definition, in pretty form, whose key list
// gives each key's text with its operator class, collation and ordering;
// the predicate.
const indexesQuery = `SELECT t.relname, i.relname, ix.indisunique, am.amname,
  COALESCE((SELECT json_agg(CASE WHEN k.attnum > 0 THEN json_build_array(a.attname::text, quote_ident(a.attname)) END ORDER BY k.i)
    FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, i)
    LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum
    WHERE k.i <= ix.indnkeyatts), '[]')::text,
  COALESCE((SELECT json_agg(a.attname::text ORDER BY k.i)
    FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, i)
    JOIN pg_catalog.pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum
    WHERE k.i > ix.indnkeyatts), '[]')::text,
  COALESCE((to_jsonb(ix) ->> 'indnullsnotdistinct')::boolean, false),
  pg_get_indexdef(ix.indexrelid, 0, true),
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
	var x schema.Index
	if err := r.Scan(&table, &x.Name, &x.Unique, &x.Method, &cols, &include, &x.NullsNotDistinct, &def, &where); err != nil {
		return err
	}
	t := in.tables[table]
	if t == nil {
		return nil
	}
	var names [][]string // [name, quoted name], or nil for an expression
	if err := json.Unmarshal([]byte(cols), &names); err != nil {
		return fmt.Errorf("columns of index %s: %w", x.Name, err)
	}
	keys := indexDefKeys(def)
	if len(keys) != len(names) {
		return fmt.Errorf("index %s: cannot read its %d keys from %q", x.Name, len(names), def)
	}
	for i, k := range keys {
		if n := names[i]; len(n) == 2 && k == n[1] {
			k = n[0] // a plain column
		}
		x.Columns = append(x.Columns, k)
	}
	if err := json.Unmarshal([]byte(include), &x.Include); err != nil {
		return fmt.Errorf("included columns of index %s: %w", x.Name, err)
	}
	if len(x.Include) == 0 {
		x.Include = nil
	}
	x.Method = canonicalMethod(x.Method)
	x.Where = unwrapAll(where)
	t.Indexes = append(t.Indexes, x)
	return nil
}

// indexDefKeys splits the key list of def, a CREATE INDEX statement as
// pg_get_indexdef prints it, into its keys: the parentheses that follow
// the table's name (after ON [ONLY] and any USING method), split at
// commas outside parentheses and quotes. INCLUDE, NULLS NOT DISTINCT, WITH
// and WHERE all come after that list. It returns nil when def has no list.
func indexDefKeys(def string) []string {
	i := outsideQuotes(def, " ON ", 0)
	if i < 0 {
		return nil
	}
	open := -1
	for j := i; j < len(def); j++ {
		if c := def[j]; c == '"' || c == '\'' {
			if end := strings.IndexByte(def[j+1:], c); end >= 0 {
				j += end + 1
				continue
			}
			return nil
		} else if c == '(' {
			open = j
			break
		}
	}
	if open < 0 {
		return nil
	}
	var keys []string
	depth, from := 0, open+1
	for j := open; j < len(def); j++ {
		switch c := def[j]; c {
		case '"', '\'':
			if end := strings.IndexByte(def[j+1:], c); end >= 0 {
				j += end + 1
			}
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return append(keys, strings.TrimSpace(def[from:j]))
			}
		case ',':
			if depth == 1 {
				keys = append(keys, strings.TrimSpace(def[from:j]))
				from = j + 1
			}
		}
	}
	return nil
}

// outsideQuotes is the index of the first sub of s at or past from that
// is outside double and single quotes, or -1.
func outsideQuotes(s, sub string, from int) int {
	for j := from; j < len(s); j++ {
		if c := s[j]; c == '"' || c == '\'' {
			end := strings.IndexByte(s[j+1:], c)
			if end < 0 {
				return -1
			}
			j += end + 1
			continue
		}
		if strings.HasPrefix(s[j:], sub) {
			return j
		}
	}
	return -1
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
	keys, err := dialect.IndexKeys(quoteIdent, r.before.Table(o.Table), x)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", o, err)
	}
	sql += "(" + keys + ")"
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
