import { DynamicModule, Global, Inject, Module } from '@nestjs/common';
import type { AppConfig } from './config.js';
import { Clock, SystemClock } from './clock.js';

export const APP_CONFIG = Symbol('APP_CONFIG');
/** Injects the validated AppConfig. */
export const InjectConfig = (): ParameterDecorator => Inject(APP_CONFIG);

@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useValue: clock },
      ],
      exports: [APP_CONFIG, Clock],
    };
  }
}
