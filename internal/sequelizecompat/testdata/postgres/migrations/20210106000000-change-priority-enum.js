'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.sequelize.query(
      `ALTER TYPE "enum_projects_priority" ADD VALUE IF NOT EXISTS 'urgent'`
    );
    await queryInterface.changeColumn('projects', 'priority', {
      type: Sequelize.ENUM('low', 'medium', 'high', 'urgent'),
      allowNull: false,
      defaultValue: 'medium',
    });
  },

  async down(queryInterface, Sequelize) {
    await queryInterface.changeColumn('projects', 'priority', {
      type: Sequelize.ENUM('low', 'medium', 'high', 'urgent'),
      allowNull: true,
    });
  },
};
