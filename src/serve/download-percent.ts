/**
 * How far a download has come, as the whole percent the server's lines and the page's status panel show.
 * Pure, so the page's bundle takes it too.
 */
export function downloadPercent(download: { received: number; total?: number | undefined }): string {
  if (download.total === undefined || download.total === 0) return "?";
  return String(Math.floor(Math.min(1, download.received / download.total) * 100));
}
