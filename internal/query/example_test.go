package query_test

import (
	"fmt"

	"github.com/strata-orm/strata/dialect/mysqldialect"
	"github.com/strata-orm/strata/internal/query"
)

func ExampleRebind() {
	d := dialectNamed("postgres")
	sql, n, err := query.Rebind(d, &d.feat, "SELECT '?' AS q, $$ ? $$ AS body, a FROM t WHERE a = ? -- ?\n AND b IN (?)", 0)
	fmt.Println(sql)
	fmt.Println(n, err)
	// Output:
	// SELECT '?' AS q, $$ ? $$ AS body, a FROM t WHERE a = $1 -- ?
	//  AND b IN ($2)
	// 2 <nil>
}

func ExampleSelect() {
	d := mysqldialect.New()
	f := dialectNamed("mysql").feat
	b := query.NewBuilder(d, &f)
	s := query.Select{
		Table:   "users",
		Columns: []string{"id", "email"},
		Where:   []query.Cond{query.Fields{"email": "ann@example.com"}, query.ILike("name", "a%")},
		Order:   []query.Order{{Column: "id", Desc: true}},
		Limit:   10,
	}
	if err := s.Build(b, userCols); err != nil {
		panic(err)
	}
	fmt.Println(b.SQL())
	fmt.Println(b.Args)
	// Output:
	// SELECT `id`, `email` FROM `users` WHERE `email` = ? AND LOWER(`name`) LIKE LOWER(?) ORDER BY `id` DESC LIMIT ?
	// [ann@example.com a% 10]
}
