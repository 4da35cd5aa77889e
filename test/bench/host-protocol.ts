/** The commands between the benchmark and the process that hosts the fakes. */
export type HostCommand =
  | { op: 'info' }
  | { op: 'burst'; from: number; count: number }
  | { op: 'trickle'; everyMs: number | null }
  | { op: 'counts' }
  | { op: 'getUpdatesAt'; index: number };

export interface HostInfo {
  tgUrl: string;
  token: string;
  botId: number;
  botUsername: string;
  yespoUrl: string;
  apiKey: string;
  appUuid: string;
}

export interface HostCounts {
  pending: number;
  getUpdatesCalls: number;
  tokenRequests: number;
  /** Token requests that carried a subscriber of the burst, and how many of those Yespo accepted. */
  burstRequests: number;
  burstDelivered: number;
  /** Of those requests: refused ones, and ones that also carried other subscribers. */
  burstRefused: number;
  burstMixed: number;
  /** Burst subscribers Yespo accepted at least once; less than burstDelivered means repeats. */
  burstDistinct: number;
  /** Where a request carried fewer burst subscribers than a full batch: its place and size. */
  burstPartial: Array<{ request: number; size: number }>;
}

/** The burst's chat ids start here (other users of the fake have ids of their own). */
export const BURST_FROM = 3_000_000_000;
