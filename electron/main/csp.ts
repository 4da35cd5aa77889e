import { urlOrigin } from './app-url.js';

/**
 * The page's Content-Security-Policy. Styles allow 'unsafe-inline' because naive-ui injects its CSS
 * at run time; scripts never do. In development the Vite server's origin and its HMR socket are added.
 */
export function contentSecurityPolicy(devServerUrl?: string): string {
  const dev = devServerUrl ? urlOrigin(devServerUrl) : null;
  const devSocket = dev ? dev.replace(/^http/, 'ws') : null;
  const extra = (...sources: (string | null)[]) => sources.filter((s): s is string => s !== null).map((s) => ` ${s}`).join('');
  return [
    `default-src 'self' app:${extra(dev)}`,
    `script-src 'self'${extra(dev)}`,
    `style-src 'self' 'unsafe-inline'${extra(dev)}`,
    `img-src 'self' data:${extra(dev)}`,
    `font-src 'self' data:${extra(dev)}`,
    `connect-src 'self'${extra(dev, devSocket)}`,
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
