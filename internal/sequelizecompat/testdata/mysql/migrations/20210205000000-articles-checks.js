'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addConstraint('articles', {
      fields: ['rating'],
      type: 'check',
      where: { rating: { [Sequelize.Op.between]: [0, 5] } },
      name: 'articles_rating_range',
    });
    await queryInterface.addConstraint('articles', {
      fields: ['title', 'state'],
      type: 'unique',
      name: 'articles_title_state_unique',
    });
  },

  async down(queryInterface) {
    await queryInterface.removeConstraint('articles', 'articles_title_state_unique');
    await queryInterface.removeConstraint('articles', 'articles_rating_range');
  },
};
