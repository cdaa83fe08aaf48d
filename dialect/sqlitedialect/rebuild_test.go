package sqlitedialect_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialect/sqlitedialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/schema"
)

// blog creates users (a unique and two secondary indexes, NOT NULL
// columns) and posts pointing at users ON DELETE CASCADE, with rows in
// both; then deletes the last user, so that the AUTOINCREMENT counter is
// ahead of the largest id.
func blog(t *testing.T) (*dialecttest.Target, *schema.Database) {
	t.Helper()
	tg := dialecttest.Fresh(t, sqlitedialect.New(), "")
	cur := &schema.Database{}
	tg.Apply(t, cur,
		ddl.CreateTable("users",
			ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
			ddl.Column("email", schema.String(0)).NotNull().Unique(),
			ddl.Column("name", schema.String(0)).NotNull(),
			ddl.Column("nickname", schema.String(40)),
			ddl.Column("age", schema.Integer()).NotNull().Default(0),
			ddl.Column("createdAt", schema.Date()).NotNull(),
		),
		ddl.AddIndex("users", "name"),
		ddl.AddIndex("users", "nickname"),
		ddl.CreateTable("posts",
			ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
			ddl.Column("userId", schema.Integer()).NotNull().References("users", "id").OnDelete(schema.Cascade),
			ddl.Column("title", schema.String(0)).NotNull(),
			ddl.Column("body", schema.Text()),
		),
		ddl.AddIndex("posts", "userId"),
	)
	var users, posts []ddl.Row
	for i := 1; i <= 51; i++ {
		var nick any
		if i%3 != 0 {
			nick = fmt.Sprintf("n%d", i)
		}
		users = append(users, ddl.Row{"id": i, "email": fmt.Sprintf("u%d@example.com", i), "name": fmt.Sprintf("User %d", i),
			"nickname": nick, "age": 20 + i%40, "createdAt": fmt.Sprintf("2026-01-%02d 10:00:00", 1+i%28)})
		for j := 1; j <= 4; j++ {
			posts = append(posts, ddl.Row{"userId": i, "title": fmt.Sprintf("post %d of %d", j, i), "body": strings.Repeat("é", j)})
		}
	}
	tg.Apply(t, cur, ddl.BulkInsert("users", users...), ddl.BulkInsert("posts", posts...))
	tg.Exec(t, `DELETE FROM "users" WHERE "id" = 51`) // cascades to its 4 posts
	return tg, cur
}

// snapshot is what a rebuild must keep: rows, foreign keys, indexes.
type snapshot struct {
	Users, Posts         int
	UsersHash, PostsHash string
	PostsFKs             []string
	UsersIndexes         []string
}

func take(t *testing.T, tg *dialecttest.Target, userCols []string) snapshot {
	t.Helper()
	return snapshot{
		Users: tg.Count(t, "users"), Posts: tg.Count(t, "posts"),
		UsersHash: contentHash(t, tg.DB, "users", userCols),
		PostsHash: contentHash(t, tg.DB, "posts", []string{"id", "userId", "title", "body"}),
		PostsFKs:  rowsOf(t, tg.DB, `SELECT * FROM pragma_foreign_key_list('posts') ORDER BY id, seq`),
		UsersIndexes: rowsOf(t, tg.DB, `SELECT l.name, l."unique", l.origin, l.partial, group_concat(i.name, ',')
			FROM pragma_index_list('users') l, pragma_index_info(l.name) i GROUP BY l.name ORDER BY l.name`),
	}
}

