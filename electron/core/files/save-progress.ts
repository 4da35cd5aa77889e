import type { SaveProgress } from '../contract/saving.js';
import type { SaveJob } from './save-job.js';

/** About a hundred steps per file: a progress bar moves smoothly and the event socket stays quiet. */
const STEPS = 100;

/**
 * The job, reporting how far it has got as SaveProgress under `id`: when it starts, at most about
 * a hundred times while it writes, and once when it has finished or failed (with the reason).
 */
export function reportingProgress(job: SaveJob, id: string, emit: (progress: SaveProgress) => void, describe: (error: unknown) => string): SaveJob {
  const step = Math.max(1, Math.ceil(job.total / STEPS));
  return {
    ...job,
    async write(sink, progress) {
      let reported = 0;
      emit({ id, done: 0, total: job.total, finished: false });
      try {
        await job.write(sink, (done) => {
          progress(done);
          if (done - reported >= step && done < job.total) {
            reported = done;
            emit({ id, done, total: job.total, finished: false });
          }
        });
      } catch (error) {
        emit({ id, done: reported, total: job.total, finished: true, error: describe(error) });
        throw error;
      }
      emit({ id, done: job.total, total: job.total, finished: true });
    },
  };
}
