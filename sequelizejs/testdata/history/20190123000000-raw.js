'use strict';

module.exports = {
  async up(queryInterface) {
    const teams = queryInterface.quoteIdentifier('Teams');
    await queryInterface.sequelize.query(`UPDATE ${teams} SET slug = :slug WHERE name = :name`, {
      replacements: { slug: "o'neil", name: 'alpha' },
    });
    await queryInterface.sequelize.query(`UPDATE ${teams} SET plan = $1 WHERE slug = $2`, { bind: ['pro', 'beta'] });
    await queryInterface.renameColumn('Teams', 'slug', 'handle');
  },
  async down(queryInterface) {
    await queryInterface.renameColumn('Teams', 'handle', 'slug');
  },
};
