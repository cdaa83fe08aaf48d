'use strict';

module.exports = {
  up: (queryInterface, Sequelize) => queryInterface.createTable('Teams', {
    id: { allowNull: false, autoIncrement: true, primaryKey: true, type: Sequelize.INTEGER },
    name: { type: Sequelize.STRING(80), allowNull: false, unique: true },
    slug: { type: Sequelize.STRING },
    plan: { type: Sequelize.ENUM('free', 'pro'), defaultValue: 'free', allowNull: false },
    createdAt: { allowNull: false, type: Sequelize.DATE },
    updatedAt: { allowNull: false, type: Sequelize.DATE },
  }, { uniqueKeys: { teams_slug_plan: { fields: ['slug', 'plan'] } } })
    .then(() => queryInterface.addIndex('Teams', ['createdAt'])),
  down: (queryInterface) => queryInterface.dropTable('Teams'),
};
