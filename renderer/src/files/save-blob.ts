/** Hands a finished file to the browser as a download. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The click starts the download asynchronously: the URL must outlive it a little.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
