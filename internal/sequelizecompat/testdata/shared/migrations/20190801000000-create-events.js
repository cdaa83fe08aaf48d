'use strict';

module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.createTable(
        'events',
        {
          id: { type: Sequelize.UUID, allowNull: false, primaryKey: true },
          name: { type: Sequelize.STRING, allowNull: false },
          data: { type: Sequelize.JSON, allowNull: true },
          actorId: {
            type: Sequelize.INTEGER,
            allowNull: true,
            references: { model: 'users', key: 'id' },
            onDelete: 'SET NULL',
          },
          teamId: {
            type: Sequelize.INTEGER,
            allowNull: false,
            references: { model: 'teams', key: 'id' },
            onDelete: 'CASCADE',
          },
          ip: { type: Sequelize.STRING(45), allowNull: true },
          createdAt: { type: Sequelize.DATE, allowNull: false },
        },
        { transaction }
      );
      await queryInterface.addIndex('events', ['teamId', 'createdAt'], { transaction });
      await queryInterface.addIndex('events', ['name'], { transaction });
    });
  },

  down: async (queryInterface) => {
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.dropTable('events', { transaction });
    });
  },
};
