/**
 * Saves CSV text as a file. The UTF-8 byte order mark makes Excel (which
 * otherwise reads CSV in the system's legacy code page) show Chinese headers.
 */
export function downloadCsv(csv: string, fileName: string): void {
  download(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }), fileName);
}

/** Saves `blob` as a file, the way a download link would. */
export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The browser reads the URL after click() returns; revoking it at once can cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
