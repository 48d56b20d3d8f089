import { BusinessRuleError, ValidationFailedError } from '@innoserve/core';
import { RegionCodeDirectory } from '../region-code-directory.js';
import { UsersService, normalizeEmail } from './users.service.js';

class FakeRegions extends RegionCodeDirectory {
  constructor(private readonly known: string[]) {
    super();
  }
  async unknownCodes(codes: readonly string[]): Promise<string[]> {
    return codes.filter((c) => !this.known.includes(c));
  }
}

const service = (regions?: RegionCodeDirectory) => new UsersService(null as never, null as never, null as never, null as never, regions);

describe(UsersService.name, () => {
  it('checks only the format of region codes when no directory is bound', async () => {
    await expect(service().checkGrants([{ role: 'auditor', regionCodes: ['999999'] }])).resolves.toEqual([{ role: 'auditor', regionCodes: ['999999'] }]);
    await expect(service().checkGrants([{ role: 'auditor', regionCodes: ['9999'] }])).rejects.toBeInstanceOf(ValidationFailedError);
  });

  it('refuses region codes the bound directory does not know with 422 UNKNOWN_REGION', async () => {
    const s = service(new FakeRegions(['350500', '350582']));
    await expect(s.checkGrants([{ role: 'auditor', regionCodes: ['350582'] }])).resolves.toHaveLength(1);
    const err = await s.checkGrants([{ role: 'auditor', regionCodes: ['350582', '999999'] }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BusinessRuleError);
    expect((err as BusinessRuleError).code).toBe('UNKNOWN_REGION');
    expect((err as BusinessRuleError).messages.en).toContain('999999');
  });
});

describe(normalizeEmail.name, () => {
  it('trims and lowercases addresses', () => {
    expect(normalizeEmail('  Li.Ming@Example.COM ')).toBe('li.ming@example.com');
  });
});