// contentHash hashes the values of cols in every row of table, by id.
func contentHash(t *testing.T, db *sql.DB, table string, cols []string) string {
	t.Helper()
	q := make([]string, len(cols))
	for i, c := range cols {
		q[i] = fmt.Sprintf(`quote("%s")`, c)
	}
	h := sha256.New()
	for _, r := range rowsOf(t, db, fmt.Sprintf(`SELECT %s FROM "%s" ORDER BY "id"`, strings.Join(q, " || '|' || "), table)) {
		h.Write([]byte(r + "\n"))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// rowsOf returns each row of a query as its values joined with "|".
func rowsOf(t *testing.T, db *sql.DB, query string) []string {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		parts := make([]string, len(vals))
		for i, v := range vals {
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			parts[i] = fmt.Sprint(v)
		}
		out = append(out, strings.Join(parts, "|"))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

var allUserCols = []string{"id", "email", "name", "nickname", "age", "createdAt"}

// rebuildStep is one change to users and what it is allowed to change.
type rebuildStep struct {
	name    string
	op      ddl.Op
	rebuild bool     // rendered as a table rebuild
	cols    []string // users' columns to hash afterwards, in the order of allUserCols
	// index maps users' index descriptions before to after.
	index func(before []string) []string
}

func steps() []rebuildStep {
	same := func(b []string) []string { return b }
	return []rebuildStep{
		{
			name: "changeColumn", rebuild: true,
			op:   ddl.ChangeColumn("users", ddl.Column("name", schema.String(100)).NotNull()),
			cols: allUserCols, index: same,
		},
		{
			name: "removeColumn", rebuild: true, // nickname is indexed: ALTER TABLE DROP COLUMN cannot
			op:   ddl.RemoveColumn("users", "nickname"),
			cols: []string{"id", "email", "name", "age", "createdAt"},
			index: func(b []string) []string {
				return slices.DeleteFunc(slices.Clone(b), func(s string) bool { return strings.HasPrefix(s, "users_nickname|") })
			},
		},
		{
			name: "renameColumn",
			op:   ddl.RenameColumn("users", "name", "fullName"),
			cols: []string{"id", "email", "fullName", "nickname", "age", "createdAt"},
			index: func(b []string) []string {
				out := slices.Clone(b)
				for i := range out {
					out[i] = strings.Replace(out[i], "users_name|0|c|0|name", "users_name|0|c|0|fullName", 1)
				}
				return out
			},
		},
	}
}

// TestRebuildKeepsEverything is RELIABILITY.md scenario 24: changeColumn,
// removeColumn and renameColumn on a parent table keep its rows, the
// children's rows and foreign keys, and the table's indexes.
func TestRebuildKeepsEverything(t *testing.T) {
	for _, st := range steps() {
		t.Run(st.name, func(t *testing.T) {
			tg, cur := blog(t)
			runStep(t, tg, cur, st, allUserCols)
			checkCascade(t, tg)
		})
	}
	t.Run("in sequence", func(t *testing.T) {
		tg, cur := blog(t)
		cols := allUserCols
		for _, st := range steps() {
			// Later steps see earlier changes: hash what both have.
			runStep(t, tg, cur, st, cols)
			cols = st.cols
		}
		checkCascade(t, tg)
	})
}

func runStep(t *testing.T, tg *dialecttest.Target, cur *schema.Database, st rebuildStep, beforeCols []string) {
	t.Helper()
	d := tg.Dialect
	stmts, err := d.Render(st.op, cur)
	if err != nil {
		t.Fatal(err)
	}
	isRebuild := slices.ContainsFunc(stmts, func(s dialect.Stmt) bool { return strings.Contains(s.SQL, "__strata_new") })
	if isRebuild != st.rebuild {
		t.Fatalf("%s rendered as a rebuild: %v, want %v:\n%s", st.op, isRebuild, st.rebuild, dialecttest.FormatStmts(stmts))
	}
	for _, s := range stmts {
		if s.Session != st.rebuild {
			t.Errorf("statement %q: Session = %v, want %v", s.SQL, s.Session, st.rebuild)
		}
	}
	// Hash the columns that survive, read under their old names.
	kept := keptCols(beforeCols, st.cols, st.op)
	before := take(t, tg, kept.before)
	tg.Apply(t, cur, st.op)
	after := take(t, tg, kept.after)
	want := before
	want.UsersIndexes = st.index(before.UsersIndexes)
	if diff := cmp.Diff(after, want); diff != "" {
		t.Errorf("after %s (-got +want):\n%s", st.op, diff)
	}
	if v := rowsOf(t, tg.DB, "PRAGMA foreign_key_check"); len(v) > 0 {
		t.Errorf("foreign_key_check after %s: %v", st.op, v)
	}
	tg.Compare(t, cur, "after "+st.op.String())
}

type colPair struct{ before, after []string }

// keptCols lists the users columns both before and after op has them,
// under their names before and after.
func keptCols(before, after []string, op ddl.Op) colPair {
	var p colPair
	for _, c := range before {
		newName := c
		if rc, ok := op.(*ddl.RenameColumnOp); ok && rc.From == c {
			newName = rc.To
		}
		if slices.Contains(after, newName) {
			p.before = append(p.before, c)
			p.after = append(p.after, newName)
		}
	}
	return p
}

// checkCascade checks that foreign keys are on again and that ON DELETE
// CASCADE still works: deleting a user deletes its posts.
func checkCascade(t *testing.T, tg *dialecttest.Target) {
	t.Helper()
	ctx := context.Background()
	conn, err := tg.DB.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var fk int
	if err := conn.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk); err != nil || fk != 1 {
		t.Fatalf("PRAGMA foreign_keys = %d, %v after the change; want 1", fk, err)
	}
	posts := tg.Count(t, "posts")
	if _, err := conn.ExecContext(ctx, `DELETE FROM "users" WHERE "id" = 7`); err != nil {
		t.Fatal(err)
	}
	if got := tg.Count(t, "posts"); got != posts-4 {
		t.Errorf("deleting user 7 left %d posts, want %d (ON DELETE CASCADE lost)", got, posts-4)
	}
	if _, err := conn.ExecContext(ctx, `INSERT INTO "posts" ("userId", "title") VALUES (999, 'orphan')`); err == nil {
		t.Error("a post pointing at no user was accepted: the foreign key is gone")
	}
	// The AUTOINCREMENT counter survived: id 51 is not handed out again.
	var id int
	err = conn.QueryRowContext(ctx, `INSERT INTO "users" ("email", "createdAt", `+
		`"`+nameColumn(t, tg)+`") VALUES ('new@example.com', '2026-02-01 00:00:00', 'New') RETURNING "id"`).Scan(&id)
	if err != nil || id != 52 {
		t.Errorf("new user id = %d, %v; want 52 (the AUTOINCREMENT counter went back)", id, err)
	}
}

func nameColumn(t *testing.T, tg *dialecttest.Target) string {
	if cols := rowsOf(t, tg.DB, `SELECT name FROM pragma_table_info('users') WHERE name = 'fullName'`); len(cols) == 1 {
		return "fullName"
	}
	return "name"
}

// TestRebuildRefusesBrokenForeignKey: a rebuild whose result breaks a
// foreign key fails with a clear error and leaves everything as it was.
func TestRebuildRefusesBrokenForeignKey(t *testing.T) {
	tg, cur := blog(t)
	tg.Apply(t, cur, ddl.AddColumn("users", ddl.Column("managerId", schema.Integer())))
	tg.Exec(t, `UPDATE "users" SET "managerId" = 1 WHERE "id" <= 10`)
	tg.Exec(t, `UPDATE "users" SET "managerId" = 999 WHERE "id" IN (12, 13)`)
	before := take(t, tg, append(slices.Clone(allUserCols), "managerId"))
	schemaBefore := tg.Inspect(t)

	op := ddl.AddForeignKey("users", []string{"managerId"}, "users", []string{"id"}).Named("users_manager_fkey")
	err := tg.TryApply(t, cur, op)
	var de *dialect.Error
	if !errors.As(err, &de) || de.Kind != dialect.ErrForeignKey {
		t.Fatalf("TryApply(%s) = %v, want a foreign key violation", op, err)
	}
	for _, want := range []string{`"users" rowid 12: (managerId) → "users"(id) (foreign key "users_manager_fkey")`, "rowid 13", "2 row(s)", "rolled back"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	if de.Table != "users" || de.Constraint != "users_manager_fkey" || !cmp.Equal(de.Columns, []string{"managerId"}) {
		t.Errorf("error names table %q, constraint %q, columns %v", de.Table, de.Constraint, de.Columns)
	}
	if diff := cmp.Diff(take(t, tg, append(slices.Clone(allUserCols), "managerId")), before); diff != "" {
		t.Errorf("after the failed rebuild (-got +want):\n%s", diff)
	}
	if diff := cmp.Diff(tg.Inspect(t), schemaBefore); diff != "" {
		t.Errorf("schema changed by the failed rebuild (-got +want):\n%s", diff)
	}
	checkCascade(t, tg)

	// Fixed data: the same change goes through.
	tg.Exec(t, `UPDATE "users" SET "managerId" = NULL WHERE "managerId" = 999`)
	tg.Apply(t, cur, op)
	tg.Compare(t, cur, "after "+op.String())
}

// TestRebuildFailureRollsBack: a rebuild that fails half-way (the copy
// violates the new unique constraint) leaves the table as it was.
func TestRebuildFailureRollsBack(t *testing.T) {
	tg, cur := blog(t)
	before := take(t, tg, allUserCols)
	schemaBefore := tg.Inspect(t)
	err := tg.TryApply(t, cur, ddl.AddUnique("users", "age"))
	var de *dialect.Error
	if !errors.As(err, &de) || de.Kind != dialect.ErrUnique {
		t.Fatalf("error = %v, want a unique violation", err)
	}
	if diff := cmp.Diff(take(t, tg, allUserCols), before); diff != "" {
		t.Errorf("after the failed rebuild (-got +want):\n%s", diff)
	}
	if diff := cmp.Diff(tg.Inspect(t), schemaBefore); diff != "" {
		t.Errorf("schema changed by the failed rebuild (-got +want):\n%s", diff)
	}
	if n := rowsOf(t, tg.DB, `SELECT name FROM sqlite_master WHERE name LIKE '%strata_new%'`); len(n) > 0 {
		t.Errorf("left behind: %v", n)
	}
	checkCascade(t, tg)
}

// TestRebuildWithView: a view over the rebuilt table keeps working, and a
// table rename carries the view and the children's foreign keys along.
func TestRebuildWithView(t *testing.T) {
	tg, cur := blog(t)
	tg.Apply(t, cur, ddl.Raw(`CREATE VIEW "user_posts" AS SELECT u."email", p."title" FROM "users" u JOIN "posts" p ON p."userId" = u."id"`))
	n := len(rowsOf(t, tg.DB, `SELECT * FROM "user_posts"`))
	tg.Apply(t, cur, ddl.ChangeColumn("users", ddl.Column("email", schema.String(320)).NotNull()))
	if got := len(rowsOf(t, tg.DB, `SELECT * FROM "user_posts"`)); got != n {
		t.Errorf("view has %d rows after the rebuild, want %d", got, n)
	}
	tg.Apply(t, cur, ddl.RenameTable("users", "people"))
	if got := len(rowsOf(t, tg.DB, `SELECT * FROM "user_posts"`)); got != n {
		t.Errorf("view has %d rows after renaming the table, want %d", got, n)
	}
	fks := rowsOf(t, tg.DB, `SELECT "table" FROM pragma_foreign_key_list('posts')`)
	if !cmp.Equal(fks, []string{"people"}) {
		t.Errorf("posts' foreign key points at %v after the rename, want people", fks)
	}
	tg.Compare(t, cur, "after rename")
}

// TestEnumSurvivesRenames: an ENUM column stays an ENUM (its CHECK is
// read back as its values) through a column rename, a table rename, a
// rebuild and a change of its values; a value outside them is refused.
func TestEnumSurvivesRenames(t *testing.T) {
	tg := dialecttest.Fresh(t, sqlitedialect.New(), "")
	cur := &schema.Database{}
	tg.Apply(t, cur,
		ddl.CreateTable("tickets",
			ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
			ddl.Column("state", schema.Enum("open", "closed")).NotNull().Default("open"),
		),
		ddl.BulkInsert("tickets", ddl.Row{"state": "open"}, ddl.Row{"state": "closed"}),
		ddl.RenameColumn("tickets", "state", "status"),
		ddl.RenameTable("tickets", "issues"),
		ddl.AddColumn("issues", ddl.Column("title", schema.Text()).NotNull().Default("untitled")),
		ddl.ChangeColumn("issues", ddl.Column("status", schema.Enum("open", "closed", "stale")).NotNull().Default("open")),
	)
	tg.Compare(t, cur, "after renames and a rebuild")
	if _, err := tg.DB.Exec(`INSERT INTO "issues" ("status") VALUES ('lost')`); err == nil {
		t.Error("a value outside the ENUM was accepted")
	}
	tg.Exec(t, `INSERT INTO "issues" ("status") VALUES ('stale')`)
	// Narrowing the values refuses the rows outside them, and changes nothing.
	err := tg.TryApply(t, cur, ddl.ChangeColumn("issues", ddl.Column("status", schema.Enum("open", "closed")).NotNull()))
	var le *dialect.DataLossError
	if !errors.As(err, &le) || le.Rows != 1 || le.Column != "status" {
		t.Errorf("narrowing the ENUM: error = %v, want a *dialect.DataLossError for 1 row of status", err)
	}
	tg.Compare(t, cur, "after the refused change")
}

// TestSessionRestoresForeignKeys: on a pool of one connection, the
// connection a rebuild ran on has foreign keys on again afterwards,
// whether the rebuild committed or rolled back; statements that need no
// rebuild run with foreign keys on (a bulk delete cascades).
func TestSessionRestoresForeignKeys(t *testing.T) {
	ctx := context.Background()
	tg, cur := blog(t)
	tg.DB.SetMaxOpenConns(1)
	fkOn := func(when string) {
		t.Helper()
		var on int
		if err := tg.DB.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&on); err != nil || on != 1 {
			t.Errorf("%s: PRAGMA foreign_keys = %d, %v; want 1", when, on, err)
		}
	}
	tg.Apply(t, cur, ddl.ChangeColumn("users", ddl.Column("age", schema.BigInt()).NotNull().Default(0)))
	fkOn("after a rebuild")
	if err := tg.TryApply(t, cur, ddl.ChangeColumn("users", ddl.Column("nickname", schema.String(40)).NotNull())); err == nil {
		t.Fatal("a NOT NULL change over NULL rows succeeded")
	}
	fkOn("after a failed rebuild")
	posts := tg.Count(t, "posts")
	tg.Apply(t, cur, ddl.BulkDelete("users", ddl.Where{"id": 3}))
	if got := tg.Count(t, "posts"); got != posts-4 {
		t.Errorf("bulk delete of user 3 left %d posts, want %d", got, posts-4)
	}
}
