'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    const dialect = queryInterface.sequelize.getDialect();
    if (dialect === 'postgres') {
      await queryInterface.addColumn('documents', 'searchVector', {
        type: Sequelize.TSVECTOR,
        allowNull: true,
      });
    } else {
      // No full-text column type elsewhere: keep the flattened text.
      await queryInterface.addColumn('documents', 'searchVector', {
        type: Sequelize.TEXT,
        allowNull: true,
      });
    }
  },

  async down(queryInterface) {
    await queryInterface.removeColumn('documents', 'searchVector');
  },
};
