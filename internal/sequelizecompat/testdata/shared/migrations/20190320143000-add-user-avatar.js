'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    // Some instances got this column from a hotfix before the migration
    // existed: only add it when it is not there yet.
    const table = await queryInterface.describeTable('users');
    if (!table.avatarUrl) {
      await queryInterface.addColumn('users', 'avatarUrl', {
        type: Sequelize.STRING(4096),
        allowNull: true,
      });
    }
    if (!table.lastActiveAt) {
      await queryInterface.addColumn('users', 'lastActiveAt', {
        type: Sequelize.DATE,
        allowNull: true,
      });
    }
  },

  async down(queryInterface) {
    await queryInterface.removeColumn('users', 'lastActiveAt');
    await queryInterface.removeColumn('users', 'avatarUrl');
  },
};
