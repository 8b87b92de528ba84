/**
 * Dot products of every row of a claim matrix with a query, four lanes at a time (WebAssembly
 * SIMD): at 100k × 384 floats the plain JS loop is most of a search's time, this is a fraction.
 * The module is assembled below from its instructions (no build step, no binary blob); where
 * WebAssembly SIMD is unavailable, `createVectorStore` returns undefined and callers use JS.
 *
 * Memory layout of one store: [query: 64 KiB][scores: capacity × f32][rows: capacity × dim × f32].
 */

// Opcodes used (WebAssembly core + SIMD proposal, final numbering).
const I32 = 0x7f;
const V128 = 0x7b;
const op = {
  block: 0x02,
  loop: 0x03,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  get: 0x20,
  set: 0x21,
  i32Const: 0x41,
  i32GeU: 0x4f,
  i32Add: 0x6a,
  i32Shl: 0x74,
  f32Add: 0x92,
  f32Store: 0x38,
} as const;
const simd = (code: number): number[] =>
  code < 0x80 ? [0xfd, code] : [0xfd, (code & 0x7f) | 0x80, code >> 7];
const V128_LOAD = 0x00;
const V128_CONST = 0x0c;
const F32X4_EXTRACT_LANE = 0x1f;
const F32X4_ADD = 0xe4;
const F32X4_MUL = 0xe6;

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}
const section = (id: number, body: number[]): number[] => [id, ...leb(body.length), ...body];
const name = (s: string): number[] => [s.length, ...Array.from(s, (c) => c.charCodeAt(0))];

/** `dots(rows, query, count, dim, out)`: out[r] = Σ rows[r·dim + i] · query[i]; dim % 4 = 0. */
function assemble(): Uint8Array {
  // Params 0 rows, 1 query, 2 count, 3 dim, 4 out; locals 5 r, 6 i, 7 p (row cursor), 8 acc.
  const [ROWS, QUERY, COUNT, DIM, OUT, R, I, P, ACC] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const lane = (n: number) => [op.get, ACC, ...simd(F32X4_EXTRACT_LANE), n];
  // prettier-ignore
  const body = [
    2, 3, I32, 1, V128, //                                   locals: 3 × i32, 1 × v128
    op.get, ROWS, op.set, P, //                              p = rows
    op.block, 0x40, op.loop, 0x40, //                        for (;;) {
    op.get, R, op.get, COUNT, op.i32GeU, op.brIf, 1, //        if (r >= count) break
    ...simd(V128_CONST), ...new Array<number>(16).fill(0), op.set, ACC, // acc = 0
    op.i32Const, 0, op.set, I, //                              i = 0
    op.block, 0x40, op.loop, 0x40, //                          for (;;) {
    op.get, I, op.get, DIM, op.i32GeU, op.brIf, 1, //            if (i >= dim) break
    op.get, ACC, //                                              acc +=
    op.get, P, ...simd(V128_LOAD), 2, 0, //                        load(p) *
    op.get, QUERY, op.get, I, op.i32Const, 2, op.i32Shl, op.i32Add, ...simd(V128_LOAD), 2, 0, // load(query + 4i)
    ...simd(F32X4_MUL), ...simd(F32X4_ADD), op.set, ACC,
    op.get, P, op.i32Const, 16, op.i32Add, op.set, P, //         p += 16
    op.get, I, op.i32Const, 4, op.i32Add, op.set, I, //          i += 4
    op.br, 0, op.end, op.end, //                               }
    op.get, OUT, op.get, R, op.i32Const, 2, op.i32Shl, op.i32Add, // out[r] =
    ...lane(0), ...lane(1), op.f32Add, ...lane(2), op.f32Add, ...lane(3), op.f32Add, // Σ lanes
    op.f32Store, 2, 0,
    op.get, R, op.i32Const, 1, op.i32Add, op.set, R, //        r += 1
    op.br, 0, op.end, op.end, //                             }
    op.end,
  ];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 5, I32, I32, I32, I32, I32, 0]),
    ...section(2, [1, ...name('env'), ...name('mem'), 0x02, 0x00, 0x01]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...name('dots'), 0x00, 0]),
    ...section(10, [1, ...leb(body.length), ...body]),
  ]);
}

/** The part of the WebAssembly JS API used here (not in this project's TypeScript libs). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer };
}
const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

let compiled: object | null | undefined;

function module(): object | null {
  if (compiled === undefined) {
    try {
      if (!wasm) throw new Error('no WebAssembly');
      compiled = new wasm.Module(assemble());
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

const PAGE = 65_536;
const QUERY_BYTES = PAGE;

/** Rows in WebAssembly memory with the query and score buffers next to them. */
export interface VectorStore {
  dim: number;
  capacity: number;
  /** capacity × dim floats: write rows here. */
  rows: Float32Array;
  /** Scores of rows 0…count−1 against `query` (a view valid until the next call). */
  score(query: Float32Array, count: number): Float32Array;
}

/** A store for `capacity` rows of `dim` floats, or undefined without WebAssembly SIMD. */
export function createVectorStore(dim: number, capacity: number): VectorStore | undefined {
  const mod = module();
  if (!wasm || !mod || dim === 0 || dim % 4 !== 0 || dim * 4 > QUERY_BYTES) return undefined;
  const scoresAt = QUERY_BYTES;
  const rowsAt = scoresAt + Math.ceil((capacity * 4) / 16) * 16;
  const bytes = rowsAt + capacity * dim * 4;
  if (bytes > 4 * 1024 ** 3 - PAGE) return undefined;
  const memory = new wasm.Memory({ initial: Math.ceil(bytes / PAGE) });
  const instance = new wasm.Instance(mod, { env: { mem: memory } });
  const dots = instance.exports.dots as (
    rows: number,
    query: number,
    count: number,
    dim: number,
    out: number,
  ) => void;
  const query = new Float32Array(memory.buffer, 0, dim);
  const scores = new Float32Array(memory.buffer, scoresAt, capacity);
  return {
    dim,
    capacity,
    rows: new Float32Array(memory.buffer, rowsAt, capacity * dim),
    score(q, count) {
      query.set(q);
      dots(rowsAt, 0, Math.min(count, capacity), dim, scoresAt);
      return scores;
    },
  };
}
