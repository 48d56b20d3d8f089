/**
 * The Meilisearch version the project is tested on: the binary in `../shared/bin/meilisearch` that
 * Jest's global setup starts. docker/docker-compose.yml pins `getmeili/meilisearch:v<this>`;
 * test/docker.test.ts fails when the compose pin, this constant or the binary disagree (without the
 * binary, it compares the compose pin with this constant only).
 */
export const MEILISEARCH_VERSION = '1.50.0';
