// @bia/portal: the member portal's server, for `npm start -- --portal` and tests.
export { buildPortal, type Portal, type PortalOptions } from './app';
export { startPortal, defaultWebDir, type RunningPortal, type StartPortalOptions } from './start';
export { AccountStore, type Account, type Role, roles } from './accounts/accounts';
export { PortalDatabase } from './store';
export { Organization } from './organization';
