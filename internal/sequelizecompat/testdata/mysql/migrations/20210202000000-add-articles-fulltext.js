'use strict';

module.exports = {
  async up(queryInterface) {
    await queryInterface.addIndex('articles', ['title', 'body'], {
      type: 'FULLTEXT',
      name: 'articles_title_body_fulltext',
    });
    await queryInterface.addIndex('articles', {
      fields: [{ name: 'title', length: 50 }, { name: 'createdAt', order: 'DESC' }],
      name: 'articles_title_prefix',
    });
  },

  async down(queryInterface) {
    await queryInterface.removeIndex('articles', 'articles_title_prefix');
    await queryInterface.removeIndex('articles', 'articles_title_body_fulltext');
  },
};
