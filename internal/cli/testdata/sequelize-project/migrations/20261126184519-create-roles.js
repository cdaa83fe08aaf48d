'use strict';

// Rows stamped with new Date(): recorded at the time the file's name says,
// so each command records the same operations and the checksum holds.
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('roles', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      name: { type: Sequelize.STRING(40), allowNull: false },
      createdAt: { type: Sequelize.DATE, allowNull: false },
    });
    await queryInterface.bulkInsert('roles', [{ name: 'admin', createdAt: new Date() }]);
  },

  async down(queryInterface) {
    await queryInterface.dropTable('roles');
  },
};
