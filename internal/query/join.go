package query

// JoinKind is how a joined table's rows meet the others'.
type JoinKind uint8

// Joins.
const (
	InnerJoin JoinKind = iota // only rows with a match
	LeftJoin                  // every row, NULLs where the joined table has no match
)

// Join is a table joined into a SELECT, named Alias when it is set, on
// the conditions On (joined by AND).
type Join struct {
	Kind  JoinKind
	Table string
	Alias string
	On    []Cond
}

func (j *Join) build(b *Builder, cols Columns) error {
	if j.Kind == LeftJoin {
		b.S(" LEFT JOIN ")
	} else {
		b.S(" INNER JOIN ")
	}
	b.Ident(j.Table)
	if j.Alias != "" {
		b.S(" AS ").Ident(j.Alias)
	}
	for i, c := range j.On {
		if i == 0 {
			b.S(" ON ")
		} else {
			b.S(" AND ")
		}
		if err := buildCond(b, c, cols); err != nil {
			return err
		}
	}
	return nil
}
