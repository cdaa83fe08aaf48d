'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('teams', {
      id: { type: Sequelize.INTEGER, primaryKey: true },
    });
    await queryInterface.createTable('users', {
      id: { type: Sequelize.INTEGER, primaryKey: true },
      teamId: { type: Sequelize.INTEGER, references: { model: 'teams', key: 'id' } },
    });
    await queryInterface.bulkInsert('teams', [{ id: 1 }]);
    await queryInterface.bulkInsert('users', [{ id: 1, teamId: 1 }]);
  },

  async down(queryInterface) {
    await queryInterface.dropTable('users');
    await queryInterface.dropTable('teams');
  },
};
