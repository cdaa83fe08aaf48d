'use strict';

module.exports = {
  up: async (queryInterface, Sequelize) => {
    const table = await queryInterface.describeTable('Users');
    if (!table.nickname) {
      await queryInterface.addColumn('Users', 'nickname', { type: Sequelize.STRING(40), allowNull: true });
    }
    if (queryInterface.sequelize.getDialect() === 'postgres') {
      await queryInterface.addIndex('Users', ['nickname'], { where: { active: true }, concurrently: true });
    } else {
      await queryInterface.addIndex('Users', ['nickname']);
    }
    await queryInterface.changeColumn('Users', 'score', { type: Sequelize.DECIMAL(12, 2), allowNull: false, defaultValue: 0 });
  },
  down: async (queryInterface, Sequelize) => {
    await queryInterface.changeColumn('Users', 'score', { type: Sequelize.DECIMAL(10, 2), defaultValue: 0 });
    await queryInterface.removeIndex('Users', ['nickname']);
    await queryInterface.removeColumn('Users', 'nickname');
  },
};
