module.exports = function (done) {
  setTimeout(function () {
    done(null, {
      development: { dialect: 'sqlite', storage: 'db/callback.sqlite3', logging: false },
    });
  }, 5);
};
