'use strict';

// MySQL: a table's collation reaches TEXT('long') (so FULLTEXT accepts the
// pair), the columns added and changed later, and a type string naming
// its character set.
module.exports = {
  async up(queryInterface, Sequelize) {
    if (queryInterface.sequelize.getDialect() !== 'mysql') return;
    await queryInterface.createTable('Posts', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      title: { type: Sequelize.STRING(200), allowNull: false },
      body: { type: Sequelize.TEXT('long') },
      state: { type: Sequelize.ENUM('draft', 'published'), allowNull: false, defaultValue: 'draft' },
    }, { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' });
    await queryInterface.addIndex('Posts', ['title', 'body'], { type: 'FULLTEXT', name: 'posts_title_body' });
    await queryInterface.addColumn('Posts', 'subtitle', { type: Sequelize.STRING(100), after: 'title' });
    await queryInterface.changeColumn('Posts', 'state', {
      type: Sequelize.ENUM('draft', 'review', 'published'), allowNull: false, defaultValue: 'draft',
    });
    await queryInterface.changeColumn('Posts', 'subtitle', {
      type: Sequelize.STRING(100) + ' CHARACTER SET utf8mb4 COLLATE utf8mb4_bin',
    });
  },
  async down(queryInterface) {
    if (queryInterface.sequelize.getDialect() !== 'mysql') return;
    await queryInterface.dropTable('Posts');
  },
};
