/** The build's cssText plugin turns `import text from 'x.css'` into the file's text. */
declare module '*.css' {
  const text: string;
  export default text;
}

/** The built worker's source (rollup.config.mjs, workerSource()). */
declare module 'rnn-lab:worker-source' {
  const source: string;
  export default source;
}
