import { ModulesContainer } from '@nestjs/core';
import { POLICY_KEY } from '@innoserve/identity';
import { startTestApp, type TestApp } from '../../../test/support/app.js';

const PATH_METADATA = 'path'; // @nestjs/common's constants: set by @Get/@Post/... on route handlers

/** Every route handler of every controller in the running API. */
function routes(t: TestApp): { name: string; handler: object; controller: object }[] {
  const out: { name: string; handler: object; controller: object }[] = [];
  for (const mod of t.app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const controller = wrapper.metatype as (new () => object) | null;
      if (!controller) continue;
      const proto = controller.prototype as Record<string, unknown>;
      for (const key of Object.getOwnPropertyNames(proto)) {
        const handler = proto[key];
        if (key === 'constructor' || typeof handler !== 'function') continue;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        out.push({ name: `${controller.name}.${key}`, handler, controller });
      }
    }
  }
  return out;
}

describe('route access policies', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('finds the identity routes', () => {
    const names = routes(t).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['AuthController.login', 'MeController.me', 'StaffAdminController.update']));
  });

  it('gives every route of the API a policy decorator (@Public, @Authenticated or @Staff)', () => {
    const missing = routes(t)
      .filter((r) => Reflect.getMetadata(POLICY_KEY, r.handler) === undefined && Reflect.getMetadata(POLICY_KEY, r.controller) === undefined)
      .map((r) => r.name);
    expect(missing).toEqual([]);
  });
});
