import { Component, type ErrorInfo, type ReactNode } from 'react';
import i18n from '../i18n';

const RELOADED = 'innoserve.reloadedForChunk';

/** A code chunk that no longer exists: a new version was deployed while this page stayed open. */
function isStaleChunk(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return /dynamically imported module|Importing a module script failed|error loading dynamically|Failed to fetch/i.test(text);
}

/** Reloads once (per tab) to pick up the new index.html; answers false when it already tried. */
export function reloadForNewVersion(): boolean {
  try {
    if (sessionStorage.getItem(RELOADED)) return false;
    sessionStorage.setItem(RELOADED, String(Date.now()));
  } catch {
    return false;
  }
  window.location.reload();
  return true;
}

/**
 * Whatever a page throws while rendering (or a chunk that failed to load) shows a message and a
 * way out instead of a blank page. Keyed by the route where it is used, so navigating away resets it.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    if (isStaleChunk(error) && reloadForNewVersion()) return;
    console.error('page error', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    const stale = isStaleChunk(this.state.error);
    return (
      <div role="alert" style={{ maxWidth: 560, margin: '48px auto', padding: 24, background: '#fff', borderRadius: 8, textAlign: 'center' }}>
        <h2 style={{ marginTop: 0 }}>{i18n.t(stale ? 'errors.newVersion' : 'errors.crashed')}</h2>
        <p>{i18n.t(stale ? 'errors.newVersionDetail' : 'errors.crashedDetail')}</p>
        <button type="button" onClick={() => window.location.reload()} style={{ padding: '6px 16px', cursor: 'pointer' }}>
          {i18n.t('actions.reload')}
        </button>
      </div>
    );
  }
}
