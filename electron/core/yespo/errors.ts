import { errorText } from '../error-text.js';

/**
 * What can go wrong talking to Yespo, one class per way the sync must react. Messages carry Yespo's
 * own words (redacted, shortened) and never the API key: the outbox, the failure list and the status
 * store them as they are.
 */
export class YespoError extends Error {
  /** Yespo's explanation as read from the body (plain text, `message` or `errors.message`). */
  readonly yespoText?: string;

  constructor(
    message: string,
    /** HTTP status, absent for network failures. */
    readonly status?: number,
    yespoText?: string,
  ) {
    super(errorText(message));
    this.name = new.target.name;
    if (yespoText !== undefined) this.yespoText = errorText(yespoText);
  }
}

/** 401: the key is wrong, revoked, or disabled after 90 days without use. */
export class YespoAuthError extends YespoError {}

/** 403: the key is valid but may not call this method. */
export class YespoPermissionError extends YespoError {}

/** 400 and the other 4xx without a class of their own (405, 413, 415...): the request itself is refused. */
export class YespoBadRequest extends YespoError {}

/** 404: "Not registered application", or a base URL that does not point at the API. */
export class YespoNotFound extends YespoError {}

/** 409: "Repeated request within 1 minute" on contacts, "Duplicated request" on tokens. */
export class YespoConflict extends YespoError {}

/** 429: too many requests; `retryAfterMs` is Yespo's wait when it sent one. */
export class YespoRateLimited extends YespoError {
  constructor(
    message: string,
    status: number,
    yespoText: string | undefined,
    readonly retryAfterMs?: number,
  ) {
    super(message, status, yespoText);
  }
}

/** 5xx (and 408): Yespo or the proxy in front of it is down or overloaded. */
export class YespoServerError extends YespoError {}

/** No answer: connection refused, DNS, reset, or the call's timeout. */
export class YespoNetworkError extends YespoError {
  constructor(
    message: string,
    /** True when the call was cancelled on purpose (the sync is stopping), not by the network. */
    readonly aborted = false,
  ) {
    super(message);
  }
}

/** Errors worth retrying later with a backoff: the data is fine, the connection or Yespo is not. */
export function isTransient(error: unknown): error is YespoNetworkError | YespoRateLimited | YespoServerError {
  return error instanceof YespoNetworkError || error instanceof YespoRateLimited || error instanceof YespoServerError;
}
