'use strict';

module.exports = {
  async up(queryInterface) {
    await queryInterface.addIndex('articles', ['title', 'body'], {
      type: 'FULLTEXT',
      name: 'articles_title_body_fulltext',
    });
  },

  async down(queryInterface) {
    await queryInterface.removeIndex('articles', 'articles_title_body_fulltext');
  },
};
