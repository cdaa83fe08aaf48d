package mysqldialect

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

// objects reads the stored functions and procedures, views and triggers
// of the current database into in.db.Objects, in an order they can be
// made in: routines first (a view may call a function), then views, each
// after the views it reads, then triggers, per table in the order they
// fire (ACTION_ORDER). Each Definition is the server's SHOW CREATE
// statement, made to run in another database by any user: its DEFINER
// clause is left out (the object's definer becomes whoever makes it) and
// references qualified with the current database's name lose that
// qualifier (see unqualify). A trigger on a table Inspect does not read
// (skipped) is left out, and so is a view named in skip or reading a
// table named in skip.
func (in *inspector) objects(ctx context.Context, dbName string) error {
	var routines, views, triggers []schema.Object
	err := in.each(ctx, `SELECT ROUTINE_NAME, ROUTINE_TYPE FROM information_schema.ROUTINES
WHERE ROUTINE_SCHEMA = DATABASE() AND ROUTINE_TYPE IN ('FUNCTION', 'PROCEDURE') ORDER BY ROUTINE_NAME, ROUTINE_TYPE`, func(r *sql.Rows) error {
		var name, typ string
		if err := r.Scan(&name, &typ); err != nil {
			return err
		}
		routines = append(routines, schema.Object{Kind: schema.ObjectFunction, Name: name, Table: typ})
		return nil
	})
	if err != nil {
		return fmt.Errorf("routines: %w", err)
	}
	err = in.each(ctx, `SELECT TABLE_NAME FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME`, func(r *sql.Rows) error {
		var name string
		if err := r.Scan(&name); err != nil {
			return err
		}
		if !slices.Contains(in.skip, name) {
			views = append(views, schema.Object{Kind: schema.ObjectView, Name: name})
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("views: %w", err)
	}
	err = in.each(ctx, `SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()
ORDER BY EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER, TRIGGER_NAME`, func(r *sql.Rows) error {
		var name, table string
		if err := r.Scan(&name, &table); err != nil {
			return err
		}
		if in.table(table) != nil {
			triggers = append(triggers, schema.Object{Kind: schema.ObjectTrigger, Name: name, Table: table})
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("triggers: %w", err)
	}

	for i := range routines {
		b := &routines[i]
		typ := b.Table // FUNCTION or PROCEDURE, until here
		b.Table = ""
		if err := in.showCreate(ctx, dbName, b, "SHOW CREATE "+typ+" "+in.d.Quote(b.Name), "Create "+strings.ToLower(typ)); err != nil {
			return err
		}
	}
	for i := range views {
		if err := in.showCreate(ctx, dbName, &views[i], "SHOW CREATE VIEW "+in.d.Quote(views[i].Name), "Create View"); err != nil {
			return err
		}
	}
	for i := range triggers {
		if err := in.showCreate(ctx, dbName, &triggers[i], "SHOW CREATE TRIGGER "+in.d.Quote(triggers[i].Name), "SQL Original Statement"); err != nil {
			return err
		}
	}
	views = slices.DeleteFunc(views, func(v schema.Object) bool {
		return slices.ContainsFunc(in.skip, func(s string) bool { return slices.Contains(identifiers(v.Definition), s) })
	})
	in.db.Objects = append(append(append(in.db.Objects, routines...), orderViews(views)...), triggers...)
	return nil
}

// showCreate runs a SHOW CREATE statement and sets b's Dialect and
// Definition from its column called column (compared case-insensitively:
// MySQL and MariaDB capitalize them differently).
func (in *inspector) showCreate(ctx context.Context, dbName string, b *schema.Object, query, column string) error {
	rows, err := in.q.QueryContext(ctx, query)
	if err != nil {
		return fmt.Errorf("%s %s: %w", b.Kind, in.d.Quote(b.Name), in.d.classified(err))
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	at := slices.IndexFunc(cols, func(c string) bool { return strings.EqualFold(c, column) })
	if at < 0 {
		return fmt.Errorf("%s: no column %q in %v", query, column, cols)
	}
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return fmt.Errorf("%s %s: %w", b.Kind, in.d.Quote(b.Name), in.d.classified(err))
		}
		return fmt.Errorf("%s: no row", query)
	}
	vals := make([]sql.NullString, len(cols))
	dest := make([]any, len(cols))
	for i := range vals {
		dest[i] = &vals[i]
	}
	if err := rows.Scan(dest...); err != nil {
		return err
	}
	if !vals[at].Valid {
		// A routine's body is NULL to a user who neither defined it
		// nor may read mysql.proc / SHOW_ROUTINE.
		return fmt.Errorf("%s %s: the server shows no definition (the inspecting user needs the privilege to see it)", b.Kind, in.d.Quote(b.Name))
	}
	b.Dialect = "mysql"
	b.Definition = unqualify(stripDefiner(vals[at].String), dbName)
	return rows.Close()
}

// definerRe matches the start of a CREATE statement up to and with its
// DEFINER clause: DEFINER=`user`@`host` (quoted with backticks or single
// quotes, or bare) or DEFINER=CURRENT_USER.
var definerRe = regexp.MustCompile("(?is)^(\\s*CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:ALGORITHM\\s*=\\s*\\w+\\s+)?)DEFINER\\s*=\\s*" +
	"(?:CURRENT_USER(?:\\s*\\(\\s*\\))?|" + definerPart + "\\s*@\\s*" + definerPart + ")\\s+")

const definerPart = "(?:`(?:[^`]|``)*`|'(?:[^'\\\\]|\\\\.|'')*'|[^\\s@`']+)"

// stripDefiner leaves the DEFINER clause out of a CREATE statement, so
// that it runs for a user who may not name another definer; the object's
// definer is then the user who makes it. ALGORITHM and SQL SECURITY stay.
func stripDefiner(def string) string {
	return definerRe.ReplaceAllString(def, "${1}")
}

// span is where a backquoted identifier is in a statement: def[start:end]
// holds it with its backticks.
type span struct{ start, end int }

// quotedIdents returns the backquoted identifiers of def outside string
// literals and comments, in order. Strings are taken as the default
// sql_mode reads them: quoted with ' or " (not ANSI_QUOTES), a backslash
// escaping the next character (not NO_BACKSLASH_ESCAPES). The code in an
// executable comment (/*! … */) is read as code.
func quotedIdents(def string) []span {
	var out []span
	for i := 0; i < len(def); i++ {
		switch c := def[i]; {
		case c == '\'' || c == '"':
			for i++; i < len(def) && def[i] != c; i++ {
				if def[i] == '\\' {
					i++
				}
			}
		case c == '`':
			start := i
			for i++; i < len(def); i++ {
				if def[i] == '`' {
					if i+1 < len(def) && def[i+1] == '`' {
						i++
						continue
					}
					break
				}
			}
			if i < len(def) {
				out = append(out, span{start, i + 1})
			}
		case c == '#' || (c == '-' && strings.HasPrefix(def[i:], "--") && (i+2 == len(def) || def[i+2] <= ' ')):
			for i < len(def) && def[i] != '\n' {
				i++
			}
		case c == '/' && strings.HasPrefix(def[i:], "/*"):
			if strings.HasPrefix(def[i:], "/*!") || strings.HasPrefix(def[i:], "/*M!") {
				i++ // its code is scanned; the closing */ is nothing to it
				continue
			}
			if end := strings.Index(def[i+2:], "*/"); end >= 0 {
				i += end + 3
			} else {
				i = len(def)
			}
		}
	}
	return out
}

// identName is the name a backquoted identifier spells.
func identName(s string) string {
	return strings.ReplaceAll(s[1:len(s)-1], "``", "`")
}

// identifiers returns the names def backquotes outside literals.
func identifiers(def string) []string {
	var out []string
	for _, s := range quotedIdents(def) {
		out = append(out, identName(def[s.start:s.end]))
	}
	return out
}

// unqualify removes the qualifier dbName from the references of def, so
// that the object refers to the database it is made in: MariaDB writes
// `sakila`.`film` into a view's definition. Only the backquoted identifier
// naming dbName exactly, outside string literals and comments (see
// quotedIdents), and followed straight by a dot, is removed. Its limit: a
// table or alias with the database's own name, backquoted before a
// column (`shop`.`id` in database shop), loses its name too; and an
// unquoted qualifier (shop.film, as a routine's author may write it) is
// kept, so such an object still refers to the database it was read from.
func unqualify(def, dbName string) string {
	var b strings.Builder
	last := 0
	for _, s := range quotedIdents(def) {
		if s.end < len(def) && def[s.end] == '.' && identName(def[s.start:s.end]) == dbName {
			b.WriteString(def[last:s.start])
			last = s.end + 1
		}
	}
	if last == 0 {
		return def
	}
	b.WriteString(def[last:])
	return b.String()
}

// orderViews orders views so that each comes after the views its
// definition names (MariaDB has no VIEW_TABLE_USAGE): a view reads
// another when it backquotes that view's name outside literals. Views
// otherwise keep their order (by name); a cycle, which only a name used
// as a column or alias too can make, is broken where it is found.
func orderViews(views []schema.Object) []schema.Object {
	byName := map[string]int{}
	for i, v := range views {
		byName[v.Name] = i
	}
	order := dialect.DependenciesFirst(len(views), func(i int) []int {
		var deps []int
		for _, name := range identifiers(views[i].Definition) {
			if j, ok := byName[name]; ok {
				deps = append(deps, j)
			}
		}
		return deps
	})
	out := make([]schema.Object, len(views))
	for k, i := range order {
		out[k] = views[i]
	}
	return out
}

// dropObject spells the DROP of a MySQL procedure for
// dialect.RenderObject: routines are functions to strata, and a procedure's
// definition says CREATE … PROCEDURE.
func dropObject(b schema.Object) string {
	if b.Kind != schema.ObjectFunction {
		return ""
	}
	u := strings.ToUpper(b.Definition)
	if p, f := strings.Index(u, " PROCEDURE "), strings.Index(u, " FUNCTION "); p >= 0 && (f < 0 || p < f) {
		return "DROP PROCEDURE " + (*Dialect)(nil).Quote(b.Name)
	}
	return "DROP FUNCTION " + (*Dialect)(nil).Quote(b.Name)
}
