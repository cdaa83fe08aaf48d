'use strict';
const models = require('../models');

module.exports = {
  up: async () => {
    await models.User.update({ active: true }, { where: {} });
  },
  down: async () => {},
};
