/**
 * Optional check that region codes exist. Identity imports no reference data; the composition root
 * (or the reference lib, through the app) may bind this, e.g.
 * `{ provide: RegionCodeDirectory, useExisting: SomeRegionService }`. Without it, staff region codes
 * are only checked for their format (six digits).
 */
export abstract class RegionCodeDirectory {
  /** The codes among `codes` that are not known regions (empty when all are known). */
  abstract unknownCodes(codes: readonly string[]): Promise<string[]>;
}
