// The claims queue's query, apart from the pages (no Ant Design here): App.tsx imports this small
// module at once when /admin/claims is opened directly, so the queue's first page is asked for as
// soon as the session is restored — while the console's and the table's code are still arriving —
// and the queue page takes that answer instead of asking again.
import { api, call, refreshSession, type Schemas } from '../../../api/client';

/** A claim as staff see it: with the parties' and the reviewers' names. */
export type Claim = Schemas['ClaimViewDto'];
export type ClaimPage = { items: Claim[]; total: number; page: number; pageSize: number };

export const QUEUE_PAGE_SIZE = 50;

export interface QueueQuery {
  status?: string;
  level?: string;
  region?: string;
  flag?: string;
  sort?: string;
  page: number;
  pageSize: number;
}

/** The queue's query from URL params: in review unless told (`all` lifts the status filter). */
export function queueQueryOf(get: (name: string) => string | null | undefined): QueueQuery {
  const status = get('status') ?? 'in_review';
  return {
    status: status === 'all' ? undefined : status,
    level: get('level') ?? undefined,
    region: get('region') ?? undefined,
    flag: get('flag') ?? undefined,
    sort: get('sort') ?? undefined,
    page: Math.max(1, Number(get('page')) || 1),
    pageSize: Math.min(100, Math.max(1, Number(get('pageSize')) || QUEUE_PAGE_SIZE)),
  };
}

export const queueKey = (q: QueueQuery) => ['admin', 'claims', 'queue', q] as const;

function request(q: QueueQuery): Promise<ClaimPage> {
  // `sort` is sent only when chosen (oldest first is the default)
  const query = { ...q, sort: q.sort && q.sort !== 'oldest' ? q.sort : undefined } as never;
  return call(api.GET('/api/v1/admin/claims', { params: { query } })) as Promise<ClaimPage>;
}

/** The early request of the page opened directly: taken once, by the first fetch of the same query within 15 s. */
let early: { key: string; at: number; answer: Promise<ClaimPage> } | null = null;

export function fetchQueue(q: QueueQuery): Promise<ClaimPage> {
  const key = JSON.stringify(queueKey(q));
  if (early && early.key === key && Date.now() - early.at < 15_000) {
    const { answer } = early;
    early = null;
    return answer;
  }
  return request(q);
}

/** Asks for the queue of the current URL once the session is restored (nothing when signed out). */
export function prefetchQueueFromLocation(): void {
  const params = new URLSearchParams(location.search);
  const q = queueQueryOf((k) => params.get(k));
  const key = JSON.stringify(queueKey(q));
  const answer = refreshSession().then((session) => (session ? request(q) : Promise.reject(new Error('signed out'))));
  answer.catch(() => {
    // signed out, or refused: the page asks for itself (and shows what it is told)
    if (early?.answer === answer) early = null;
  });
  early = { key, at: Date.now(), answer };
}
