// The cell math of rnn-lab's fused kernels, compiled to WebAssembly with SIMD
// by `npm run build` (../compile.mjs). Every function takes pointers into this
// module's memory; ../cell-math.ts copies tensors in and out.
export { gruForward, gruBackward, gruRollout } from './gru';
export { lstmForward, lstmBackward, lstmRollout } from './lstm';
export { rnnForward, rnnBackward, rnnRollout } from './rnn';
export { mlpForward, mlpBackward, mlpRollout } from './mlp';
export { adam } from './adam';

/** Where free memory begins, after the static data (exp's tables). */
export function heapBase(): usize {
  return __heap_base;
}
