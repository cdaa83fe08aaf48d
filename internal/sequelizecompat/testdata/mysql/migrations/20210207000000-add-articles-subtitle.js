'use strict';

module.exports = {
  up: (queryInterface, Sequelize) =>
    queryInterface.addColumn('articles', 'subtitle', {
      type: Sequelize.STRING(200),
      allowNull: true,
      after: 'title',
    }),
  down: (queryInterface) => queryInterface.removeColumn('articles', 'subtitle'),
};
