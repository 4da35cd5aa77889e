export interface CspSources {
  /** A scheme the page's own files come from besides its origin (`app:` in the desktop window). */
  scheme?: string;
  /** The Vite dev server, in development: every kind of resource, and its HMR socket. */
  devServerOrigin?: string;
  /** The headless page's event socket, which `'self'` does not cover in every browser. */
  eventSocket?: string;
}

/**
 * The page's Content-Security-Policy, the same in both shells but for the sources above. Styles allow
 * 'unsafe-inline' because naive-ui injects its CSS at run time; scripts never do.
 */
export function contentSecurityPolicy(sources: CspSources): string {
  const dev = sources.devServerOrigin;
  const devSocket = dev?.replace(/^http/, 'ws');
  const extra = (...list: (string | undefined)[]) => list.filter((s): s is string => s !== undefined).map((s) => ` ${s}`).join('');
  return [
    `default-src 'self'${extra(sources.scheme, dev)}`,
    `script-src 'self'${extra(dev)}`,
    `style-src 'self' 'unsafe-inline'${extra(dev)}`,
    `img-src 'self' data:${extra(dev)}`,
    `font-src 'self' data:${extra(dev)}`,
    `connect-src 'self'${extra(dev, devSocket, sources.eventSocket)}`,
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
