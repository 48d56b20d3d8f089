import { categoryIdOf, uuidV5 } from './category-id.js';

describe(uuidV5.name, () => {
  it('matches the RFC 4122 reference value for www.example.com in the DNS namespace', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('refuses a namespace that is not a UUID', () => {
    expect(() => uuidV5('x', 'not-a-uuid')).toThrow(RangeError);
  });
});

describe(categoryIdOf.name, () => {
  it('gives the same version-5 id for the same code and different ids for different codes', () => {
    expect(categoryIdOf('testing.textile')).toBe(categoryIdOf('testing.textile'));
    expect(categoryIdOf('testing.textile')).not.toBe(categoryIdOf('testing.food'));
    expect(categoryIdOf('testing')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('keeps the published ids: changing the namespace would orphan every installation', () => {
    expect(categoryIdOf('testing')).toBe('c3f88b6a-a2bc-5dbc-8805-17ac25075b49');
    expect(categoryIdOf('testing.textile')).toBe('4c451c00-8aea-54ea-8457-429c2df18f60');
  });
});
