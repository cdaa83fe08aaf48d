'use strict';

const tables = ['collections', 'documents', 'comments'];

module.exports = {
  async up(queryInterface, Sequelize) {
    for (const table of tables) {
      await queryInterface.addColumn(table, 'archivedAt', {
        type: Sequelize.DATE,
        allowNull: true,
      });
    }
  },

  async down(queryInterface) {
    for (const table of [...tables].reverse()) {
      await queryInterface.removeColumn(table, 'archivedAt');
    }
  },
};
