'use strict';
const { pad } = require('./helpers/pad');
/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface, Sequelize) {
    const a = await queryInterface.record(pad('users'));
    const b = await Promise.all([queryInterface.record('x?.y'), queryInterface.record(process.env.STRATA_T ?? 'none')]);
    return [a, ...b];
  },
  down: (queryInterface) => queryInterface.record('down').then(() => queryInterface.fail()),
};
