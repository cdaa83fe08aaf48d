'use strict';
const { Sequelize } = require('sequelize');

module.exports = {
  up: async (queryInterface) => {
    const other = new Sequelize(process.env.OTHER_DB_URL);
    await other.query('DELETE FROM sessions');
  },
  down: async (queryInterface, Sequelize) => {
    const Session = queryInterface.sequelize.define('Session', { sid: Sequelize.STRING });
    await queryInterface.bulkInsert('Users', [{ id: 1, createdAt: Sequelize.fn('NOW') }]);
    await Session.destroy({ where: {} });
  },
};
