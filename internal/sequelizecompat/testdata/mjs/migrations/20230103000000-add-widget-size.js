'use strict';

module.exports = {
  up: (queryInterface, Sequelize) =>
    queryInterface.addColumn('widgets', 'size', { type: Sequelize.INTEGER, allowNull: true }),
  down: (queryInterface) => queryInterface.removeColumn('widgets', 'size'),
};
