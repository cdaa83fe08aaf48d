// A small lodash: the functions migrations and seeders use.
'use strict';
const iter = (f) => typeof f === 'function' ? f : typeof f === 'string' ? (o) => get(o, f) : f && typeof f === 'object' ? (o) => Object.keys(f).every((k) => o && o[k] === f[k]) : (x) => x;
const vals = (c) => c == null ? [] : Array.isArray(c) || typeof c === 'string' ? Array.from(c) : Object.values(c);
const words = (s) => String(s).replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2').split(/[^A-Za-z0-9]+/).filter(Boolean);
function get(o, path, d) {
  const parts = Array.isArray(path) ? path : String(path).replace(/\[(\w+)\]/g, '.$1').split('.').filter((p) => p !== '');
  let v = o;
  for (const p of parts) { if (v == null) return d; v = v[p]; }
  return v === undefined ? d : v;
}
const _ = {
  get,
  map: (c, f) => { const g = iter(f); return Array.isArray(c) ? c.map((v, i) => g(v, i, c)) : c == null ? [] : Object.keys(c).map((k) => g(c[k], k, c)); },
  forEach: (c, f) => { if (Array.isArray(c)) c.forEach(f); else if (c != null) Object.keys(c).forEach((k) => f(c[k], k, c)); return c; },
  filter: (c, f) => vals(c).filter(iter(f)),
  reject: (c, f) => { const g = iter(f); return vals(c).filter((v, i) => !g(v, i)); },
  find: (c, f) => vals(c).find(iter(f)),
  some: (c, f) => vals(c).some(iter(f)),
  every: (c, f) => vals(c).every(iter(f)),
  includes: (c, v) => typeof c === 'string' ? c.includes(v) : vals(c).includes(v),
  reduce: (c, f, ...acc) => Array.isArray(c) ? c.reduce(f, ...acc) : Object.keys(c || {}).reduce((a, k) => f(a, c[k], k, c), ...acc),
  keys: (o) => o == null ? [] : Object.keys(o),
  values: vals,
  entries: (o) => Object.entries(o || {}),
  toPairs: (o) => Object.entries(o || {}),
  fromPairs: (p) => Object.fromEntries(p || []),
  pick: (o, ...ks) => { const out = {}; for (const k of ks.flat()) if (o != null && k in Object(o)) out[k] = o[k]; return out; },
  omit: (o, ...ks) => { const drop = new Set(ks.flat()); const out = {}; for (const k of Object.keys(o || {})) if (!drop.has(k)) out[k] = o[k]; return out; },
  mapValues: (o, f) => { const g = iter(f); const out = {}; for (const k of Object.keys(o || {})) out[k] = g(o[k], k, o); return out; },
  mapKeys: (o, f) => { const out = {}; for (const k of Object.keys(o || {})) out[f(o[k], k, o)] = o[k]; return out; },
  assign: Object.assign,
  extend: Object.assign,
  merge: function merge(t, ...ss) { for (const s of ss) for (const k of Object.keys(s || {})) { if (s[k] && typeof s[k] === 'object' && !Array.isArray(s[k]) && t[k] && typeof t[k] === 'object') merge(t[k], s[k]); else t[k] = s[k]; } return t; },
  defaults: (t, ...ss) => { for (const s of ss) for (const k of Object.keys(s || {})) if (t[k] === undefined) t[k] = s[k]; return t; },
  clone: (v) => Array.isArray(v) ? v.slice() : v && typeof v === 'object' ? Object.assign({}, v) : v,
  cloneDeep: (v) => v === undefined ? v : JSON.parse(JSON.stringify(v)),
  isEmpty: (v) => v == null || (typeof v === 'object' ? Object.keys(v).length === 0 : typeof v === 'string' || Array.isArray(v) ? v.length === 0 : true),
  isNil: (v) => v == null, isNull: (v) => v === null, isUndefined: (v) => v === undefined,
  isString: (v) => typeof v === 'string', isNumber: (v) => typeof v === 'number', isBoolean: (v) => typeof v === 'boolean',
  isArray: Array.isArray, isFunction: (v) => typeof v === 'function', isObject: (v) => v !== null && (typeof v === 'object' || typeof v === 'function'),
  isPlainObject: (v) => v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype,
  isEqual: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  flatten: (a) => (a || []).flat(), flattenDeep: (a) => (a || []).flat(Infinity),
  uniq: (a) => Array.from(new Set(a || [])),
  uniqBy: (a, f) => { const g = iter(f); const seen = new Set(); return (a || []).filter((v) => { const k = g(v); if (seen.has(k)) return false; seen.add(k); return true; }); },
  compact: (a) => (a || []).filter(Boolean),
  chunk: (a, n = 1) => { const out = []; for (let i = 0; i < (a || []).length; i += n) out.push(a.slice(i, i + n)); return out; },
  range: (start, end, step) => { if (end === undefined) { end = start; start = 0; } step = step || (end < start ? -1 : 1); const out = []; for (let i = start; step > 0 ? i < end : i > end; i += step) out.push(i); return out; },
  times: (n, f) => Array.from({ length: n }, (_v, i) => (f ? f(i) : i)),
  difference: (a, ...bs) => { const drop = new Set(bs.flat()); return (a || []).filter((v) => !drop.has(v)); },
  intersection: (a, ...bs) => (a || []).filter((v) => bs.every((b) => b.includes(v))),
  union: (...as) => Array.from(new Set(as.flat())),
  without: (a, ...vs) => (a || []).filter((v) => !vs.includes(v)),
  first: (a) => (a || [])[0], head: (a) => (a || [])[0], last: (a) => (a || [])[(a || []).length - 1],
  groupBy: (c, f) => { const g = iter(f); const out = {}; for (const v of vals(c)) { const k = g(v); (out[k] = out[k] || []).push(v); } return out; },
  keyBy: (c, f) => { const g = iter(f); const out = {}; for (const v of vals(c)) out[g(v)] = v; return out; },
  sortBy: (c, f) => { const g = iter(f); return vals(c).slice().sort((a, b) => (g(a) > g(b) ? 1 : g(a) < g(b) ? -1 : 0)); },
  orderBy: (c, f, dirs) => { const g = iter(Array.isArray(f) ? f[0] : f); const s = vals(c).slice().sort((a, b) => (g(a) > g(b) ? 1 : g(a) < g(b) ? -1 : 0)); return (Array.isArray(dirs) ? dirs[0] : dirs) === 'desc' ? s.reverse() : s; },
  zipObject: (ks, vs) => Object.fromEntries((ks || []).map((k, i) => [k, (vs || [])[i]])),
  camelCase: (s) => words(s).map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase())).join(''),
  snakeCase: (s) => words(s).map((w) => w.toLowerCase()).join('_'),
  kebabCase: (s) => words(s).map((w) => w.toLowerCase()).join('-'),
  upperFirst: (s) => String(s).charAt(0).toUpperCase() + String(s).slice(1),
  lowerFirst: (s) => String(s).charAt(0).toLowerCase() + String(s).slice(1),
  capitalize: (s) => String(s).charAt(0).toUpperCase() + String(s).slice(1).toLowerCase(),
  startCase: (s) => words(s).map((w) => w[0].toUpperCase() + w.slice(1)).join(' '),
  trim: (s) => String(s).trim(), toLower: (s) => String(s).toLowerCase(), toUpper: (s) => String(s).toUpperCase(),
  identity: (v) => v, noop: () => undefined,
  sum: (a) => (a || []).reduce((x, y) => x + y, 0),
  max: (a) => (a && a.length ? Math.max(...a) : undefined), min: (a) => (a && a.length ? Math.min(...a) : undefined),
  size: (c) => vals(c).length,
  has: (o, k) => o != null && Object.prototype.hasOwnProperty.call(o, k),
  set: (o, path, v) => { const parts = String(path).split('.'); let cur = o; parts.slice(0, -1).forEach((p) => { cur = cur[p] = cur[p] || {}; }); cur[parts[parts.length - 1]] = v; return o; },
};
_.each = _.forEach;
module.exports = _;
module.exports.default = _;
