// The recording "sequelize" module: DataTypes as descriptors the Go side
// reads (key and options), Op symbols, fn/literal/col/where values and
// QueryTypes. Nothing here talks to a database.
'use strict';

function typeInstance(key, opts) {
  const t = Object.create(TypeProto);
  t.key = key;
  t.options = opts || {};
  return t;
}
const TypeProto = {
  __strataType: true,
  get UNSIGNED() { return typeInstance(this.key, Object.assign({}, this.options, { unsigned: true })); },
  get ZEROFILL() { return typeInstance(this.key, Object.assign({}, this.options, { zerofill: true })); },
  get BINARY() { return typeInstance(this.key, Object.assign({}, this.options, { binary: true })); },
  toString() { return sqlOf(this); },
  toSql() { return sqlOf(this); },
};

// sqlOf is Sequelize's toSql() for the types every dialect spells the same
// way (what a file concatenates: STRING(100) + ' CHARACTER SET …'); the
// others give their key.
function sqlOf(t) {
  const o = t.options || {};
  const tail = (o.unsigned ? ' UNSIGNED' : '') + (o.zerofill ? ' ZEROFILL' : '');
  switch (t.key) {
    case 'STRING': return `VARCHAR(${o.length || 255})${o.binary ? ' BINARY' : ''}`;
    case 'CHAR': return `CHAR(${o.length || 255})${o.binary ? ' BINARY' : ''}`;
    case 'TEXT': {
      const size = typeof o.length === 'string' ? o.length.toLowerCase() : '';
      return ({ tiny: 'TINYTEXT', medium: 'MEDIUMTEXT', long: 'LONGTEXT' })[size] || 'TEXT';
    }
    case 'INTEGER': case 'BIGINT': case 'SMALLINT': case 'TINYINT': case 'MEDIUMINT':
      return t.key + (o.length ? `(${o.length})` : '') + tail;
    case 'DECIMAL':
      return o.precision ? `DECIMAL(${o.precision},${o.scale || 0})` + tail : 'DECIMAL' + tail;
  }
  return t.key;
}

// What each type's arguments mean, as Sequelize's constructors read them.
function argsOf(key, args) {
  const a0 = args[0];
  const obj = a0 !== null && typeof a0 === 'object' && !Array.isArray(a0) && !a0.__strataType ? a0 : null;
  switch (key) {
    case 'STRING': case 'CHAR':
      return obj ? { length: obj.length, binary: obj.binary } : { length: a0, binary: args[1] };
    case 'TEXT': case 'BLOB':
      return obj ? { length: obj.length } : { length: a0 };
    case 'INTEGER': case 'BIGINT': case 'SMALLINT': case 'TINYINT': case 'MEDIUMINT':
      return obj ? { length: obj.length, unsigned: obj.unsigned, zerofill: obj.zerofill } : { length: a0 };
    case 'FLOAT': case 'REAL': case 'DOUBLE':
      return obj ? { length: obj.length, decimals: obj.decimals } : { length: a0, decimals: args[1] };
    case 'DECIMAL':
      return obj ? { precision: obj.precision, scale: obj.scale } : { precision: a0, scale: args[1] };
    case 'DATE': case 'TIME':
      return obj ? { length: obj.length } : { length: a0 };
    case 'ENUM': {
      let values = args;
      if (Array.isArray(a0)) values = a0;
      else if (obj) values = obj.values || [];
      return { values: Array.from(values) };
    }
    case 'ARRAY': case 'RANGE':
      return { type: typeOf(a0) };
    case 'GEOMETRY': case 'GEOGRAPHY':
      return obj ? { type: obj.type, srid: obj.srid } : { type: a0, srid: args[1] };
    case 'VIRTUAL':
      return { returnType: args[0] };
  }
  return {};
}

function typeOf(v) {
  if (typeof v === 'function' && v.__strataType) return typeInstance(v.key, {});
  return v;
}

