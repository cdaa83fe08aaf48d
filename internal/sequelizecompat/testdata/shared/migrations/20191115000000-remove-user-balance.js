'use strict';

module.exports = {
  up: (queryInterface) => {
    return queryInterface.removeColumn('users', 'balance');
  },

  down: (queryInterface, Sequelize) => {
    return queryInterface.addColumn('users', 'balance', {
      type: Sequelize.DECIMAL,
      allowNull: true,
    });
  },
};
