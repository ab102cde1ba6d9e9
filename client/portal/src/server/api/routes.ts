// Every transaction route, from the four contracts' tables.
import { dealRoutes } from './deal-routes';
import { membershipRoutes } from './membership-routes';
import type { RouteSpec } from './route-spec';
import { scenarioRoutes } from './scenario-routes';
import { shipmentRoutes } from './shipment-routes';

export const allRoutes: readonly RouteSpec[] = [
    ...membershipRoutes,
    ...scenarioRoutes,
    ...dealRoutes,
    ...shipmentRoutes,
];
