'use strict';

module.exports = {
  up: (queryInterface, Sequelize) =>
    queryInterface
      .createTable('legacy_tasks', {
        id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
        title: { type: Sequelize.TEXT },
      })
      .then(() =>
        queryInterface.sequelize.query(
          'INSERT INTO legacy_tasks (title) VALUES (:title)',
          { replacements: { title: 'imported' } }
        )
      )
      .then(() => queryInterface.dropTable('legacy_tasks', { cascade: true })),

  down: () => Promise.resolve(),
};
