'use strict';
const { DataTypes } = require('sequelize');
const { timestamps } = require('./helpers/columns');

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.createTable('Users', {
        id: { type: DataTypes.UUID, primaryKey: true, defaultValue: Sequelize.UUIDV4 },
        email: { type: DataTypes.STRING, allowNull: false, unique: true },
        teamId: {
          type: DataTypes.INTEGER,
          references: { model: 'Teams', key: 'id' },
          onDelete: 'cascade',
          onUpdate: 'cascade',
        },
        score: { type: DataTypes.DECIMAL(10, 2), defaultValue: 0 },
        active: { type: DataTypes.BOOLEAN, defaultValue: true },
        ...timestamps(Sequelize),
      }, { transaction });
      await queryInterface.addIndex('Users', {
        fields: ['teamId', { name: 'email', order: 'DESC' }],
        name: 'users_team_email',
        transaction,
      });
    });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('Users');
  },
};
