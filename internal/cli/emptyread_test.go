package cli

import (
	"testing"

	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
)

// TestMigrateEmptyReadCheck: a sequelize-cli backfill over a table the
// history created (and put no rows into) runs directly; the dry run names
// the check it starts with, and db:migrate refuses it, changing nothing,
// once the table holds a row, on every database.
func TestMigrateEmptyReadCheck(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		p := newProject(t)
		p.write("migrations/20200101000000-create-teams.js", `module.exports = {
  up: (qi, S) => qi.createTable('teams', { id: { type: S.INTEGER, primaryKey: true }, name: S.STRING }),
  down: (qi) => qi.dropTable('teams'),
};
`)
		p.write("migrations/20200102000000-backfill-slug.js", `module.exports = {
  async up(qi, S) {
    await qi.addColumn('teams', 'slug', { type: S.STRING });
    const teams = await qi.sequelize.query('SELECT id, name FROM teams', { type: S.QueryTypes.SELECT });
    for (const team of teams) {
      await qi.sequelize.query('UPDATE teams SET slug = :slug WHERE id = :id', { replacements: { slug: team.name.toLowerCase(), id: team.id } });
    }
  },
  down: (qi) => qi.removeColumn('teams', 'slug'),
};
`)
		db := func(args ...string) []string { return append(args, "--url", tg.URL) }
		p.ok(db("db:migrate", "--to", "20200101000000-create-teams")...)
		r := p.ok(db("db:migrate", "--dry-run")...)
		contains(t, "db:migrate --dry-run", r.stdout, `-- check: the migration stops here, changing nothing, if "teams" holds any row (it was recorded assuming the table empty: 20200102000000-backfill-slug.js, line 4)`)

		if _, err := tg.DB.Exec(`INSERT INTO teams (id, name) VALUES (1, 'Core')`); err != nil {
			t.Fatal(err)
		}
		p.fails(db("db:migrate"), `recorded assuming table "teams" empty`, `"teams" holds 1 row`, "port the migration")
		r = p.ok(db("db:migrate:status")...)
		contains(t, "db:migrate:status", r.stdout, "down 20200102000000-backfill-slug")
		if _, err := tg.DB.Exec(`DELETE FROM teams`); err != nil {
			t.Fatal(err)
		}
		p.ok(db("db:migrate")...)
	})
}
