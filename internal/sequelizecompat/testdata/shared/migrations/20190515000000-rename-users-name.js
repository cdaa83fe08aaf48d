'use strict';

module.exports = {
  up: (queryInterface) => queryInterface.renameColumn('users', 'name', 'displayName'),
  down: (queryInterface) => queryInterface.renameColumn('users', 'displayName', 'name'),
};
