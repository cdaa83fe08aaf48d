'use strict';

const { addColumnIfMissing } = require('../lib/migration-helpers');

module.exports = {
  async up(queryInterface, Sequelize) {
    await addColumnIfMissing(queryInterface, 'documents', 'emoji', {
      type: Sequelize.STRING(16),
      allowNull: true,
    });
    await addColumnIfMissing(queryInterface, 'collections', 'icon', {
      type: Sequelize.STRING(32),
      allowNull: true,
    });
  },

  async down(queryInterface) {
    await queryInterface.removeColumn('collections', 'icon');
    await queryInterface.removeColumn('documents', 'emoji');
  },
};
