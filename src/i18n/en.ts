/**
 * English strings: the reference table. Every other language must have the same
 * keys (the `Translation` type checks it). `{name}` is replaced by a parameter;
 * `{name|attr}` by the translated label of the attribute the parameter names.
 */
export const en = {
  // Attribute labels, as the controls and error messages name them.
  'attr.models': 'models',
  'attr.hidden-size': 'hidden size',
  'attr.seq-len': 'sequence length',
  'attr.learning-rate': 'learning rate',
  'attr.epochs': 'epochs',
  'attr.split': 'train fraction',
  'attr.seed': 'seed',
  'attr.src': 'data URL',
  'attr.column': 'column',
  'attr.backend': 'backend',
  'attr.controls': 'controls',
  'attr.charts': 'charts',
  'attr.sweep': 'sweep',
  'attr.pace': 'pace',

  // Buttons and status.
  'action.train': 'Train',
  'action.pause': 'Pause',
  'action.resume': 'Resume',
  'action.stop': 'Stop',
  'action.reset': 'Reset',
  'state.idle': 'Ready',
  'state.loading': 'Loading data…',
  'state.training': 'Training',
  'state.paused': 'Paused',
  'state.done': 'Done',
  'state.stopped': 'Stopped',
  'state.error': 'Error',
  'status.epoch': 'epoch {epoch} of {epochs}',
  'status.trainLoss': 'train loss {value}',
  'status.testLoss': 'test loss {value}',
  'status.speed': '{value} epochs/s',
  'status.left': '{seconds} s left',

  // Controls, progress, results, announcements.
  'control.group': 'Experiment settings',
  'control.learningRateSlider': 'learning rate, on a log scale',
  'progress.label': 'Training progress',
  'announce.start': 'Training started: {models}.',
  'announce.progress': 'Training {percent}% done.',
  'announce.done': 'Training finished. {summary}.',
  'announce.stopped': 'Training stopped.',
  'summary.testLoss': '{model} test loss {value} after {epochs} epochs',
  'results.caption': 'Results',
  'results.model': 'Model',
  'results.epochs': 'Epochs',
  'results.trainMse': 'Train MSE',
  'results.testMse': 'Test MSE',
  'results.bestTestMse': 'Best test MSE',
  'results.speed': 'Epochs per second',
  'sweep.caption': 'Final test MSE for each {param|attr}',
  'sweep.testMse': '{model} test MSE',
  'status.backendFallback': 'The {requested} backend could not start; training on {used} instead.',

  // Errors (DESIGN §4): the attribute is named, and what it accepts.
  'error.integer': 'The {attribute|attr} ({attribute}) must be a whole number from {min} to {max}; got “{value}”.',
  'error.integerMin': 'The {attribute|attr} ({attribute}) must be a whole number of at least {min}; got “{value}”.',
  'error.number': 'The {attribute|attr} ({attribute}) must be a number from {min} to {max}; got “{value}”.',
  'error.numberOpen': 'The {attribute|attr} ({attribute}) must be a number greater than {min} and at most {max}; got “{value}”.',
  'error.oneOf': 'The {attribute|attr} ({attribute}) must be one of {options}; got “{value}”.',
  'error.listOf': 'The {attribute|attr} ({attribute}) must be “none” or a list of {options}; got “{value}”.',
  'error.models': 'The models attribute must list 1 to 4 different names from {options}; got “{value}”.',
  'error.sweep': 'The sweep attribute must be a numeric parameter ({options}) followed by one or more values; got “{value}”.',
  'error.sweepValue': 'The sweep attribute lists “{item}”, which is not a valid {param|attr} ({param}); got “{value}”.',
  'error.column': 'The column must be a column name or a 0-based index; got “{value}”.',
  'error.dataEmpty': 'The data has no values.',
  'error.dataHeaderOnly': 'The data has a header but no rows of numbers.',
  'error.dataCell': 'Line {line}: “{cell}” is not a finite number.',
  'error.dataColumnName': 'The data has no column “{column}”; its columns are {columns}.',
  'error.dataColumnIndex': 'Line {line} has no column {column} (counting from 0).',
  'error.dataTooShort': 'The data has {length} values: too few for a sequence length of {seqLen} with a train fraction of {split} (at least {needed} are needed).',
  'error.fetchNetwork': 'Could not load the data from {url}: the network failed, or the server does not allow this page to read it (CORS).',
  'error.fetchStatus': 'Could not load the data from {url}: the server answered {status}.',
  'error.inlineEmpty': 'The inline data is empty.',
  'error.diverged': 'Training of {model} diverged at epoch {epoch}: the loss is no longer a finite number. Try a smaller learning rate.',
  'error.worker': 'The training worker stopped unexpectedly: {reason}.',
  'error.backend': 'No TensorFlow.js backend could start: {reason}.',
} as const;

export type MessageKey = keyof typeof en;
export type Translation = Record<MessageKey, string>;
