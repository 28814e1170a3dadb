/** The build's cssText plugin turns `import text from 'x.css'` into the file's text. */
declare module '*.css' {
  const text: string;
  export default text;
}
