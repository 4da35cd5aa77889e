import { app, shell, type Session, type WebContents } from 'electron';
import type { Logger } from '../core/log.js';
import { urlOrigin } from './app-url.js';
import { isSafeExternalUrl } from './external-url.js';
import { isPermissionAllowed } from './trusted-sender.js';

function openExternally(url: string, logger: Logger): void {
  if (!isSafeExternalUrl(url)) {
    logger.warn({ url: url.slice(0, 200) }, 'refused to open a link that is not https');
    return;
  }
  shell.openExternal(url).catch((error: unknown) => logger.warn({ err: error }, 'could not open a link in the browser'));
}

function hardenWebContents(contents: WebContents, logger: Logger): void {
  // The window never navigates away from the app; an https link is opened in the browser instead.
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openExternally(url, logger);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url, logger);
    return { action: 'deny' };
  });
}

/**
 * Applies to every web contents ever created (the window and anything a page could spawn), in the
 * spirit of Podman Desktop's security-restrictions.ts. Call before the first window is created.
 */
export function restrictWebContents(logger: Logger): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, logger));
}

export interface SessionRules {
  allowedOrigins: readonly string[];
  csp: string;
  devServerUrl?: string;
}

/** Permissions, and the CSP for pages the app:// handler does not serve (the Vite dev server). */
export function restrictSession(session: Session, rules: SessionRules): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, details.isMainFrame, rules.allowedOrigins));
  });
  session.setPermissionCheckHandler((_contents, permission, _origin, details) =>
    isPermissionAllowed(permission, details.requestingUrl, details.isMainFrame, rules.allowedOrigins),
  );

  const devOrigin = rules.devServerUrl ? urlOrigin(rules.devServerUrl) : null;
  if (devOrigin) {
    session.webRequest.onHeadersReceived({ urls: [`${devOrigin}/*`] }, (details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [rules.csp] } });
    });
  }
}
