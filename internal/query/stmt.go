package query

import (
	"errors"
	"fmt"

	"github.com/strata-orm/strata/dialect"
)

// Lock is a row lock taken by a SELECT inside a transaction.
type Lock int

// Row locks.
const (
	NoLock    Lock = iota
	ForUpdate      // FOR UPDATE
	ForShare       // FOR SHARE (LOCK IN SHARE MODE on MySQL/MariaDB)
)

// Upsert makes an Insert update the row it collides with.
type Upsert struct {
	// Conflict are the columns of the unique key that may collide
	// (ignored on MySQL, which uses any unique key).
	Conflict []string
	// Update are the columns set from the proposed row on a collision.
	Update []string
	// DoNothing, with no Update, keeps the row collided with as it is: ON
	// CONFLICT (…) DO NOTHING, or on MySQL ON DUPLICATE KEY UPDATE c = c
	// with c the first Conflict column (INSERT IGNORE would also hide
	// every other error of the insert as a warning).
	DoNothing bool
	// ID, on MySQL without RETURNING, is the auto-increment column to make
	// LAST_INSERT_ID() report for an updated row.
	ID string
}

// Insert is an INSERT of one or more rows.
type Insert struct {
	Table     string
	Columns   []string
	Rows      [][]any
	Upsert    *Upsert
	Returning []string
}

// ErrNoRows is returned by Build for an insert without rows.
var ErrNoRows = errors.New("insert without rows")

// Build writes the statement.
func (s *Insert) Build(b *Builder) error {
	if len(s.Rows) == 0 {
		return ErrNoRows
	}
	b.S("INSERT INTO ").Ident(s.Table)
	if len(s.Columns) == 0 {
		if len(s.Rows) > 1 {
			return fmt.Errorf("insert into %q: several rows with no columns", s.Table)
		}
		b.S(" ").S(b.F.DefaultValues)
	} else {
		b.S(" (").Idents(s.Columns).S(") VALUES ")
		for i, r := range s.Rows {
			if len(r) != len(s.Columns) {
				return fmt.Errorf("insert into %q: row %d has %d values for %d columns", s.Table, i, len(r), len(s.Columns))
			}
			if i > 0 {
				b.S(", ")
			}
			b.S("(")
			for j, v := range r {
				if j > 0 {
					b.S(", ")
				}
				b.Bind(v)
			}
			b.S(")")
		}
	}
	if u := s.Upsert; u != nil {
		if err := s.writeUpsert(b, u); err != nil {
			return err
		}
	}
	if len(s.Returning) > 0 {
		b.S(" RETURNING ").Idents(s.Returning)
	}
	return nil
}

func (s *Insert) writeUpsert(b *Builder, u *Upsert) error {
	if u.DoNothing && len(u.Update) == 0 && u.ID == "" {
		if len(u.Conflict) == 0 {
			return fmt.Errorf("upsert into %q: name the conflicting unique columns", s.Table)
		}
		if b.F.Upsert == dialect.UpsertOnDuplicateKey {
			b.S(" ON DUPLICATE KEY UPDATE ").Ident(u.Conflict[0]).S(" = ").Ident(u.Conflict[0])
		} else {
			b.S(" ON CONFLICT (").Idents(u.Conflict).S(") DO NOTHING")
		}
		return nil
	}
	if len(u.Update) == 0 && u.ID == "" {
		return fmt.Errorf("upsert into %q: no columns to update", s.Table)
	}
	switch b.F.Upsert {
	case dialect.UpsertOnDuplicateKey:
		b.S(" ON DUPLICATE KEY UPDATE ")
		n := 0
		if u.ID != "" {
			b.Ident(u.ID).S(" = LAST_INSERT_ID(").Ident(u.ID).S(")")
			n++
		}
		for _, c := range u.Update {
			if n > 0 {
				b.S(", ")
			}
			n++
			b.Ident(c).S(" = VALUES(").Ident(c).S(")")
		}
	default:
		if len(u.Conflict) == 0 {
			return fmt.Errorf("upsert into %q: name the conflicting unique columns", s.Table)
		}
		b.S(" ON CONFLICT (").Idents(u.Conflict).S(") DO UPDATE SET ")
		for i, c := range u.Update {
			if i > 0 {
				b.S(", ")
			}
			b.Ident(c).S(" = EXCLUDED.").Ident(c)
		}
	}
	return nil
}

// Assign is one SET term of an UPDATE.
type Assign struct {
	Column string
	Value  any
	// Add makes the term Column = Column + Value.
	Add bool
}

// Update is an UPDATE of one table.
type Update struct {
	Table     string
	Set       []Assign
	Where     []Cond
	Returning []string
}

// Build writes the statement.
func (s *Update) Build(b *Builder, cols Columns) error {
	if len(s.Set) == 0 {
		return fmt.Errorf("update %q: no columns to set", s.Table)
	}
	b.S("UPDATE ").Ident(s.Table).S(" SET ")
	for i, a := range s.Set {
		if i > 0 {
			b.S(", ")
		}
		b.Ident(a.Column).S(" = ")
		if a.Add {
			writeAdd(b, cols, a)
			continue
		}
		b.Bind(a.Value)
	}
	if err := WriteWhere(b, "WHERE", s.Where, cols); err != nil {
		return err
	}
	if len(s.Returning) > 0 {
		b.S(" RETURNING ").Idents(s.Returning)
	}
	return nil
}

// IntRanges is implemented by Columns that know the range of their
// integer columns (a model does).
type IntRanges interface {
	IntRange(col string) (lo, hi int64, ok bool)
}

// writeAdd writes col + v. Where the database stores any 64-bit integer in
// every integer column (QueryFeatures.IntOverflow is set) and cols knows
// col's range, a sum past it evaluates IntOverflow, which fails as
// PostgreSQL and MySQL refuse the sum, instead of being stored.
func writeAdd(b *Builder, cols Columns, a Assign) {
	r, ok := cols.(IntRanges)
	var lo, hi int64
	if ok {
		lo, hi, ok = r.IntRange(a.Column)
	}
	if !ok || b.F == nil || b.F.IntOverflow == "" {
		b.Ident(a.Column).S(" + ").Bind(a.Value)
		return
	}
	b.S("CASE WHEN ").Ident(a.Column).S(" IS NULL OR ").Ident(a.Column).S(" + ").Bind(a.Value).
		S(" BETWEEN ").Int(lo).S(" AND ").Int(hi).S(" THEN ").Ident(a.Column).S(" + ").Bind(a.Value).
		S(" ELSE ").S(b.F.IntOverflow).S(" END")
}

// Delete is a DELETE from one table.
type Delete struct {
	Table     string
	Where     []Cond
	Returning []string
}

// Build writes the statement.
func (s *Delete) Build(b *Builder, cols Columns) error {
	b.S("DELETE FROM ").Ident(s.Table)
	if err := WriteWhere(b, "WHERE", s.Where, cols); err != nil {
		return err
	}
	if len(s.Returning) > 0 {
		b.S(" RETURNING ").Idents(s.Returning)
	}
	return nil
}
