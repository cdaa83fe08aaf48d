'use strict';

module.exports = {
  async up(queryInterface) {
    // Authors are soft-deleted now; the RESTRICT key got in the way.
    await queryInterface.removeConstraint('article_authors', 'article_authors_author_fk');
    await queryInterface.removeIndex('article_authors', 'article_authors_author_fk');
    await queryInterface.addIndex('article_authors', ['authorId', 'position']);
  },

  async down(queryInterface) {
    await queryInterface.removeIndex('article_authors', ['authorId', 'position']);
    await queryInterface.addConstraint('article_authors', {
      fields: ['authorId'],
      type: 'foreign key',
      name: 'article_authors_author_fk',
      references: { table: 'authors', field: 'id' },
      onDelete: 'restrict',
    });
  },
};
