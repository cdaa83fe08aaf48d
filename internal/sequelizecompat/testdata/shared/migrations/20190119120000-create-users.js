'use strict';

const { timestamps } = require('../lib/migration-helpers');

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable(
      'users',
      {
        id: {
          type: Sequelize.INTEGER,
          allowNull: false,
          autoIncrement: true,
          primaryKey: true,
        },
        email: {
          type: Sequelize.STRING,
          allowNull: false,
          comment: 'Lower-cased on write',
        },
        name: {
          type: Sequelize.STRING(100),
          allowNull: false,
        },
        isAdmin: {
          type: Sequelize.BOOLEAN,
          allowNull: false,
          defaultValue: false,
        },
        balance: {
          type: Sequelize.DECIMAL,
          allowNull: true,
        },
        teamId: {
          type: Sequelize.INTEGER,
          allowNull: false,
          references: {
            model: 'teams',
            key: 'id',
          },
          onDelete: 'CASCADE',
          onUpdate: 'CASCADE',
        },
        ...timestamps(Sequelize),
      },
      {
        uniqueKeys: {
          users_email_team_unique: {
            fields: ['email', 'teamId'],
          },
        },
        charset: 'utf8mb4',
      }
    );
  },

  async down(queryInterface) {
    await queryInterface.dropTable('users');
  },
};
