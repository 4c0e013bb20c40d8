import { imt } from '../i18n/imagery-messages.ts';
import { detection } from './detection.svelte.ts';
import { notices } from './notices.svelte.ts';
import { scenes } from './scenes.svelte.ts';

/**
 * Once a project holds two scenes, make the earlier T1 and the later T2 and say so; when the dates cannot
 * order them, say what is missing so the user picks.
 */
export async function announceDateOrder(): Promise<void> {
  if (scenes.scenes.length !== 2) return;
  const pair = await detection.chooseByDate();
  if (pair) {
    notices.push(
      'info',
      imt('im.byDate', {
        t1: pair.t1.acquiredOn ?? '',
        f1: pair.t1.fileName,
        t2: pair.t2.acquiredOn ?? '',
        f2: pair.t2.fileName,
      }),
    );
    return;
  }
  const dates = scenes.scenes.map((scene) => scene.record.acquiredOn);
  const reason = dates.some((date) => !date) ? imt('im.byDateNoDate') : imt('im.byDateSame');
  notices.push('info', imt('im.byDateMissing', { reason }));
}
