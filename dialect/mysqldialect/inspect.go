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

// Inspect implements dialect.Dialect. It reads information_schema for the
// current database (DATABASE()): base tables (not views) with their
// comments; columns in order with their types, NOT NULL, AUTO_INCREMENT,
// defaults, comments and generated expressions (stored or virtual); the primary key, unique keys and other indexes
// (STATISTICS); foreign keys with their actions (REFERENTIAL_CONSTRAINTS
// and KEY_COLUMN_USAGE, columns in key order); and check constraints
// (CHECK_CONSTRAINTS). On MariaDB a JSON column is LONGTEXT with a
// json_valid check: it is reported as JSON, without that check. Types no
// portable kind spells as the server does are schema.Native("mysql", …)
// (see ParseColumnType). Index names are per table on MySQL, so
// TableScopedIndexNames is set. Stored functions and procedures, views
// and triggers are read into Objects as the statements that make them in
// another database (see objects). A column or index Inspect cannot read is
// left out with a schema.Warning in Warnings; the rest is read.
func (d *Dialect) Inspect(ctx context.Context, q dialect.Querier, skip ...string) (*schema.Database, error) {
	var dbName sql.NullString
	var version string
	var exists int
	var collation sql.NullString
	if err := queryRow(ctx, q, `SELECT DATABASE(), VERSION(),
  (SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = DATABASE()),
  (SELECT DEFAULT_COLLATE_NAME FROM information_schema.CHARACTER_SETS WHERE CHARACTER_SET_NAME = 'utf8mb4')`, &dbName, &version, &exists, &collation); err != nil {
		return nil, fmt.Errorf("inspect: %w", d.classified(err))
	}
	if !dbName.Valid {
		return nil, fmt.Errorf("inspect: no database selected; name one in the URL path, e.g. mysql://root@127.0.0.1:3306/shop")
	}
	if exists == 0 {
		return nil, fmt.Errorf("inspect: database %s does not exist (any more); create it first", d.Quote(dbName.String))
	}
	flavor := MySQL
	if strings.Contains(strings.ToLower(version), "mariadb") {
		flavor = MariaDB
	}
	in := &inspector{d: d, q: q, flavor: flavor, db: &schema.Database{TableScopedIndexNames: true}, skip: skip, collation: collation.String,
		longtext: map[[2]string]bool{}, skipIndex: map[[2]string]bool{}}
	for _, step := range []func(context.Context) error{in.tables, in.columns, in.indexes, in.foreignKeys, in.checks} {
		if err := step(ctx); err != nil {
			return nil, fmt.Errorf("inspect database %s: %w", d.Quote(dbName.String), err)
		}
	}
	for i := range in.db.Tables {
		hideKeyIndexes(&in.db.Tables[i])
	}
	if err := in.objects(ctx, dbName.String); err != nil {
		return nil, fmt.Errorf("inspect database %s: %w", d.Quote(dbName.String), err)
	}
	return in.db, nil
}

// hideKeyIndexes leaves out the indexes strata makes for foreign keys that
// no other index serves (see foreignKeyIndexes): rendering knows they are
// there from the table alone, so the schema read back is the one the
// operations describe, and an operation rendered against it (a
// migration's down) drops such an index with its key, or adds it when its
// key loses the index that served it, as against the offline schema. An
// index named after a key that another index serves too is shown: it is
// one more index, and goes with its key (ddl.RemoveConstraintOp).
func hideKeyIndexes(t *schema.Table) {
	t.Indexes = slices.DeleteFunc(t.Indexes, func(x schema.Index) bool {
		if !isForeignKeyIndex(t, x) {
			return false
		}
		rest := t.Clone()
		rest.Indexes = slices.DeleteFunc(rest.Indexes, func(y schema.Index) bool { return y.Name == x.Name })
		return !rest.Indexed(x.Columns)
	})
}

type inspector struct {
	d      *Dialect
	q      dialect.Querier
	flavor Flavor
	db     *schema.Database
	skip   []string
	// longtext holds the LONGTEXT columns, by table and name: on MariaDB,
	// those with a json_valid check are JSON.
	longtext map[[2]string]bool
	// skipIndex holds the indexes, by table and name, left out with a
	// warning (those on an expression).
	skipIndex map[[2]string]bool
	// collation is the one a text column of a table strata made gets
	// (utf8mb4's default): a column in another is read as its Collation.
	collation string
}

