package strata

import (
	"context"
	"reflect"

	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/internal/query"
)

// countLinked counts the distinct targets linked to key (among keys,
// when given) that match conds.
func countLinked(ctx context.Context, c Conn, db *DB, a *model.Association, key any, conds []Cond, keys []any) (int64, error) {
	f, err := db.features(ctx, c.runner())
	if err != nil {
		return 0, err
	}
	b := db.builder(f)
	defer db.release(b)
	t, j := a.Target.Table, a.Through.Table
	s := query.Select{Table: t, Limit: -1,
		Exprs: []query.Expr{query.Aggregate(query.CountDistinct, col(t, a.TargetKey.Column))},
		Joins: []query.Join{{Table: j, On: []query.Cond{query.ColEq(col(j, a.OtherKey.Column), col(t, a.TargetKey.Column))}}}}
	where := []query.Cond{query.ColIs(col(j, a.ForeignKey.Column), key)}
	if keys != nil {
		where = append(where, query.Qualify(t, a.Target, In(a.TargetKey.Column, keys)))
	}
	inc := &include{a: a, path: a.Name, where: conds}
	if s.Where, err = targetFilter(where, inc, t, j, 0); err != nil {
		return 0, err
	}
	if err := s.Build(b, a.Target); err != nil {
		return 0, err
	}
	var n int64
	err = db.scalar(ctx, c, b.SQL(), b.Args, &n)
	return n, err
}

// linkedKeys returns which of keys are linked to key in the join table,
// by a locking read (FOR UPDATE), which sees the rows other transactions
// committed even where the caller's transaction reads a snapshot (MySQL's
// REPEATABLE READ).
func linkedKeys(ctx context.Context, c Conn, db *DB, a *model.Association, key any, keys []any) (map[model.Key]bool, error) {
	f, err := db.features(ctx, c.runner())
	if err != nil {
		return nil, err
	}
	b := db.builder(f)
	defer db.release(b)
	s := query.Select{Table: a.Through.Table, Columns: []string{a.OtherKey.Column}, Limit: -1,
		Where: []Cond{Eq(a.ForeignKey.Column, key), In(a.OtherKey.Column, keys)}, Lock: query.ForUpdate}
	if err := s.Build(b, a.Through); err != nil {
		return nil, err
	}
	text := b.SQL()
	out := map[model.Key]bool{}
	tmp := reflect.New(a.Through.Type).UnsafePointer()
	sc := newRowScanner([]*model.Field{a.OtherKey})
	err = db.each(ctx, c, text, b.Args, func(src rowSrc) error {
		if err := sc.read(src, tmp); err != nil {
			return db.wrap(err, text)
		}
		if k, ok := a.OtherKey.Key(tmp); ok {
			out[k] = true
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// unlink deletes the join rows of key for keys (for every other key, with
// not), in c, which holds the locks of lockLinks.
func unlink(ctx context.Context, c Conn, a *model.Association, key any, keys []any, not bool) error {
	if len(keys) == 0 && !not {
		return nil
	}
	db := c.DB()
	f, err := db.features(ctx, c.runner())
	if err != nil {
		return err
	}
	del := query.Delete{Table: a.Through.Table, Where: []Cond{Eq(a.ForeignKey.Column, key)}}
	switch {
	case not && len(keys) > 0:
		del.Where = append(del.Where, NotIn(a.OtherKey.Column, keys))
	case !not:
		del.Where = append(del.Where, In(a.OtherKey.Column, keys))
	}
	b := db.builder(f)
	defer db.release(b)
	if err := del.Build(b, a.Through); err != nil {
		return err
	}
	_, err = db.exec(ctx, c, b.SQL(), b.Args)
	return err
}
