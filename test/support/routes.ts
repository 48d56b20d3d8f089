/**
 * Every controller route with its declared access policy, read from the running application's
 * Nest metadata (not a hand-kept list), for the route-walking tests.
 */
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { POLICY_KEY, type RoutePolicy } from '@innoserve/identity';
import type { TestApp } from './app.js';

export interface RouteInfo {
  method: string;
  /** Full path with :params, e.g. /api/v1/enterprises/:id */
  path: string;
  policy: RoutePolicy | undefined;
  handler: string;
}

const EXCLUDED_FROM_PREFIX = new Set(['health', 'health/live']);

function join(...parts: string[]): string {
  return '/' + parts.map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/');
}

export function collectRoutes(t: TestApp): RouteInfo[] {
  const discovery = t.app.get(DiscoveryService);
  const scanner = t.app.get(MetadataScanner);
  const reflector = t.app.get(Reflector);
  const out: RouteInfo[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    const type = wrapper.metatype as (new (...a: unknown[]) => unknown) | null;
    if (!instance || !type) continue;
    const prefixes = [reflector.get<string | string[]>(PATH_METADATA, type) ?? ''].flat();
    for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
      const fn = instance[name] as (...a: unknown[]) => unknown;
      const methodPaths = Reflect.getMetadata(PATH_METADATA, fn) as string | string[] | undefined;
      if (methodPaths === undefined) continue;
      const rm = Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod;
      const policy = reflector.getAllAndOverride<RoutePolicy | undefined>(POLICY_KEY, [fn, type]);
      for (const prefix of prefixes) {
        for (const mp of [methodPaths].flat()) {
          const local = join(prefix, mp);
          const full = EXCLUDED_FROM_PREFIX.has(local.slice(1)) ? local : join('api/v1', local);
          out.push({ method: RequestMethod[rm], path: full, policy, handler: `${type.name}.${name}` });
        }
      }
    }
  }
  return out;
}

/** Replaces :params with values that are well-formed but name nothing. */
export function concretePath(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    if (/code$/i.test(name)) return '359999';
    if (/date$/i.test(name)) return '2099-01-05'; // a Monday the holiday calendar does not list
    return '00000000-0000-4000-8000-000000000000';
  });
}
