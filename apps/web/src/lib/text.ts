// Lists and asides in the reader's language: 甲、乙 and 名称（详情） in Chinese, "a, b" and
// "name (detail)" in English (components join names with these, never with a hard-coded 、 or （）).
import i18n from 'i18next'; // the app's instance (src/i18n sets it up)

const english = (): boolean => i18n.language === 'en-US';

/** Items joined as a list: 、 in Chinese, ", " in English. */
export function joinList(items: readonly string[]): string {
  return items.join(english() ? ', ' : '、');
}

/** A name with an aside: 名称（详情） in Chinese, "name (detail)" in English. */
export function withAside(main: string, aside: string): string {
  return english() ? `${main} (${aside})` : `${main}（${aside}）`;
}

/** The list separator alone (、 or ", "), for `items.join(listSep())`. */
export function listSep(): string {
  return english() ? ', ' : '、';
}

/** A label's colon: ： in Chinese, ": " in English. */
export function colon(): string {
  return english() ? ': ' : '：';
}
