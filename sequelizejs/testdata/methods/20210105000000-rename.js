'use strict';

module.exports = {
  up: (queryInterface) => queryInterface.renameTable('Members', 'Memberships'),
  down: (queryInterface) => queryInterface.renameTable('Memberships', 'Members'),
};
