'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable(
      'authors',
      {
        id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
        name: { type: Sequelize.STRING(100), allowNull: false },
        bio: { type: Sequelize.TEXT, allowNull: true },
        createdAt: { type: Sequelize.DATE, allowNull: false },
        updatedAt: { type: Sequelize.DATE, allowNull: false },
      },
      { charset: 'latin1' }
    );
    // The table started in latin1 by mistake; convert it in place.
    await queryInterface.sequelize.query(
      'ALTER TABLE `authors` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci'
    );
    await queryInterface.changeColumn('authors', 'name', {
      type: Sequelize.STRING(100) + ' CHARACTER SET utf8mb4 COLLATE utf8mb4_bin',
      allowNull: false,
    });
  },

  async down(queryInterface) {
    await queryInterface.dropTable('authors');
  },
};
