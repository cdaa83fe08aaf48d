// Records what the real Sequelize v6 writes for each data type on each dialect
// (attributesToSQL), into types.txt: SEQUELIZE=/path/to/node_modules/sequelize node types.js > types.txt
const { Sequelize, DataTypes: D } = require(process.env.SEQUELIZE || 'sequelize');
const types = {
  STRING: D.STRING, STRING20: D.STRING(20), STRINGBIN: D.STRING.BINARY, STRING20BIN: D.STRING(20).BINARY,
  CHAR: D.CHAR, CHAR10: D.CHAR(10), CHARBIN: D.CHAR.BINARY, TEXT: D.TEXT, TEXTlong: D.TEXT('long'), TEXTtiny: D.TEXT('tiny'), TEXTmedium: D.TEXT('medium'),
  CITEXT: D.CITEXT, TSVECTOR: D.TSVECTOR,
  INTEGER: D.INTEGER, INTEGER11: D.INTEGER(11), INTUNS: D.INTEGER.UNSIGNED, INT11UNSZF: D.INTEGER(11).UNSIGNED.ZEROFILL, INTZF: D.INTEGER.ZEROFILL,
  BIGINT: D.BIGINT, BIGINT20: D.BIGINT(20), BIGINTUNS: D.BIGINT.UNSIGNED, SMALLINT: D.SMALLINT, SMALLINTUNS: D.SMALLINT.UNSIGNED, TINYINT: D.TINYINT, TINYINT1: D.TINYINT(1), TINYINTUNS: D.TINYINT.UNSIGNED, MEDIUMINT: D.MEDIUMINT,
  FLOAT: D.FLOAT, FLOAT8: D.FLOAT(8), FLOAT10_2: D.FLOAT(10,2), FLOATUNS: D.FLOAT.UNSIGNED, REAL: D.REAL, REAL10_2: D.REAL(10,2), DOUBLE: D.DOUBLE, DOUBLE10_2: D.DOUBLE(10,2), DOUBLEPREC: D['DOUBLE PRECISION'],
  DECIMAL: D.DECIMAL, DECIMAL10_2: D.DECIMAL(10,2), DECIMAL10: D.DECIMAL(10), DECIMALUNS: D.DECIMAL(10,2).UNSIGNED, NUMERIC: D.NUMERIC, NUMERIC5_1: D.NUMERIC(5,1),
  BOOLEAN: D.BOOLEAN, DATE: D.DATE, DATE3: D.DATE(3), DATE6: D.DATE(6), DATEONLY: D.DATEONLY, TIME: D.TIME, NOW: D.NOW,
  UUID: D.UUID, UUIDV4: D.UUIDV4, JSON: D.JSON, JSONB: D.JSONB, BLOB: D.BLOB, BLOBlong: D.BLOB('long'), BLOBtiny: D.BLOB('tiny'), BLOBmedium: D.BLOB('medium'),
  ENUM: D.ENUM('a','b'), ENUMV: {type: D.ENUM, values: ['x','y']}, ENUMArr: D.ENUM(['p','q']),
  ARRAYSTR: D.ARRAY(D.STRING), ARRAYINT: D.ARRAY(D.INTEGER), ARRAYTEXT: D.ARRAY(D.TEXT), ARRAYENUM: D.ARRAY(D.ENUM('m','n')),
  INET: D.INET, CIDR: D.CIDR, MACADDR: D.MACADDR, HSTORE: D.HSTORE, GEOMETRY: D.GEOMETRY, GEOMPOINT: D.GEOMETRY('POINT'), GEOMPOINTSRID: D.GEOMETRY('POINT', 4326), GEOGRAPHY: D.GEOGRAPHY,
  RANGEINT: D.RANGE(D.INTEGER), RANGEDATE: D.RANGE(D.DATE), VIRTUAL: D.VIRTUAL,
  STRTIMESTAMP: 'TIMESTAMP', STRCAST: 'INTEGER USING CAST("x" as INTEGER)', STRvarchar: 'varchar(30)',
};
for (const dialect of ['postgres','mysql','sqlite']) {
  const s = new Sequelize({dialect, storage: ':memory:', logging: false, host: 'localhost', username:'x', database:'x'});
  const qg = s.getQueryInterface().queryGenerator;
  const out = {};
  for (const [k, t] of Object.entries(types)) {
    try {
      const attr = s.normalizeAttribute((t && Object.getPrototypeOf(t) === Object.prototype) ? {...t} : {type: t});
      const sql = qg.attributesToSQL({c: attr}, {table: 'tt', context: 'createTable'});
      out[k] = sql.c;
    } catch (e) { out[k] = 'ERR ' + e.message; }
  }
  console.log('==', dialect); for (const [k,v] of Object.entries(out)) console.log(k.padEnd(14), v);
}
