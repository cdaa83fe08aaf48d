module.exports = {
  development: { dialect: 'sqlite', storage: 'db/dev.sqlite3' },
  'eu-staging': { dialect: 'sqlite', storage: 'db/eu-staging.sqlite3' },
};
