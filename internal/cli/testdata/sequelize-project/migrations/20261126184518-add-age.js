'use strict';

// Its down forgets the column, as 242 real files do: migration:import says so.
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'age', { type: Sequelize.INTEGER });
  },

  async down() {},
};
