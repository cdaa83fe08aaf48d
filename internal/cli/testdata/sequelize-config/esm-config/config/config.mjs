import 'dotenv/config';

const base = { dialect: 'sqlite', logging: false };

export default {
  development: { ...base, storage: 'db/esm-development.sqlite3' },
  staging: { ...base, storage: `db/esm-${process.env.REGION}.sqlite3` },
};
