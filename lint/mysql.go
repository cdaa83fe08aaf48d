package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/schema"
)

// instantAdd reports whether the server adds a column at the end of a
// table without rebuilding it: MySQL from 8.0.12, MariaDB from 10.3.2.
// An unknown version (0) is taken as the oldest server, which rebuilds.
func (s Server) instantAdd() bool {
	if s.MariaDB {
		return s.Version >= 100302
	}
	return s.Version >= 80012
}

// flavour names the server in a message.
func (s Server) flavour() string {
	name := "MySQL"
	if s.MariaDB {
		name = "MariaDB"
	}
	if s.Version == 0 {
		return name + " (version unknown)"
	}
	return fmt.Sprintf("%s %d.%d.%d", name, s.Version/10000, s.Version/100%100, s.Version%100)
}

const onlineFix = "run it with pt-online-schema-change or gh-ost on a large table, or at a quiet hour"

// mysqlCopy: L008 for an ALTER that MySQL/MariaDB runs with
// ALGORITHM=COPY (the table is copied and writes wait) or rebuilds.
func (ck *checker) mysqlCopy(op ddl.Op) {
	if ck.dialectName() != "mysql" {
		return
	}
	warn := func(table, column, alter, how, fix string) {
		if ck.fresh[table] {
			return
		}
		ck.add("L008", Warning, op, table, column, fmt.Sprintf("on %s, %s %s", ck.server.flavour(), alter, how), fix)
	}
	const copies = "copies the table (ALGORITHM=COPY): writes to it wait until the copy ends"
	switch o := op.(type) {
	case *ddl.ChangeColumnOp:
		t := ck.cur.Table(o.Table)
		if t == nil {
			return
		}
		old := t.Column(o.Column.Name)
		if old == nil {
			return
		}
		alter := fmt.Sprintf("ALTER TABLE %s MODIFY %s", o.Table, old.Name)
		switch {
		case old.Collation != o.Column.Collation && charset(old.Collation) != charset(o.Column.Collation):
			warn(o.Table, old.Name, alter, "converts the character set and "+copies, onlineFix)
		case !old.Type.Equal(o.Column.Type) && !inplaceType(old.Type, o.Column.Type):
			warn(o.Table, old.Name, alter, fmt.Sprintf("changes the type from %s to %s and %s", old.Type, o.Column.Type, copies),
				onlineFix+"; only a longer VARCHAR within the same length-byte size (under 256 bytes, or from 256 up) or ENUM values added at the end run ALGORITHM=INPLACE")
		case old.AutoIncrement != o.Column.Column.AutoIncrement:
			warn(o.Table, old.Name, alter, "changes AUTO_INCREMENT and "+copies, onlineFix)
		}
	case *ddl.AddColumnOp:
		alter := fmt.Sprintf("ALTER TABLE %s ADD COLUMN %s", o.Table, o.Column.Name)
		switch {
		case o.Column.Column.AutoIncrement:
			warn(o.Table, o.Column.Name, alter, "adds an AUTO_INCREMENT column and "+copies, onlineFix)
		case o.Column.Generated != nil && o.Column.Generated.Stored:
			warn(o.Table, o.Column.Name, alter, "adds a stored generated column and "+copies, onlineFix+"; a VIRTUAL generated column is added in place")
		case !ck.server.instantAdd():
			warn(o.Table, o.Column.Name, alter, "rebuilds the table (ALGORITHM=INPLACE, no instant ADD COLUMN before MySQL 8.0.12 / MariaDB 10.3.2): it takes as long as a copy",
				onlineFix+"; or upgrade the server, which adds a column at the end instantly")
		}
	case *ddl.AddConstraintOp:
		if o.Type == ddl.PrimaryKeyConstraint {
			warn(o.Table, strings.Join(o.Columns, ","), fmt.Sprintf("ALTER TABLE %s ADD PRIMARY KEY (%s)", o.Table, strings.Join(o.Columns, ", ")),
				"rebuilds the table (its rows are ordered by the primary key)", onlineFix)
		}
	case *ddl.RemoveConstraintOp:
		t := ck.cur.Table(o.Table)
		if t != nil && len(t.PrimaryKey) > 0 && (o.Name == "PRIMARY" || o.Name == t.PrimaryKeyName || o.Name == o.Table+"_pkey") {
			warn(o.Table, strings.Join(t.PrimaryKey, ","), fmt.Sprintf("ALTER TABLE %s DROP PRIMARY KEY", o.Table), copies,
				onlineFix+"; change the primary key in one ALTER (DROP PRIMARY KEY, ADD PRIMARY KEY), which runs ALGORITHM=INPLACE")
		}
	case *ddl.RawOp:
		text, err := o.SQLFor("mysql")
		if err != nil {
			return
		}
		low := strings.ToLower(strings.Join(strings.Fields(text), " "))
		if strings.HasPrefix(low, "alter table") && strings.Contains(low, "convert to character set") {
			table := strings.Trim(strings.Fields(text)[2], "`")
			warn(table, "", "ALTER TABLE "+table+" CONVERT TO CHARACTER SET", copies, onlineFix)
		}
	}
}

// charset is the character set a MySQL collation belongs to: its name up
// to the first underscore ("utf8mb4_bin": utf8mb4).
func charset(collation string) string {
	cs, _, _ := strings.Cut(strings.ToLower(collation), "_")
	return cs
}

// inplaceType reports whether MySQL changes from to to without a copy: a
// VARCHAR made longer within the same length-byte size (utf8mb4: 4 bytes
// a character, so under 64 characters or from 64 up), or an ENUM whose
// new values are the old ones with more at the end.
func inplaceType(from, to schema.Type) bool {
	switch {
	case from.Kind == schema.KindString && to.Kind == schema.KindString:
		return to.Size >= from.Size && (to.Size*4 < 256) == (from.Size*4 < 256)
	case from.Kind == schema.KindEnum && to.Kind == schema.KindEnum:
		return len(to.Values) >= len(from.Values) && slices.Equal(to.Values[:len(from.Values)], from.Values)
	}
	return false
}
