/**
 * Yespo answers errors in several shapes (plain text, JSON `message`, JSON `errors.message`, and an
 * `errors` array from its validation layer). The fake uses all of them so clients must read every one.
 */
export type ErrorShape = 'text' | 'message' | 'errors-object' | 'errors-array';

export const ERROR_SHAPES: readonly ErrorShape[] = ['text', 'message', 'errors-object', 'errors-array'];

export interface Reply {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

export const JSON_TYPE = 'application/json; charset=UTF-8';
const TEXT_TYPE = 'text/plain; charset=UTF-8';
const HTML_TYPE = 'text/html';

export function errorReply(status: number, message: string, shape: ErrorShape): Reply {
  switch (shape) {
    case 'text':
      return { status, contentType: TEXT_TYPE, body: message };
    case 'message':
      return { status, contentType: JSON_TYPE, body: JSON.stringify({ message }) };
    case 'errors-object':
      return { status, contentType: JSON_TYPE, body: JSON.stringify({ errors: { message } }) };
    case 'errors-array':
      return { status, contentType: JSON_TYPE, body: JSON.stringify({ errors: [{ message }] }) };
  }
}

export function jsonReply(status: number, value: unknown): Reply {
  return { status, contentType: JSON_TYPE, body: JSON.stringify(value) };
}

const REASONS = { 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable' } as const;

/** What the nginx in front of Yespo prints when the application behind it is down or overloaded. */
export function nginxPage(status: 502 | 503): Reply {
  const title = `${status} ${REASONS[status]}`;
  return {
    status,
    contentType: HTML_TYPE,
    body: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
  };
}

export function textReply(status: number, text: string): Reply {
  return { status, contentType: TEXT_TYPE, body: text };
}
