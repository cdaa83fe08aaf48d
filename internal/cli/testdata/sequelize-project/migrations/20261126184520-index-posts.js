'use strict';

module.exports = {
  up: (queryInterface) =>
    queryInterface.addIndex('posts', ['userId', 'createdAt'], { name: 'posts_user_id_created_at' }),

  down: (queryInterface) => queryInterface.removeIndex('posts', 'posts_user_id_created_at'),
};
