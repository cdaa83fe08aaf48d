// A small bluebird: native promises with the helpers migrations use.
'use strict';
const B = function (executor) { return new Promise(executor); };
B.resolve = (v) => Promise.resolve(v);
B.reject = (e) => Promise.reject(e);
B.all = (ps) => Promise.all(ps);
B.props = async (o) => { const out = {}; for (const k of Object.keys(o)) out[k] = await o[k]; return out; };
B.map = async (items, f) => Promise.all(Array.from(await items).map((v, i) => f(v, i)));
B.mapSeries = async (items, f) => { const out = []; let i = 0; for (const v of await items) out.push(await f(v, i++)); return out; };
B.each = async (items, f) => { let i = 0; const list = await items; for (const v of list) await f(v, i++); return list; };
B.reduce = async (items, f, acc) => { let i = 0; for (const v of await items) acc = await f(acc, v, i++); return acc; };
B.delay = (ms, v) => Promise.resolve(v);
B.try = (f) => { try { return Promise.resolve(f()); } catch (e) { return Promise.reject(e); } };
B.Promise = B;
module.exports = B;
module.exports.default = B;
