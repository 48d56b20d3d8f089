// The one type the shared domain files (libs/organizations/src/domain/uscc.ts) import from @innoserve/core,
// so the browser build and its typecheck can use those files without the server's core lib.
export interface BilingualMessage {
  zh: string;
  en: string;
}
