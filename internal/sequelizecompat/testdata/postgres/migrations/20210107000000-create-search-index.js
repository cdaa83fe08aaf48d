'use strict';

module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query(
      `CREATE INDEX CONCURRENTLY IF NOT EXISTS projects_name_search
         ON projects USING gin (to_tsvector('english', name))`
    );
    await queryInterface.sequelize.query(
      `UPDATE projects SET settings = settings || $1::jsonb WHERE "deletedAt" IS NULL`,
      { bind: [JSON.stringify({ searchable: true })] }
    );
  },

  async down(queryInterface) {
    await queryInterface.sequelize.query('DROP INDEX CONCURRENTLY IF EXISTS projects_name_search');
  },
};
