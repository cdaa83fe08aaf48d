'use strict';

// Reads under a new name (the check names the table as it was when the
// migration starts), a table the migration makes itself (no check), and
// a raw SELECT with a join.
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.renameTable('users', 'members');
    await queryInterface.createTable('notes', { id: { type: Sequelize.INTEGER, primaryKey: true } });
    const [rows, meta] = await queryInterface.sequelize.query(
      'SELECT m.id, t.name FROM members m LEFT JOIN teams t ON t.id = m.teamid, notes');
    if (rows.length !== 0) throw new Error('expected no rows');
    for (const r of rows) {
      await queryInterface.bulkUpdate('members', { email: r.name }, { id: r.id });
    }
  },
  async down(queryInterface) {
    await queryInterface.dropTable('notes');
    await queryInterface.renameTable('members', 'users');
  },
};
