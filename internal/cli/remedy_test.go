package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
)

// goWords are the Go API's names for remedies, which the engine's messages
// use and the CLI must never print.
var goWords = []string{"Repair ", "MarkApplied", "AcceptChecksum", "Forget)", "WithAllowMissing", "WithAllowOutOfOrder",
	"WithLockTimeout", "WithTable", "WithIgnoreChecksums"}

// TestStatusNamesFlags: every problem and note db:migrate:status (text and
// --json) and db:migrate print names the CLI's commands and flags, never
// the Go API's identifiers: a migration applied without a recorded
// checksum (sequelize-cli's rows), one edited since, one with a status
// strata never writes, one deleted, and one that sorts before applied
// ones.
func TestStatusNamesFlags(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		p := newProject(t)
		db := func(args ...string) []string { return append(args, "--url", tg.URL) }
		const a, b, c, d, late = "20261126184503-a", "20261126184505-b", "20261126184507-c", "20261126184509-d", "20261126184504-late"
		for _, n := range []string{a, b, c, d} {
			sqlMigration(p, n, "CREATE TABLE t"+n[len(n)-1:]+" (id INTEGER PRIMARY KEY);", "DROP TABLE t"+n[len(n)-1:]+";")
		}
		p.ok(db("db:migrate")...)
		q := tg.Dialect.Quote
		tg.Exec(t, "UPDATE "+q("SequelizeMeta")+" SET "+q("checksum")+" = NULL WHERE "+q("name")+" = '"+a+"'")
		tg.Exec(t, "UPDATE "+q("SequelizeMeta")+" SET "+q("status")+" = 'weird' WHERE "+q("name")+" = '"+c+"'")
		sqlMigration(p, b, "CREATE TABLE tb (id BIGINT PRIMARY KEY);", "DROP TABLE tb;")
		if err := os.Remove(filepath.Join(p.dir, "migrations", d+".sql")); err != nil {
			t.Fatal(err)
		}
		sqlMigration(p, late, "CREATE TABLE tl (id INTEGER PRIMARY KEY);", "DROP TABLE tl;")

		repair := func(name, flag string) string { return "strata db:migrate:repair --name " + name + " --" + flag }
		text := p.ok(db("db:migrate:status")...).stdout
		contains(t, "db:migrate:status", text,
			"up "+a+" (applied without a recorded checksum: not checked ("+repair(a, "accept-checksum")+" records this one))\n",
			repair(b, "accept-checksum"), repair(c, "mark-applied"), repair(c, "forget"), "--allow-missing", repair(d, "forget"),
			"--allow-out-of-order")
		json := p.ok(db("db:migrate:status", "--json")...).stdout
		contains(t, "db:migrate:status --json", json,
			`"unchecked": "applied without a recorded checksum: not checked (`+repair(a, "accept-checksum")+` records this one)"`,
			repair(b, "accept-checksum"), repair(c, "mark-applied"), "--allow-missing", "--allow-out-of-order")
		r := p.fails(db("db:migrate"), "nothing was run", repair(b, "accept-checksum"), repair(c, "forget"), "--allow-out-of-order")
		for what, out := range map[string]string{"status": text, "status --json": json, "db:migrate": r.stdout + r.stderr} {
			for _, w := range goWords {
				if strings.Contains(out, w) {
					t.Errorf("%s names the Go API (%q) instead of the CLI's command:\n%s", what, w, out)
				}
			}
		}
	})
}

// TestEveryRemedyHasCLIWords: the command has its own words for every
// remedy the engine names, so none is printed as a Go identifier.
func TestEveryRemedyHasCLIWords(t *testing.T) {
	n := 0
	for r := migrate.Remedy(1); r.String() != fmt.Sprintf("Remedy(%d)", int(r)); r++ {
		n++
		if remedyWords[r] == nil {
			t.Errorf("remedy %d (%s) has no CLI words in remedyWords", int(r), r)
			continue
		}
		got := remedyText(r, "20261126184503-a")
		for _, w := range goWords {
			if strings.Contains(got, w) {
				t.Errorf("remedy %s: the CLI says %q, which names the Go API", r, got)
			}
		}
	}
	if n != len(remedyWords) || n < 7 {
		t.Errorf("%d remedies, %d with CLI words", n, len(remedyWords))
	}
}

// TestExplainJoined: explain puts every engine error of a joined error in
// the command's words, and leaves the rest of the text as it is.
func TestExplainJoined(t *testing.T) {
	me := &migrate.MigrationError{Name: "20261126184503-a", Direction: migrate.Up, Statement: 2, Err: errors.New("boom"), Recorded: true, Done: 1}
	le := &migrate.LockError{Table: "SequelizeMeta", Waited: time.Second, Timeout: true, Err: errors.New("deadline")}
	got := (&run{}).explain(fmt.Errorf("wrapped: %w", errors.Join(me, errors.New("and then"), le))).Error()
	contains(t, "explain", got, "wrapped: 20261126184503-a (up) failed at statement 2: boom; ", repairCommand(me.Name, "mark-applied"),
		repairCommand(me.Name, "forget"), "\nand then\n", "raise the lock timeout (--lock-timeout)")
	for _, w := range goWords {
		if strings.Contains(got, w) {
			t.Errorf("explain leaves %q:\n%s", w, got)
		}
	}
}
