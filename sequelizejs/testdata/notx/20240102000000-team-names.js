'use strict';

// A hand-made SQLite rebuild, as some projects write them: the keys are
// off while the referenced table is dropped and made again. PostgreSQL
// indexes concurrently; MySQL has neither.
module.exports = {
  async up(queryInterface) {
    const q = (sql) => queryInterface.sequelize.query(sql);
    switch (queryInterface.sequelize.getDialect()) {
      case 'sqlite':
        await q('PRAGMA foreign_keys = OFF');
        await q('CREATE TABLE teams_new (id INTEGER PRIMARY KEY, name VARCHAR(255))');
        await q('INSERT INTO teams_new (id) SELECT id FROM teams');
        await q('DROP TABLE teams');
        await q('ALTER TABLE teams_new RENAME TO teams');
        await q('PRAGMA foreign_keys = ON');
        break;
      case 'postgres':
        await q('CREATE INDEX\n\tCONCURRENTLY users_team ON users ("teamId")');
        break;
      default:
        await q('CREATE INDEX users_team ON users (teamId)');
    }
  },

  async down(queryInterface) {
    if (queryInterface.sequelize.getDialect() === 'postgres') {
      await queryInterface.sequelize.query('DROP INDEX CONCURRENTLY users_team');
    }
  },
};
