import { AppUser } from './app-user.entity.js';
import { RefreshToken } from './refresh-token.entity.js';
import { StaffRoleGrant } from './staff-role.entity.js';

export { AppUser, RefreshToken, StaffRoleGrant };
export type { UserLocale } from './app-user.entity.js';
export { USER_LOCALES } from './app-user.entity.js';

/** Tables this lib owns. */
export const IDENTITY_ENTITIES = [AppUser, StaffRoleGrant, RefreshToken];
