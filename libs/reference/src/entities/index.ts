import { Region } from './region.entity.js';
import { ServiceCategory } from './service-category.entity.js';

export { Region, ServiceCategory };

/** Tables this lib owns. */
export const REFERENCE_ENTITIES = [Region, ServiceCategory];
