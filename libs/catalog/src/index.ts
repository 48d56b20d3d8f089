export * from './domain/index.js';
export * from './entities/index.js';
export { CatalogModule } from './catalog.module.js';
export { CatalogWorkerModule } from './catalog-worker.module.js';
export {
  OfferingsService,
  type NewOffering,
  type OfferingEdits,
  type OfferingUpdateOutcome,
  type ModerationInput,
  type OfferingQueueQuery,
} from './services/offerings.service.js';
export { CatalogSearchFeed, type CatalogSearchDocument, type OfferingVersion } from './services/catalog-search-feed.service.js';
export { ProviderChangeFanOut } from './services/provider-change-fan-out.js';
export { QualificationLapseSweep } from './services/qualification-lapse.sweep.js';
export { OFFERING_CHANGED_TOPIC, PROVIDER_CHANGED_TOPIC, offeringMessage, type OfferingChangedPayload, type ProviderChangedPayload } from './services/catalog-topics.js';
export { type OfferingView, type RevisionView } from './services/offering-views.js';
export { MODERATION_DECISIONS, type ModerationDecision } from './dto/moderation.dto.js';
export { demoOfferings, type DemoOfferingProvider, type DemoOffering } from './demo/demo-offerings.js';
