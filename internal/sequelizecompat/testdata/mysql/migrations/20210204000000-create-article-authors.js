'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('article_authors', {
      articleId: { type: Sequelize.INTEGER.UNSIGNED, allowNull: false },
      authorId: { type: Sequelize.INTEGER, allowNull: false },
      position: { type: Sequelize.TINYINT, allowNull: false, defaultValue: 0 },
    });
    await queryInterface.addConstraint('article_authors', {
      fields: ['articleId', 'authorId'],
      type: 'primary key',
    });
    await queryInterface.addConstraint('article_authors', {
      fields: ['articleId'],
      type: 'foreign key',
      name: 'article_authors_article_fk',
      references: { table: 'articles', field: 'id' },
      onDelete: 'cascade',
      onUpdate: 'cascade',
    });
    await queryInterface.addConstraint('article_authors', {
      fields: ['authorId'],
      type: 'foreign key',
      name: 'article_authors_author_fk',
      references: { table: 'authors', field: 'id' },
      onDelete: 'restrict',
    });
  },

  async down(queryInterface) {
    await queryInterface.dropTable('article_authors');
  },
};
