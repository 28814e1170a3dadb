import type { ModelKind } from '../../../src/core/config.js';
import type { CellMath } from './cell.js';
import { gru } from './gru.js';
import { lstm } from './lstm.js';
import { mlp } from './mlp.js';
import { rnn } from './rnn.js';

export const CELLS: Record<ModelKind, CellMath> = { gru, lstm, rnn, mlp };
export * from './cell.js';
