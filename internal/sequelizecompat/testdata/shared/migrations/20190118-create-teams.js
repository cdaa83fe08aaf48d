'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable(
      'teams',
      {
        id: {
          type: Sequelize.INTEGER,
          allowNull: false,
          autoIncrement: true,
          primaryKey: true,
        },
        name: {
          type: Sequelize.STRING,
          allowNull: false,
        },
        subdomain: {
          type: Sequelize.STRING(63),
          allowNull: true,
          unique: true,
        },
        avatarUrl: {
          type: Sequelize.STRING(4096),
          allowNull: true,
        },
        createdAt: {
          type: Sequelize.DATE,
          allowNull: false,
        },
        updatedAt: {
          type: Sequelize.DATE,
          allowNull: false,
        },
      },
      {
        charset: 'utf8mb4',
        comment: 'A workspace: every user and document belongs to one',
      }
    );
  },

  async down(queryInterface) {
    await queryInterface.dropTable('teams');
  },
};
