require('dotenv').config();

module.exports = {
  development: {
    dialect: 'sqlite',
    storage: process.env.DB_STORAGE || 'db/fallback.sqlite3',
    migrationStorageTableName: 'sequelize_meta',
    logging: false,
  },
  test: {
    dialect: 'sqlite',
    storage: 'db/test.sqlite3',
    logging: false,
  },
};
