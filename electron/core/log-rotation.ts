/** When the log file is rotated and how many rotated files are kept beside it. */
export interface LogRotation {
  maxBytes: number;
  /** Rotated files kept: `<name>.1` (the newest) to `<name>.<count>`. */
  count: number;
}

/** About a month of a busy shop's lines in 30 MB at most, small enough to attach to a support mail. */
export const DEFAULT_LOG_ROTATION: LogRotation = { maxBytes: 5 * 1024 * 1024, count: 5 };

/**
 * A line that would take the file past its limit starts a new file. An empty file is never rotated,
 * so one line longer than the limit is written whole instead of rotating forever.
 */
export function shouldRotate(size: number, lineBytes: number, limit: LogRotation): boolean {
  return size > 0 && size + lineBytes > limit.maxBytes;
}

export interface RotationPlan {
  /** The oldest rotated file, deleted first to make room. */
  remove: string;
  /** Renames in order, oldest first, so none overwrites a file not yet moved. */
  moves: Array<{ from: string; to: string }>;
}

export function rotationPlan(file: string, count: number): RotationPlan {
  const name = (n: number): string => (n === 0 ? file : `${file}.${n}`);
  const moves: RotationPlan['moves'] = [];
  for (let n = count - 1; n >= 0; n--) moves.push({ from: name(n), to: name(n + 1) });
  return { remove: name(count), moves };
}
