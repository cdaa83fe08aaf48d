'use strict';

module.exports = {
  async up(queryInterface) {
    // utf8mb4 titles are too long to index whole with the date.
    await queryInterface.addIndex('articles', {
      fields: [{ name: 'title', length: 50 }, { name: 'createdAt', order: 'DESC' }],
      name: 'articles_title_prefix',
    });
  },

  async down(queryInterface) {
    await queryInterface.removeIndex('articles', 'articles_title_prefix');
  },
};
