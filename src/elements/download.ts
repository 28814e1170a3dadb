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
