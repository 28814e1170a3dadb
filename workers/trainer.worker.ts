/**
 * The training worker. Comlink's `expose` runs synchronously at the top level,
 * before any message can arrive; everything tfjs is set up lazily per job.
 */
import * as Comlink from 'comlink';
import { createTrainerApi } from './engine/trainer-api.js';

Comlink.expose(createTrainerApi());
