// The composition root of the schema: every lib's entities, for migrations and the drift check.
import { DATABASE_ENTITIES } from '@innoserve/database';

export const ALL_ENTITIES = [...DATABASE_ENTITIES];
