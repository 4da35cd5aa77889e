import { useI18n } from 'vue-i18n';
import type { Notice, Status } from '../../../electron/core/contract/types.js';
import { formatNumber } from '../format/number.js';
import { clockTime } from '../format/time.js';
import { currentLanguage } from '../i18n/index.js';
import { noticeMessage } from './notice-message.js';

/** A notice as the sentence she reads, in the current language. */
export function useNoticeText(): (notice: Notice, status: Status) => string {
  const { t } = useI18n();
  return (notice, status) => {
    const message = noticeMessage(
      notice,
      status,
      (value) => formatNumber(value, currentLanguage.value),
      (at) => clockTime(at, currentLanguage.value),
    );
    return message.count === undefined ? t(message.key, message.named) : t(message.key, message.named, message.count);
  };
}
