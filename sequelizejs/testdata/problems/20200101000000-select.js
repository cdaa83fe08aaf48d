'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('Users', 'legacy', { type: Sequelize.BOOLEAN });
    const [users] = await queryInterface.sequelize.query('SELECT id FROM "Users"');
    for (const u of users) {
      await queryInterface.bulkUpdate('Users', { legacy: true }, { id: u.id });
    }
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('Users', 'legacy');
  },
};
