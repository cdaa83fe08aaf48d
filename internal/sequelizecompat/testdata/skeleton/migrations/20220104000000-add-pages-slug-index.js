'use strict';

module.exports = {
  up: (queryInterface) => queryInterface.addIndex('pages', ['slug'], { unique: true }),
  down: (queryInterface) => queryInterface.removeIndex('pages', ['slug']),
};
