/**
 * PyTorch's CPU random generator, so that `seed` means `torch.manual_seed(seed)`
 * and a model starts from the very float32 values the textbook's notebook gets.
 * Pure: no DOM, no tfjs. Checked bit for bit against PyTorch by
 * test/workers/engine/params.test.ts (fixture: test/reference/make_init_fixtures.py).
 *
 * - The engine is mt19937 (ATen's `at::mt19937`, the same numbers as C++'s
 *   `std::mt19937`), seeded as `torch.manual_seed` seeds it: with the low 32 bits
 *   of the seed.
 * - `uniform_` on a float32 tensor takes one 32-bit draw per element, keeps its
 *   low 24 bits as `x = k / 2^24` and returns `x * (to - from) + from`, with
 *   `from` and `to` first rounded to float32. That expression is written in
 *   float32 arithmetic, and PyTorch's x86 builds compile it, in the kernel they
 *   run on any AVX2 or AVX-512 CPU, as one fused multiply-add, rounded once.
 *   (Forced to its plain kernel, `ATEN_CPU_CAPABILITY=default`, PyTorch rounds
 *   the product first and gets about half the values one ulp apart.) For the
 *   symmetric ranges of every default init the exact result fits a double, so
 *   one double expression rounded to float32 is that fused result exactly.
 */

const N = 624;
const M = 397;

export class TorchGenerator {
  private readonly state = new Uint32Array(N);
  private index = N;

  /** The generator after `torch.manual_seed(seed)`; `seed` is an integer >= 0. */
  constructor(seed: number) {
    const state = this.state;
    state[0] = seed % 2 ** 32;
    for (let i = 1; i < N; i++) {
      const prev = state[i - 1] ^ (state[i - 1] >>> 30);
      state[i] = Math.imul(1812433253, prev) + i;
    }
  }

  /** The next 32-bit draw, as an unsigned integer. */
  nextUint32(): number {
    if (this.index >= N) this.twist();
    let y = this.state[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** `tensor.uniform_(from, to)` on a float32 tensor of `out.length` elements, filled in memory order. */
  uniform(out: Float32Array, from: number, to: number): Float32Array {
    const low = Math.fround(from);
    const range = Math.fround(Math.fround(to) - low);
    for (let i = 0; i < out.length; i++) {
      const x = (this.nextUint32() & 0xffffff) / 0x1000000;
      out[i] = x * range + low;
    }
    return out;
  }

  private twist(): void {
    const state = this.state;
    for (let i = 0; i < N; i++) {
      const y = (state[i] & 0x80000000) | (state[(i + 1) % N] & 0x7fffffff);
      state[i] = state[(i + M) % N] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    this.index = 0;
  }
}
