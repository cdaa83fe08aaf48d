package sequelizejs

import (
	"crypto/sha256"
	"fmt"
	"strconv"

	"github.com/dop251/goja"
)

// deterministicBytes is n bytes derived from a label and a counter, so a
// recording gives the same ids each time (and the migration's checksum
// stays).
func deterministicBytes(label string, i, n int) []byte {
	var out []byte
	for k := 0; len(out) < n; k++ {
		sum := sha256.Sum256([]byte(label + "-" + strconv.Itoa(i) + "-" + strconv.Itoa(k)))
		out = append(out, sum[:]...)
	}
	return out[:n]
}

// cryptoModule is Node's crypto with what migrations use to make ids:
// randomUUID (a v4 UUID from a counter of the Runtime's, as uuid's v4) and
// randomBytes (bytes from a counter, with toString('hex')).
func cryptoModule(r *Runtime) goja.Value {
	vm := r.VM
	o := vm.NewObject()
	n := 0
	_ = o.Set("randomUUID", func() string {
		n++
		b := deterministicBytes("strata-crypto-uuid", n, 16)
		b[6] = b[6]&0x0f | 0x40
		b[8] = b[8]&0x3f | 0x80
		return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
	})
	_ = o.Set("randomBytes", func(size int) *goja.Object {
		n++
		b := deterministicBytes("strata-crypto-bytes", n, size)
		buf := vm.NewObject()
		_ = buf.Set("length", size)
		_ = buf.Set("toString", func(enc string) string {
			if enc == "hex" {
				return fmt.Sprintf("%x", b)
			}
			return string(b)
		})
		return buf
	})
	_ = o.Set("default", o)
	return o
}

// nanoidAlphabet is nanoid's default alphabet (URL-safe).
const nanoidAlphabet = "useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict"

// nanoidModule is the nanoid package: nanoid(size) and
// customAlphabet(alphabet, size), giving ids from a counter of the
// Runtime's, so a recording is the same each time.
func nanoidModule(r *Runtime) goja.Value {
	vm := r.VM
	o := vm.NewObject()
	n := 0
	gen := func(alphabet string, size int) string {
		if size <= 0 {
			size = 21
		}
		n++
		b := deterministicBytes("strata-nanoid", n, size)
		out := make([]byte, size)
		for i := range out {
			out[i] = alphabet[int(b[i])%len(alphabet)]
		}
		return string(out)
	}
	_ = o.Set("nanoid", func(c goja.FunctionCall) goja.Value {
		return vm.ToValue(gen(nanoidAlphabet, int(c.Argument(0).ToInteger())))
	})
	_ = o.Set("customAlphabet", func(alphabet string, size goja.Value) goja.Value {
		def := 21
		if size != nil && !goja.IsUndefined(size) {
			def = int(size.ToInteger())
		}
		return vm.ToValue(func(c goja.FunctionCall) goja.Value {
			s := def
			if a := c.Argument(0); !goja.IsUndefined(a) {
				s = int(a.ToInteger())
			}
			return vm.ToValue(gen(alphabet, s))
		})
	})
	_ = o.Set("default", o.Get("nanoid"))
	return o
}

// extraGlobals installs console.time/timeEnd (no output), performance.now
// (the milliseconds since the recording started: always 0) and
// Bluebird's promise methods of Sequelize v4 and v5 (tap, spread, each,
// map, mapSeries, return, thenReturn) on native promises, which
// queryInterface's calls return.
const extraGlobals = `(function () {
  for (const k of ['time', 'timeEnd', 'timeLog', 'group', 'groupEnd', 'table', 'dir', 'count']) {
    if (!console[k]) console[k] = function () {};
  }
  if (typeof globalThis.performance === 'undefined') globalThis.performance = { now: () => 0 };
  const P = Promise.prototype;
  const def = (name, f) => { if (!P[name]) Object.defineProperty(P, name, { value: f, writable: true, configurable: true }); };
  def('tap', function (f) { return this.then(async (v) => { await f(v); return v; }); });
  def('spread', function (f) { return this.then((v) => f(...v)); });
  def('each', function (f) { return this.then(async (list) => { let i = 0; for (const v of list) await f(v, i++, list.length); return list; }); });
  def('mapSeries', function (f) { return this.then(async (list) => { const out = []; let i = 0; for (const v of list) out.push(await f(v, i++, list.length)); return out; }); });
  def('map', function (f) { return this.then((list) => Promise.all(Array.from(list).map((v, i) => f(v, i, list.length)))); });
  def('return', function (v) { return this.then(() => v); });
  def('thenReturn', function (v) { return this.then(() => v); });
})()`
