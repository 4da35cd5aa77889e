import { powerMonitor } from 'electron';
import type { Engine } from '../core/engine.js';

/** A sleeping machine breaks the long poll; the engine drops it on suspend and reconnects on resume. */
export function followPowerEvents(engine: Engine): void {
  powerMonitor.on('suspend', () => engine.suspend());
  powerMonitor.on('resume', () => engine.resume());
}
