'use strict';

function slugify(title) {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/(^-|-$)/g, '');
}

module.exports = {
  async up(queryInterface, Sequelize) {
    const pages = await queryInterface.sequelize.query('SELECT id, title FROM pages WHERE slug IS NULL', {
      type: Sequelize.QueryTypes.SELECT,
    });
    for (const page of pages) {
      await queryInterface.sequelize.query('UPDATE pages SET slug = :slug WHERE id = :id', {
        replacements: { slug: slugify(page.title), id: page.id },
      });
    }
    await queryInterface.changeColumn('pages', 'slug', {
      type: Sequelize.STRING,
      allowNull: false,
    });
  },

  async down(queryInterface, Sequelize) {
    await queryInterface.changeColumn('pages', 'slug', {
      type: Sequelize.STRING,
      allowNull: true,
    });
  },
};
