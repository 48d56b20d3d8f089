import { loadConfigOrExit } from '@innoserve/core';
import { createApiApp } from './bootstrap.js';

const config = loadConfigOrExit();
const app = await createApiApp(config);
await app.listen({ port: config.PORT, host: config.HOST });
process.stdout.write(`innoserve api listening on http://localhost:${config.PORT} (docs at /docs)\n`);
