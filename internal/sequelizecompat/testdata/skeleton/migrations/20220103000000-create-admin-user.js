'use strict';

const { User } = require('../models');

module.exports = {
  async up() {
    await User.findOrCreate({
      where: { email: 'admin@example.test' },
      defaults: { role: 'admin' },
    });
  },

  async down() {
    await User.destroy({ where: { email: 'admin@example.test' } });
  },
};
