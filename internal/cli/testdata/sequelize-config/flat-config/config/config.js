const env = process.env.NODE_ENV || 'development';

module.exports = {
  dialect: 'sqlite',
  storage: `db/flat-${env}.sqlite3`,
  logging: false,
};
