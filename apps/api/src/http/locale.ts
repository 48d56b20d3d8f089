/** The interface speaks Simplified Chinese by default and English on request. */
export function localeOf(acceptLanguage: string | string[] | undefined): 'zh' | 'en' {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : (acceptLanguage ?? '');
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}
