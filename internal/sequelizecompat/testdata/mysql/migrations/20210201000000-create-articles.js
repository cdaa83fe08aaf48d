'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable(
      'articles',
      {
        id: {
          type: Sequelize.INTEGER.UNSIGNED,
          primaryKey: true,
          autoIncrement: true,
        },
        title: { type: Sequelize.STRING(200), allowNull: false },
        body: { type: Sequelize.TEXT('long'), allowNull: true },
        summary: { type: Sequelize.TEXT, allowNull: true },
        state: {
          type: Sequelize.ENUM('draft', 'published'),
          allowNull: false,
          defaultValue: 'draft',
        },
        views: { type: Sequelize.INTEGER.UNSIGNED, allowNull: false, defaultValue: 0 },
        price: { type: Sequelize.DECIMAL, allowNull: true },
        rating: { type: Sequelize.FLOAT, allowNull: true },
        slug: { type: Sequelize.STRING(191), allowNull: false, unique: true },
        createdAt: { type: Sequelize.DATE, allowNull: false },
        updatedAt: { type: Sequelize.DATE, allowNull: false },
      },
      {
        charset: 'utf8mb4',
        collate: 'utf8mb4_unicode_ci',
        engine: 'InnoDB',
        comment: 'Blog articles',
      }
    );
  },

  async down(queryInterface) {
    await queryInterface.dropTable('articles');
  },
};
