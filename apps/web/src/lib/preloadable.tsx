// A code-split component whose chunk can be fetched ahead of its first render. Once the chunk has
// arrived, the component renders at once: React.lazy would still suspend on its first render, and
// React holds back a revealed Suspense boundary for up to 300 ms (its fallback throttling) — time a
// page opened directly (the console's claims queue) should not spend waiting.
import { lazy, type ComponentType } from 'react';

export interface Preloadable {
  Component: ComponentType;
  /** Fetches the chunk (once); the component then renders without suspending. */
  preload: () => Promise<void>;
}

export function preloadable<M>(load: () => Promise<M>, pick: (m: M) => ComponentType): Preloadable {
  let ready: ComponentType | null = null;
  let loading: Promise<void> | null = null;
  const preload = () =>
    (loading ??= load().then(
      (m) => {
        ready = pick(m);
      },
      (e: unknown) => {
        loading = null; // a failed fetch may be tried again (the error boundary explains or reloads)
        throw e;
      },
    ));
  const Lazy = lazy(() => preload().then(() => ({ default: ready! })));
  function Component() {
    const Ready = ready;
    return Ready ? <Ready /> : <Lazy />;
  }
  return { Component, preload };
}
