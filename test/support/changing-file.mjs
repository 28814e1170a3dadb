/**
 * Test middleware: `/__changing.csv` answers a different series on every request
 * (the counter in its first value), marked cacheable for an hour. A trainer that
 * re-reads `src` on each start sees a new first value; one that trusts the HTTP
 * cache sees the old one.
 */
let served = 0;

export async function changingFile(context, next) {
  if (context.path !== '/__changing.csv') return next();
  served++;
  context.set('Cache-Control', 'max-age=3600');
  context.type = 'text/csv';
  context.body = Array.from({ length: 200 }, (_, t) => (t === 0 ? served : Math.sin(t / 5)).toFixed(4)).join('\n');
}
