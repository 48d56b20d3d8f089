import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createPino, loadConfigOrExit, PinoNestLogger } from '@innoserve/core';
import { WorkerModule } from './worker.module.js';

const config = loadConfigOrExit();
const logger = new PinoNestLogger(createPino(config).child({ process: 'worker' }));
const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger });
app.enableShutdownHooks();
await app.init();
