'use strict';

// Writes whose results are unused or only counted.
module.exports = {
  async up(queryInterface) {
    const dialect = queryInterface.sequelize.getDialect();
    if (dialect === 'sqlite') {
      await queryInterface.sequelize.query('PRAGMA foreign_keys = OFF;');
    }
    if (dialect !== 'mysql' && dialect !== 'mariadb') {
      const [, meta] = await queryInterface.sequelize.query(
        'WITH old AS (SELECT id FROM "Items" WHERE "active" = false) UPDATE "Items" SET "ratio" = 1 WHERE id IN (SELECT id FROM old)',
      );
      console.log(`updated ${meta.rowCount} items`);
    }
    if (dialect === 'sqlite') {
      await queryInterface.sequelize.query('PRAGMA foreign_keys = ON;');
    }
  },
  async down() {},
};