// table returns the table called name, or nil when it is skipped or not a
// base table.
func (in *inspector) table(name string) *schema.Table {
	return in.db.Table(name)
}

func queryRow(ctx context.Context, q dialect.Querier, query string, dest ...any) error {
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return sql.ErrNoRows
	}
	if err := rows.Scan(dest...); err != nil {
		return err
	}
	return rows.Close()
}

// each runs query and calls scan for every row.
func (in *inspector) each(ctx context.Context, query string, scan func(*sql.Rows) error) error {
	rows, err := in.q.QueryContext(ctx, query)
	if err != nil {
		return in.d.classified(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return in.d.classified(err)
	}
	return rows.Close()
}

func (in *inspector) tables(ctx context.Context) error {
	var partitioned []string
	err := in.each(ctx, `SELECT TABLE_NAME, TABLE_COMMENT, COALESCE(CREATE_OPTIONS, '') FROM information_schema.TABLES
WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME`, func(r *sql.Rows) error {
		var name, comment, options string
		if err := r.Scan(&name, &comment, &options); err != nil {
			return err
		}
		if !slices.Contains(in.skip, name) {
			in.db.Tables = append(in.db.Tables, schema.Table{Name: name, Comment: comment})
			if strings.Contains(strings.ToLower(options), "partitioned") {
				partitioned = append(partitioned, name)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, name := range partitioned {
		clause, err := in.partitionClause(ctx, name)
		if err != nil {
			return err
		}
		in.table(name).PartitionBy = clause
	}
	return nil
}

// partitionClause is what follows PARTITION BY in SHOW CREATE TABLE of a
// partitioned table: the key and the partitions, as the server prints
// them ("RANGE (`yr`) (PARTITION `p0` VALUES LESS THAN (2000) ENGINE =
// InnoDB, …)"), without MySQL's /*!50100 … */ version comment.
func (in *inspector) partitionClause(ctx context.Context, table string) (string, error) {
	var name, create string
	if err := queryRow(ctx, in.q, "SHOW CREATE TABLE "+in.d.Quote(table), &name, &create); err != nil {
		return "", fmt.Errorf("partitions of %s: %w", table, in.d.classified(err))
	}
	_, clause, ok := strings.Cut(create, "PARTITION BY ")
	if !ok {
		return "", fmt.Errorf("partitions of %s: SHOW CREATE TABLE has no PARTITION BY", table)
	}
	clause = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(clause), "*/"))
	return strings.Join(strings.Fields(clause), " "), nil
}

func (in *inspector) columns(ctx context.Context) error {
	return in.each(ctx, `SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, COLUMN_COMMENT, COLLATION_NAME,
  GENERATION_EXPRESSION
FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION`, func(r *sql.Rows) error {
		var table, name, colType, nullable, extra, comment string
		var def, collation, genExpr sql.NullString
		if err := r.Scan(&table, &name, &colType, &nullable, &def, &extra, &comment, &collation, &genExpr); err != nil {
			return err
		}
		t := in.table(table)
		if t == nil {
			return nil
		}
		typ, err := ParseColumnType(colType)
		if err != nil {
			in.db.Warnings = append(in.db.Warnings, schema.Warning{Table: table, Column: name, Construct: "column type", Detail: colType})
			return nil
		}
		c := schema.Column{
			Name:          name,
			Type:          typ,
			NotNull:       nullable == "NO",
			AutoIncrement: strings.Contains(strings.ToLower(extra), "auto_increment"),
			Comment:       comment,
		}
		if strings.EqualFold(colType, "longtext") {
			in.longtext[[2]string{table, name}] = true // maybe MariaDB's JSON; checks decides
		}
		if g := generated(extra, genExpr); g != nil {
			c.Generated = g // it has no default; MariaDB shows NULL, MySQL nothing
		} else {
			c.Default = ParseDefault(def, extra, c.Type, in.flavor)
		}
		if collation.Valid && collation.String != in.collation {
			c.Collation = collation.String // utf8mb3 in Sakila, latin1 in older schemas
		}
		if strings.Contains(strings.ToLower(extra), "on update current_timestamp") {
			c.OnUpdate = schema.Now()
		}
		t.Columns = append(t.Columns, c)
		return nil
	})
}

// generated reads a generated column from COLUMNS.EXTRA and
// GENERATION_EXPRESSION: EXTRA is "STORED GENERATED" or "VIRTUAL
// GENERATED" on MySQL and MariaDB (which accepts PERSISTENT for STORED and
// prints STORED; older MariaDB printed "PERSISTENT GENERATED"). MySQL 8's
// "DEFAULT_GENERATED" marks an expression default, not a generated column.
// It returns nil for a column that is not generated.
func generated(extra string, expr sql.NullString) *schema.Generated {
	e := strings.ToUpper(extra)
	stored := strings.Contains(e, "STORED GENERATED") || strings.Contains(e, "PERSISTENT GENERATED")
	if !stored && !strings.Contains(e, "VIRTUAL GENERATED") || !expr.Valid || strings.TrimSpace(expr.String) == "" {
		return nil
	}
	return &schema.Generated{Expr: expr.String, Stored: stored}
}

// indexes reads the primary keys, unique keys and indexes, a key's prefix
// length (SUB_PART) into Index.Lengths: a unique key with one is read as
// a unique index, which holds lengths.
func (in *inspector) indexes(ctx context.Context) error {
	lengths := map[[2]string][]int{}
	err := in.each(ctx, `SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, INDEX_TYPE, COALESCE(COLLATION, 'A') = 'D', COALESCE(SUB_PART, 0)
FROM information_schema.STATISTICS
WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`, func(r *sql.Rows) error {
		var table, name, method string
		var nonUnique, sub int
		var col sql.NullString
		var desc bool
		if err := r.Scan(&table, &name, &nonUnique, &col, &method, &desc, &sub); err != nil {
			return err
		}
		t := in.table(table)
		if t == nil {
			return nil
		}
		if !col.Valid || in.skipIndex[[2]string{table, name}] {
			if !in.skipIndex[[2]string{table, name}] {
				in.db.Warnings = append(in.db.Warnings, schema.Warning{Table: table, Construct: "index on an expression", Detail: name})
				in.skipIndex[[2]string{table, name}] = true
				t.Uniques = slices.DeleteFunc(t.Uniques, func(u schema.Unique) bool { return u.Name == name })
				t.Indexes = slices.DeleteFunc(t.Indexes, func(x schema.Index) bool { return x.Name == name })
			}
			return nil
		}
		if method == "FULLTEXT" || method == "SPATIAL" {
			sub = 0 // MySQL reports a SPATIAL key's SUB_PART, which no statement gives
		}
		if sub > 0 && name == "PRIMARY" {
			in.db.Warnings = append(in.db.Warnings, schema.Warning{Table: table, Column: col.String, Construct: "prefix of a primary key column",
				Detail: fmt.Sprintf("%s(%d)", col.String, sub)})
			sub = 0
		}
		k := [2]string{table, name}
		lengths[k] = append(lengths[k], sub)
		if desc && (name == "PRIMARY" || nonUnique == 0) {
			in.db.Warnings = append(in.db.Warnings, schema.Warning{Table: table, Column: name, Construct: "descending key of a unique key",
				Detail: col.String + " DESC"})
		}
		switch {
		case name == "PRIMARY":
			t.PrimaryKey = append(t.PrimaryKey, col.String)
		case nonUnique == 0:
			if u := t.Unique(name); u != nil {
				u.Columns = append(u.Columns, col.String)
			} else {
				t.Uniques = append(t.Uniques, schema.Unique{Name: name, Columns: []string{col.String}})
			}
		default:
			key := col.String
			if desc {
				key += " DESC" // a non-unique index holds its DESC keys
			}
			if x := t.Index(name); x != nil {
				x.Columns = append(x.Columns, key)
			} else {
				x := schema.Index{Name: name, Columns: []string{key}}
				if method == "FULLTEXT" || method == "SPATIAL" {
					x.Method = method // BTREE is every other InnoDB index
				}
				t.Indexes = append(t.Indexes, x)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i := range in.db.Tables {
		t := &in.db.Tables[i]
		t.Uniques = slices.DeleteFunc(t.Uniques, func(u schema.Unique) bool {
			l := (schema.Index{Columns: u.Columns, Lengths: lengths[[2]string{t.Name, u.Name}]}).CanonicalLengths()
			if l != nil {
				t.Indexes = append(t.Indexes, schema.Index{Name: u.Name, Columns: u.Columns, Unique: true, Lengths: l})
			}
			return l != nil
		})
		for j := range t.Indexes {
			if x := &t.Indexes[j]; x.Lengths == nil {
				x.Lengths = (schema.Index{Columns: x.Columns, Lengths: lengths[[2]string{t.Name, x.Name}]}).CanonicalLengths()
			}
		}
	}
	return nil
}

func (in *inspector) foreignKeys(ctx context.Context) error {
	return in.each(ctx, `SELECT rc.TABLE_NAME, rc.CONSTRAINT_NAME, rc.REFERENCED_TABLE_NAME, rc.UPDATE_RULE, rc.DELETE_RULE,
  k.COLUMN_NAME, k.REFERENCED_COLUMN_NAME
FROM information_schema.REFERENTIAL_CONSTRAINTS rc
JOIN information_schema.KEY_COLUMN_USAGE k
  ON k.CONSTRAINT_SCHEMA = rc.CONSTRAINT_SCHEMA AND k.TABLE_NAME = rc.TABLE_NAME
  AND k.CONSTRAINT_NAME = rc.CONSTRAINT_NAME AND k.REFERENCED_TABLE_NAME IS NOT NULL
WHERE rc.CONSTRAINT_SCHEMA = DATABASE()
ORDER BY rc.TABLE_NAME, rc.CONSTRAINT_NAME, k.ORDINAL_POSITION`, func(r *sql.Rows) error {
		var table, name, ref, onUpdate, onDelete, col, refCol string
		if err := r.Scan(&table, &name, &ref, &onUpdate, &onDelete, &col, &refCol); err != nil {
			return err
		}
		t := in.table(table)
		if t == nil {
			return nil
		}
		fk := t.ForeignKey(name)
		if fk == nil {
			del, err := schema.ParseAction(onDelete)
			if err != nil {
				return fmt.Errorf("foreign key %s of table %s: %w", in.d.Quote(name), in.d.Quote(table), err)
			}
			upd, err := schema.ParseAction(onUpdate)
			if err != nil {
				return fmt.Errorf("foreign key %s of table %s: %w", in.d.Quote(name), in.d.Quote(table), err)
			}
			t.ForeignKeys = append(t.ForeignKeys, schema.ForeignKey{Name: name, RefTable: ref, OnDelete: del, OnUpdate: upd})
			fk = &t.ForeignKeys[len(t.ForeignKeys)-1]
		}
		fk.Columns = append(fk.Columns, col)
		fk.RefColumns = append(fk.RefColumns, refCol)
		return nil
	})
}

// jsonValidRe matches the check MariaDB adds to a JSON column. It keeps
// the name of the column it was created for, even after a rename.
var jsonValidRe = regexp.MustCompile("^json_valid\\(`((?:[^`]|``)+)`\\)$")

func (in *inspector) checks(ctx context.Context) error {
	// MariaDB names checks per table and has CHECK_CONSTRAINTS.TABLE_NAME;
	// MySQL 8 names them per schema and has no such column.
	query := `SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA = DATABASE() ORDER BY TABLE_NAME, CONSTRAINT_NAME`
	if in.flavor == MySQL {
		query = `SELECT tc.TABLE_NAME, cc.CONSTRAINT_NAME, cc.CHECK_CLAUSE
FROM information_schema.TABLE_CONSTRAINTS tc
JOIN information_schema.CHECK_CONSTRAINTS cc
  ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
WHERE tc.TABLE_SCHEMA = DATABASE() AND tc.CONSTRAINT_TYPE = 'CHECK'
ORDER BY tc.TABLE_NAME, cc.CONSTRAINT_NAME`
	}
	return in.each(ctx, query, func(r *sql.Rows) error {
		var table, name, clause string
		if err := r.Scan(&table, &name, &clause); err != nil {
			return err
		}
		t := in.table(table)
		if t == nil {
			return nil
		}
		if m := jsonValidRe.FindStringSubmatch(strings.TrimSpace(clause)); m != nil {
			col := strings.ReplaceAll(m[1], "``", "`")
			if c := t.Column(col); c != nil && in.longtext[[2]string{table, col}] {
				c.Type = schema.JSON()
				c.Collation = "" // utf8mb4_bin is MariaDB's JSON's own
				return nil
			}
		}
		t.Checks = append(t.Checks, schema.Check{Name: name, Expr: clause})
		return nil
	})
}
