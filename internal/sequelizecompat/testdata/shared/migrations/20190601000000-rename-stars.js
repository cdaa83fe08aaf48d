'use strict';

module.exports = {
  async up(queryInterface) {
    await queryInterface.renameTable('stars', 'document_stars');
  },

  async down(queryInterface) {
    await queryInterface.renameTable('document_stars', 'stars');
  },
};
