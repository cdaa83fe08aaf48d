module.exports = {
  test: { dialect: 'sqlite', storage: 'db/rc-test.sqlite3' },
  staging: { dialect: 'sqlite', storage: 'db/rc-staging.sqlite3' },
};