function dataType(key) {
  const f = function (...args) { return typeInstance(key, argsOf(key, args)); };
  f.key = key;
  f.__strataType = true;
  f.options = {};
  Object.defineProperty(f, 'UNSIGNED', { get() { return typeInstance(key, { unsigned: true }); } });
  Object.defineProperty(f, 'ZEROFILL', { get() { return typeInstance(key, { zerofill: true }); } });
  Object.defineProperty(f, 'BINARY', { get() { return typeInstance(key, { binary: true }); } });
  f.toString = () => key;
  f.toSql = () => key;
  return f;
}

const keys = ['STRING', 'CHAR', 'TEXT', 'CITEXT', 'TSVECTOR', 'INTEGER', 'BIGINT', 'SMALLINT', 'TINYINT', 'MEDIUMINT',
  'FLOAT', 'REAL', 'DOUBLE', 'DECIMAL', 'BOOLEAN', 'DATE', 'DATEONLY', 'TIME', 'NOW', 'UUID', 'UUIDV1', 'UUIDV4',
  'JSON', 'JSONB', 'BLOB', 'ENUM', 'ARRAY', 'INET', 'CIDR', 'MACADDR', 'HSTORE', 'GEOMETRY', 'GEOGRAPHY', 'RANGE',
  'VIRTUAL', 'NOW', 'ABSTRACT', 'NUMBER'];
const DataTypes = {};
for (const k of keys) DataTypes[k] = dataType(k);
DataTypes.NUMERIC = DataTypes.DECIMAL;
DataTypes['DOUBLE PRECISION'] = DataTypes.DOUBLE;

const Op = {};
for (const k of ['eq', 'ne', 'gte', 'gt', 'lte', 'lt', 'not', 'is', 'in', 'notIn', 'like', 'notLike', 'iLike', 'notILike',
  'startsWith', 'endsWith', 'substring', 'regexp', 'notRegexp', 'iRegexp', 'notIRegexp', 'between', 'notBetween',
  'overlap', 'contains', 'contained', 'adjacent', 'strictLeft', 'strictRight', 'noExtendRight', 'noExtendLeft',
  'and', 'or', 'any', 'all', 'values', 'col', 'placeholder', 'join', 'match', 'anyKeyExists', 'allKeysExist']) {
  Op[k] = Symbol.for(k);
}

function mark(kind, o) { Object.defineProperty(o, '__strataRaw', { value: kind, enumerable: false }); return o; }
function fn(name, ...args) { return mark('fn', { fn: name, args }); }
function literal(val) { return mark('literal', { val }); }
function col(name) { return mark('col', { col: name }); }
function cast(val, type) { return mark('cast', { val, type }); }
function where(attribute, comparator, logic) {
  if (logic === undefined) { logic = comparator; comparator = Op.eq; }
  return mark('where', { attribute, comparator, logic });
}
function json(path, value) { return mark('json', { path, value }); }

const QueryTypes = {};
for (const k of ['SELECT', 'INSERT', 'UPDATE', 'BULKUPDATE', 'BULKDELETE', 'DELETE', 'UPSERT', 'VERSION', 'SHOWTABLES',
  'SHOWINDEXES', 'DESCRIBE', 'RAW', 'FOREIGNKEYS', 'SHOWCONSTRAINTS']) QueryTypes[k] = k;

class Model {}
class Transaction {}
Transaction.ISOLATION_LEVELS = { READ_UNCOMMITTED: 'READ UNCOMMITTED', READ_COMMITTED: 'READ COMMITTED', REPEATABLE_READ: 'REPEATABLE READ', SERIALIZABLE: 'SERIALIZABLE' };
Transaction.TYPES = { DEFERRED: 'DEFERRED', IMMEDIATE: 'IMMEDIATE', EXCLUSIVE: 'EXCLUSIVE' };

module.exports = { DataTypes, Op, QueryTypes, fn, literal, col, cast, where, json, Model, Transaction };
