'use strict';

module.exports = {
  async up(queryInterface) {
    await queryInterface.changeColumn('projects', 'budget', {
      type: 'INTEGER USING CAST("budget" AS INTEGER)',
      allowNull: true,
    });
  },

  async down(queryInterface) {
    await queryInterface.changeColumn('projects', 'budget', {
      type: 'VARCHAR(255) USING CAST("budget" AS VARCHAR(255))',
      allowNull: true,
    });
  },
};
