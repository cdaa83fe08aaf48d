'use strict';

module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.createTable('Notes', { id: { type: Sequelize.INTEGER, primaryKey: true } });
    throw new Error('not ready yet');
  },
  down: (queryInterface) => queryInterface.dropTable('Notes'),
};
