/** What test/distribution/fixtures/probe.js saw in its frame. */
export interface ProbeOutcome {
  state: string;
  error: { code: string; message: string } | null;
  notice: string | null;
  epochs: number | null;
  violations: string[];
}

let nextProbe = 0;

/**
 * Opens the probe page in an iframe (on this page's origin, with `csp` as its
 * Content-Security-Policy header when given), lets it load rnn-lab from `lib` and
 * train one trainer with `attributes`, and resolves with what it saw.
 */
export function runProbe(lib: string, attributes: Record<string, string>, csp?: string): Promise<ProbeOutcome> {
  const id = String(++nextProbe);
  const query = new URLSearchParams({ id, lib });
  for (const [name, value] of Object.entries(attributes)) query.set(`attr.${name}`, value);
  if (csp) query.set('csp', csp);
  const frame = document.createElement('iframe');
  frame.src = `/test/distribution/fixtures/probe.html?${query}`;
  return new Promise((resolve) => {
    const listen = (event: MessageEvent) => {
      if (event.data?.probe !== id) return;
      window.removeEventListener('message', listen);
      frame.remove();
      resolve(event.data as ProbeOutcome);
    };
    window.addEventListener('message', listen);
    document.body.append(frame);
  });
}
