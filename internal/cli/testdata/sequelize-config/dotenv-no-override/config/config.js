require('dotenv').config();

module.exports = {
  development: { dialect: 'sqlite', storage: process.env.DB_STORAGE, logging: false },
};
