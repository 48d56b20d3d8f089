import { DomainError, msg } from '@innoserve/core';

/**
 * The search engine cannot answer (Meilisearch unreachable, a task failed or timed out): 503.
 * The cause is kept for the log, never sent to the client.
 */
export class SearchUnavailableError extends DomainError {
  constructor(cause?: unknown) {
    super(503, 'SEARCH_UNAVAILABLE', msg('Search is temporarily unavailable.', '搜索服务暂时不可用。'));
    this.cause = cause;
  }
}
