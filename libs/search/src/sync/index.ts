export { SearchSyncModule } from './search-sync.module.js';
export { SearchIndexer, PROGRAM_CHANGED_TOPIC, OFFERINGS_CHANGED_TOPIC, PROGRAM_REINDEX_BATCH, type ProgramReindexStep } from './search-indexer.service.js';
export { SearchDocumentBuilder } from './search-document-builder.service.js';
export { SearchReconciler, type ReconcileOutcome } from './search-reconciler.service.js';
export { reindexAll, formatProgress, type ReindexOptions, type ReindexOutcome, type ReindexProgress } from './search-reindex.js';
