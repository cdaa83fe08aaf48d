package sqllib

import (
	"strconv"
	"strings"

	"github.com/strata-orm/strata/bench/target"
)

// queries are the SQL texts for one database, written once with `?` and
// double-quoted names and turned into $n placeholders (PostgreSQL) or
// backquoted names (MySQL) when the library opens, as an application that
// supports several databases keeps one set of statements per database.
type queries struct {
	kind      target.Kind
	returning bool // INSERT … RETURNING "id"; otherwise LastInsertId

	insertOne, insertHead, update, findByPK, users, orders string
	// Associations: the query up to its id list, and what follows the list.
	ordersByUser, ordersByUserTail, itemsByOrder, itemsByOrderTail string
}

const userColumns = `"id", "firstName", "lastName", "email", "age", "createdAt", "updatedAt"`

func queriesFor(k target.Kind) queries {
	q := queries{
		kind:             k,
		returning:        k != target.MySQL,
		insertHead:       `INSERT INTO "users" ("firstName", "lastName", "email", "age", "createdAt", "updatedAt") VALUES `,
		update:           `UPDATE "users" SET "lastName" = ?, "age" = ?, "updatedAt" = ? WHERE "id" = ?`,
		findByPK:         `SELECT ` + userColumns + ` FROM "users" WHERE "id" = ?`,
		users:            `SELECT ` + userColumns + ` FROM "users" WHERE "id" > ? ORDER BY "id" LIMIT ?`,
		orders:           `SELECT "id", "total", "userId", "createdAt", "updatedAt" FROM "orders" WHERE "id" > ? ORDER BY "id" LIMIT ?`,
		ordersByUser:     `SELECT "id", "total", "userId", "createdAt", "updatedAt" FROM "orders" WHERE "userId" `,
		ordersByUserTail: ` ORDER BY "id"`,
		itemsByOrder: `SELECT po."orderId", po."quantity", p."id", p."name", p."price", p."createdAt", p."updatedAt"
		FROM "product_orders" po JOIN "products" p ON p."id" = po."productId" WHERE po."orderId" `,
		itemsByOrderTail: ` ORDER BY po."id"`,
	}
	q.insertOne = q.insertHead + `(?, ?, ?, ?, ?, ?)`
	if q.returning {
		q.insertOne += ` RETURNING "id"`
	}
	switch k {
	case target.Postgres:
		for _, s := range []*string{&q.insertOne, &q.update, &q.findByPK, &q.users, &q.orders} {
			*s = dollars(*s)
		}
		// The id lists are one array parameter.
		q.ordersByUser += `= ANY($1)` + q.ordersByUserTail
		q.itemsByOrder += `= ANY($1)` + q.itemsByOrderTail
	case target.MySQL:
		for _, s := range []*string{&q.insertOne, &q.insertHead, &q.update, &q.findByPK, &q.users, &q.orders,
			&q.ordersByUser, &q.ordersByUserTail, &q.itemsByOrder, &q.itemsByOrderTail} {
			*s = strings.ReplaceAll(*s, `"`, "`")
		}
	}
	return q
}

// dollars numbers the ? placeholders of s as $1, $2, … .
func dollars(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// values writes one row's placeholders, the first numbered after args
// arguments already bound.
func (q *queries) values(b *strings.Builder, args, n int) {
	b.WriteByte('(')
	for j := 1; j <= n; j++ {
		if j > 1 {
			b.WriteString(", ")
		}
		if q.kind == target.Postgres {
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(args + j))
		} else {
			b.WriteByte('?')
		}
	}
	b.WriteByte(')')
}

// in completes head (which ends before the id test) with the test for ids
// and tail: on PostgreSQL head is complete already and takes ids as one
// array; elsewhere the test is an IN list with one placeholder per id.
func (q *queries) in(head string, ids []int64, tail string) (string, []any) {
	if q.kind == target.Postgres {
		return head, []any{ids}
	}
	var b strings.Builder
	b.Grow(len(head) + 3*len(ids) + len(tail) + 8)
	b.WriteString(head)
	b.WriteString("IN (")
	args := make([]any, len(ids))
	for i, id := range ids {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('?')
		args[i] = id
	}
	b.WriteByte(')')
	b.WriteString(tail)
	return b.String(), args
}
