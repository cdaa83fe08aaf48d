// The recording "sequelize" and "sequelize-typescript" modules that
// LoadModels gives model files. Nothing here touches a database: define,
// init, the association calls and the decorators write a plain
// description into __models, which Go reads back as JSON.
(function (host) {
  const models = [];
  const byName = {};
  const pending = new Map(); // class → decorated properties, before @Table

  function srcOf(fn, near) {
    if (typeof fn !== 'function') return undefined;
    return { source: String(fn), line: host.lineOf(String(fn), near || '') };
  }

  // DataTypes are the recording sequelize module's (datatypes.go reads
  // them back).
  const DataTypes = host.DataTypes;
  const typeKeys = Object.keys(DataTypes);
  const isType = (v) => v && (typeof v === 'function' || typeof v === 'object') && v.__strataType;
  const readType = (v) => ({ __dataType: JSON.parse(host.readType(v)) });

  function plain(v) {
    if (v === null || v === undefined) return v;
    if (isType(v)) return readType(v);
    if (typeof v === 'function') return { __code: srcOf(v) };
    if (v instanceof Date) return { __date: v.toISOString() };
    if (v instanceof RegExp) return { __regexp: String(v) };
    if (Array.isArray(v)) return v.map(plain);
    if (typeof v === 'object') {
      if (v.__model) return { __model: v.__model.name };
      const o = {};
      for (const k of Object.keys(v)) o[k] = plain(v[k]);
      return o;
    }
    return v;
  }

  function literal(text) { return { __literal: String(text) }; }
  function fn(name, ...args) { return { __fn: String(name), args: args.map(plain) }; }
  function col(name) { return { __col: String(name) }; }

  function attributes(attrs) {
    const out = [];
    for (const name of Object.keys(attrs || {})) {
      let a = attrs[name];
      if (isType(a) || typeof a === 'string') a = { type: a };
      const d = {};
      for (const k of Object.keys(a || {})) {
        const v = a[k];
        if ((k === 'get' || k === 'set') && typeof v === 'function') d[k] = srcOf(v, name);
        else if (k === 'validate') d[k] = validations(v);
        else if (k === 'type') d[k] = typeof v === 'string' ? JSON.parse(host.readType(v)) : isType(v) ? readType(v).__dataType : plain(v);
        else d[k] = plain(v);
      }
      d.name = name;
      out.push(d);
    }
    return out;
  }

  function validations(v) {
    const out = [];
    for (const k of Object.keys(v || {})) {
      const x = v[k];
      if (typeof x === 'function') out.push({ name: k, code: srcOf(x, k) });
      else if (x && typeof x === 'object' && !Array.isArray(x) && ('args' in x || 'msg' in x)) out.push({ name: k, arg: plain(x.args === undefined ? true : x.args), msg: x.msg });
      else out.push({ name: k, arg: plain(x) });
    }
    return out;
  }

  function modelOptions(o) {
    const d = {};
    for (const k of Object.keys(o || {})) {
      if (k === 'sequelize') continue;
      const v = o[k];
      if (k === 'hooks' || k === 'scopes' || k === 'getterMethods' || k === 'setterMethods' || k === 'instanceMethods' || k === 'classMethods') {
        d[k] = {};
        for (const n of Object.keys(v || {})) {
          const h = v[n];
          d[k][n] = Array.isArray(h) ? h.map((x) => srcOf(x, n) || { source: JSON.stringify(plain(x)) }) : (srcOf(h, n) || { source: JSON.stringify(plain(h)) });
        }
      } else if (k === 'defaultScope') {
        d[k] = { source: JSON.stringify(plain(v)) };
      } else d[k] = plain(v);
    }
    return d;
  }

  // newDef starts a model; a name defined again replaces the model, as
  // in Sequelize.
  function newDef(name, form) {
    const def = { name, form, file: host.file(), line: host.line(), attributes: [], options: {}, associations: [], code: [] };
    const i = models.findIndex((m) => m.name === name);
    if (i >= 0) models.splice(i, 1);
    models.push(def);
    byName[name] = def;
    return def;
  }

  // withDefaults is a model's options over its Sequelize's define options.
  function withDefaults(seq, options) {
    const d = (seq && seq.__define) || {};
    return Object.assign({}, d, options || {});
  }

  function targetName(t) {
    if (typeof t === 'string') return t;
    if (t && t.__def) return t.__def.name;
    if (t && t.name) return t.name;
    return String(t);
  }

  function association(def, kind, target, opts, line) {
    const o = {};
    for (const k of Object.keys(opts || {})) {
      const v = opts[k];
      if (k === 'through') {
        if (typeof v === 'string') o.through = { model: v };
        else if (v && v.model !== undefined) o.through = { model: targetName(v.model), scope: plain(v.scope), unique: v.unique, paranoid: v.paranoid };
        else o.through = { model: targetName(v), isModel: true };
        if (v && typeof v === 'function' && v.__def) o.through.isModel = true;
        if (v && v.model && typeof v.model === 'function') o.through.isModel = true;
      } else if (k === 'foreignKey' || k === 'otherKey') {
        o[k] = typeof v === 'string' ? { name: v } : plain(v);
      } else o[k] = plain(v);
    }
    const a = { kind, target: targetName(target), options: o, line: line || host.line() };
    if (target === undefined || target === null) a.target = '';
    // index.js and the models' associate may both declare one.
    const same = JSON.stringify([a.kind, a.target, a.options]);
    if (def.associations.some((x) => JSON.stringify([x.kind, x.target, x.options]) === same)) return;
    def.associations.push(a);
  }

  class Model {
    static init(attrs, options) {
      const name = (options && options.modelName) || this.name;
      const def = newDef(name, 'init');
      def.attributes = attributes(attrs);
      def.options = modelOptions(withDefaults(options && options.sequelize, options));
      if (options && options.sequelize && options.sequelize.models) options.sequelize.models[name] = this;
      this.__def = def;
      methods(this, def);
      return this;
    }
    static hasMany(t, o) { association(this.__def, 'hasMany', t, o); }
    static hasOne(t, o) { association(this.__def, 'hasOne', t, o); }
    static belongsTo(t, o) { association(this.__def, 'belongsTo', t, o); }
    static belongsToMany(t, o) { association(this.__def, 'belongsToMany', t, o); }
    static addHook(type, name, f) { hook(this.__def, type, typeof name === 'function' ? name : f); }
    static addScope(name, s) { this.__def.code.push({ kind: 'scope', name, source: typeof s === 'function' ? String(s) : JSON.stringify(plain(s)), line: host.line() }); }
    static get rawAttributes() { return {}; }
  }
  const hookNames = ['beforeValidate', 'afterValidate', 'validationFailed', 'beforeCreate', 'afterCreate', 'beforeDestroy', 'afterDestroy',
    'beforeRestore', 'afterRestore', 'beforeUpdate', 'afterUpdate', 'beforeSave', 'afterSave', 'beforeUpsert', 'afterUpsert',
    'beforeBulkCreate', 'afterBulkCreate', 'beforeBulkDestroy', 'afterBulkDestroy', 'beforeBulkUpdate', 'afterBulkUpdate', 'beforeFind', 'afterFind', 'beforeCount'];
  for (const h of hookNames) {
    Model[h] = function (name, f) { hook(this.__def, h, typeof name === 'function' ? name : f); };
  }
  function hook(def, type, f) {
    if (def) def.code.push({ kind: 'hook', name: type, source: String(f), line: host.lineOf(String(f), type) || host.line() });
  }

  // methods lists a class's own methods (not associate) as code.
  function methods(cls, def) {
    for (const [obj, kind] of [[cls, 'classMethod'], [cls.prototype, 'instanceMethod']]) {
      for (const n of Object.getOwnPropertyNames(obj)) {
        if (['length', 'name', 'prototype', 'constructor', 'associate', '__def'].includes(n)) continue;
        const desc = Object.getOwnPropertyDescriptor(obj, n);
        if (desc.get) def.code.push({ kind: kind === 'classMethod' ? 'classGetter' : 'getter', name: n, source: String(desc.get), line: host.lineOf(String(desc.get), n) });
        if (desc.set) def.code.push({ kind: kind === 'classMethod' ? 'classSetter' : 'setter', name: n, source: String(desc.set), line: host.lineOf(String(desc.set), n) });
        if (typeof desc.value === 'function') def.code.push({ kind, name: n, source: String(desc.value), line: host.lineOf(String(desc.value), n) });
      }
    }
  }

  function defineModel(name, attrs, options) {
    const def = newDef(name, 'define');
    def.attributes = attributes(attrs);
    def.options = modelOptions(options);
    const M = class extends Model {};
    Object.defineProperty(M, 'name', { value: name });
    M.__def = def;
    // Sequelize 3's classMethods (associate among them) become statics,
    // as that version made them.
    const cm = options && options.classMethods;
    for (const k of Object.keys(cm || {})) {
      if (typeof cm[k] === 'function') M[k] = cm[k];
    }
    return M;
  }

  // Sequelize records the define options its constructor is given
  // (new Sequelize(url, {define: {underscored: true}})); any method it
  // lacks (authenticate, afterConnect, sync …) does nothing.
  function Sequelize(...args) {
    if (!(this instanceof Sequelize)) return new Sequelize(...args);
    this.models = {};
    const opts = args.find((a) => a && typeof a === 'object' && a.define);
    this.__define = opts ? plain(opts.define) : {};
    return new Proxy(this, {
      get(t, k) {
        if (k in t || typeof k === 'symbol' || k === 'then' || k === 'toJSON') return t[k];
        return function () { return undefined; };
      },
    });
  }
  Sequelize.prototype.define = function (name, attrs, options) {
    const M = defineModel(name, attrs, withDefaults(this, options));
    this.models[name] = M;
    return M;
  };
  Sequelize.prototype.literal = literal;
  Sequelize.prototype.fn = fn;
  Sequelize.prototype.col = col;
  Sequelize.prototype.getDialect = function () { return host.dialect; };
  Sequelize.literal = literal;
  Sequelize.fn = fn;
  Sequelize.col = col;
  Sequelize.DataTypes = DataTypes;
  Sequelize.Model = Model;
  Sequelize.Sequelize = Sequelize;
  Sequelize.Op = new Proxy({}, { get: (_, k) => '$' + String(k) });
  for (const k of typeKeys) Sequelize[k] = DataTypes[k];
  Sequelize.prototype.Sequelize = Sequelize;

  // sequelize-typescript: decorators record on the class, @Table (or the
  // Sequelize constructor's models list) makes the model.
  function props(cls) {
    let p = pending.get(cls);
    if (!p) {
      p = { attrs: {}, order: [], assocs: [], code: [] };
      pending.set(cls, p);
    }
    return p;
  }
  function prop(target, key) {
    const p = props(target.constructor);
    if (!p.attrs[key]) {
      p.attrs[key] = {};
      p.order.push(key);
    }
    return p.attrs[key];
  }
  function propDecorator(apply) {
    return function (target, key) { apply(prop(target, key), target, key); };
  }
  function flexible(apply) {
    // @AllowNull and @AllowNull(false); @Unique and @Unique('name').
    return function (a, b) {
      if (a && typeof a === 'object' && typeof b === 'string') { apply(prop(a, b), undefined); return undefined; }
      return propDecorator((d) => apply(d, a));
    };
  }
  const ts = {};
  ts.Table = function (a) {
    const finish = (cls, opts) => {
      const def = newDef((opts && opts.modelName) || cls.name, 'decorators');
      const p = props(cls);
      cls.__fks = p.order.filter((k) => p.attrs[k].__foreignKeyOf).map((k) => ({ key: k, getter: p.attrs[k].__foreignKeyOf }));
      for (const k of p.order) delete p.attrs[k].__foreignKeyOf;
      const attrs = {};
      for (const k of p.order) attrs[k] = p.attrs[k];
      def.attributes = attributes(attrs).map((x) => { if (!x.type) x.type = undefined; return x; });
      def.options = modelOptions(opts || {});
      cls.__def = def;
      methods(cls, def);
      Object.defineProperty(def, '__cls', { value: cls });
      Object.defineProperty(def, '__assocs', { value: p.assocs });
      def.code.push(...p.code);
      pending.delete(cls);
      return cls;
    };
    if (typeof a === 'function') return finish(a, {}) && undefined;
    return (cls) => { finish(cls, a); };
  };
  ts.Column = function (a, b) {
    if (a && typeof a === 'object' && typeof b === 'string' && !a.__strataType) { prop(a, b); return undefined; }
    return propDecorator((d) => {
      if (isType(a) || typeof a === 'string') d.type = a;
      else Object.assign(d, a || {});
    });
  };
  ts.AllowNull = flexible((d, v) => { d.allowNull = v === undefined ? true : v; });
  ts.Unique = flexible((d, v) => { d.unique = v === undefined ? true : v; });
  ts.PrimaryKey = propDecorator((d) => { d.primaryKey = true; });
  ts.AutoIncrement = propDecorator((d) => { d.autoIncrement = true; });
  ts.Default = (v) => propDecorator((d) => { d.defaultValue = v; });
  ts.Comment = (v) => propDecorator((d) => { d.comment = v; });
  ts.Length = (o) => propDecorator((d) => { d.validate = Object.assign(d.validate || {}, { len: [o.min || 0, o.max] }); });
  for (const [n, rule] of [['IsEmail', 'isEmail'], ['IsUrl', 'isUrl'], ['NotEmpty', 'notEmpty'], ['IsUUID', 'isUUID'], ['IsInt', 'isInt']]) {
    ts[n] = function (a, b) {
      if (a && typeof a === 'object' && typeof b === 'string') { const d = prop(a, b); d.validate = Object.assign(d.validate || {}, { [rule]: true }); return undefined; }
      return propDecorator((d) => { d.validate = Object.assign(d.validate || {}, { [rule]: a === undefined ? true : a }); });
    };
  }
  ts.Min = (v) => propDecorator((d) => { d.validate = Object.assign(d.validate || {}, { min: v }); });
  ts.Max = (v) => propDecorator((d) => { d.validate = Object.assign(d.validate || {}, { max: v }); });
  ts.IsIn = (v) => propDecorator((d) => { d.validate = Object.assign(d.validate || {}, { isIn: v }); });
  ts.Validate = (v) => propDecorator((d) => { d.validate = Object.assign(d.validate || {}, v); });
  for (const [n, opt] of [['CreatedAt', 'createdAt'], ['UpdatedAt', 'updatedAt'], ['DeletedAt', 'deletedAt']]) {
    ts[n] = function (target, key) { const d = prop(target, key); d.__stamp = opt; };
  }
  ts.ForeignKey = (getter) => propDecorator((d) => { d.__foreignKeyOf = getter; });
  for (const kind of ['BelongsTo', 'HasMany', 'HasOne', 'BelongsToMany']) {
    ts[kind] = function (getter, a, b) {
      return function (target, key) {
        const p = props(target.constructor);
        const k = kind[0].toLowerCase() + kind.slice(1);
        let opts = {};
        if (kind === 'BelongsToMany') {
          opts = Object.assign({}, typeof b === 'object' ? b : {}, typeof a === 'object' && a ? a : {});
          if (typeof a === 'function') opts.__through = a;
          if (typeof b === 'string') opts.foreignKey = b;
        } else if (typeof a === 'string') opts.foreignKey = a;
        else if (a) opts = Object.assign({}, a);
        if (!opts.as) opts.as = key;
        p.assocs.push({ kind: k, target: getter, opts, key, line: host.line() });
      };
    };
  }
  for (const h of hookNames) {
    ts[h[0].toUpperCase() + h.slice(1)] = function (target, key, desc) {
      const f = desc ? desc.value : target[key];
      props(target).code.push({ kind: 'hook', name: h, source: String(f), line: host.lineOf(String(f), "") });
    };
  }
  ts.Scopes = (f) => (cls) => { props(cls).code.push({ kind: 'scope', name: 'scopes', source: String(f), line: host.lineOf(String(f), "") }); };
  ts.DefaultScope = (f) => (cls) => { props(cls).code.push({ kind: 'scope', name: 'defaultScope', source: String(f), line: host.lineOf(String(f), "") }); };
  ts.Model = Model;
  ts.DataType = DataTypes;
  ts.Sequelize = Sequelize;

  host.set('sequelize', Sequelize);
  host.set('sequelizeTypescript', ts);
  host.set('records', function () {
    // @ForeignKey(() => User) names the key of the association to User.
    const pick = (cls, to) => { const f = (cls.__fks || []).find((x) => x.getter() === to); return f && f.key; };
    for (const def of models) {
      if (def.__done) continue;
      Object.defineProperty(def, '__done', { value: true });
      for (const x of def.__assocs || []) {
        const T = x.target();
        const o = Object.assign({}, x.opts);
        if (o.__through) { o.through = o.__through(); delete o.__through; }
        if (o.foreignKey === undefined) {
          const fk = x.kind === 'belongsTo' ? pick(def.__cls, T) : x.kind === 'belongsToMany' ? pick(o.through, def.__cls) : pick(T, def.__cls);
          if (fk) o.foreignKey = fk;
        }
        if (x.kind === 'belongsToMany' && o.otherKey === undefined) {
          const ok = pick(o.through, T);
          if (ok) o.otherKey = ok;
        }
        association(def, x.kind, T, o, x.line);
      }
    }
    return JSON.stringify(models.map((def) => {
      for (const a of def.attributes) {
        if (a.__stamp) { def.options[a.__stamp] = a.field || a.name; delete a.__stamp; }
      }
      return def;
    }));
  });
  host.set('count', function () { return models.length; });
  host.set('construct', function (factory) {
    return factory(new Sequelize(), DataTypes);
  });
})(__host);
