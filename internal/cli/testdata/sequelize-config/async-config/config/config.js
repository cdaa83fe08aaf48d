const path = require('path');

async function loadSecrets() {
  return { file: 'async.sqlite3' };
}

module.exports = async () => {
  const secrets = await loadSecrets();
  return {
    development: { dialect: 'sqlite', storage: path.join('db', secrets.file), logging: false },
  };
};
