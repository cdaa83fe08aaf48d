'use strict';

module.exports = {
  up: async (queryInterface, Sequelize) => {
    // Neither table points at the other: make them side by side.
    await Promise.all([
      queryInterface.createTable('tags', {
        id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
        name: { type: Sequelize.STRING(50), allowNull: false },
        teamId: {
          type: Sequelize.INTEGER,
          allowNull: false,
          references: { model: 'teams', key: 'id' },
          onDelete: 'CASCADE',
        },
        createdAt: { type: Sequelize.DATE, allowNull: false },
        updatedAt: { type: Sequelize.DATE, allowNull: false },
      }),
      queryInterface.createTable('stars', {
        id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
        userId: {
          type: Sequelize.INTEGER,
          allowNull: false,
          references: { model: 'users', key: 'id' },
          onDelete: 'CASCADE',
        },
        documentId: {
          type: Sequelize.UUID,
          allowNull: false,
          references: { model: 'documents', key: 'id' },
          onDelete: 'CASCADE',
        },
        createdAt: { type: Sequelize.DATE, allowNull: false },
        updatedAt: { type: Sequelize.DATE, allowNull: false },
      }),
    ]);
  },

  down: async (queryInterface) => {
    await Promise.all([queryInterface.dropTable('stars'), queryInterface.dropTable('tags')]);
  },
};
