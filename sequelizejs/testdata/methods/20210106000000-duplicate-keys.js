'use strict';

// A history that made the same key twice, as real ones do: the database
// numbers the second and third.
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('Dupes', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      email: { type: Sequelize.STRING, unique: true },
    }, { uniqueKeys: { pair: { fields: ['email'] } } });
    await queryInterface.changeColumn('Dupes', 'email', { type: Sequelize.STRING, unique: true });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('Dupes');
  },
};
