'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('teams', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      name: { type: Sequelize.STRING },
    });
    await queryInterface.createTable('users', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      teamid: { type: Sequelize.INTEGER },
      email: { type: Sequelize.STRING },
    });
    await queryInterface.createTable('roles', {
      id: { type: Sequelize.INTEGER, primaryKey: true },
      name: { type: Sequelize.STRING },
    });
    await queryInterface.bulkInsert('roles', [{ id: 1, name: 'admin' }, { id: 2, name: 'member' }]);
  },
  async down(queryInterface) {
    await queryInterface.dropTable('roles');
    await queryInterface.dropTable('users');
    await queryInterface.dropTable('teams');
  },
};
