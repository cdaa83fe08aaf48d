'use strict';

module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query(
      `ALTER TYPE "enum_projects_status" ADD VALUE IF NOT EXISTS 'paused'`
    );
  },

  async down() {
    // PostgreSQL cannot remove a value from an enum type: nothing to undo.
  },
};
