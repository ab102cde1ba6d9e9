// One row per API operation: its HTTP shape, its schemas, who may call it and the one client call it makes. The
// routes, their validation and the OpenAPI document are all built from these rows.
import type { TObject } from '@sinclair/typebox';
import type { AssociationClient } from '@bia/client';

export type Permission = 'read' | 'act' | 'administer';

export interface RouteInput {
    readonly params: Record<string, string>;
    readonly query: Record<string, unknown>;
    readonly body: unknown;
}

export interface RouteSpec {
    readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
    readonly url: string;
    /** The OpenAPI operationId: the chaincode transaction's name, or the portal's own. */
    readonly operationId: string;
    readonly summary: string;
    readonly tag: 'membership' | 'governance' | 'scenarios' | 'deals' | 'shipments';
    /** read: any signed-in account; act: operators and administrators; administer: administrators only. */
    readonly permission: Permission;
    readonly params?: TObject;
    readonly querystring?: TObject;
    readonly body?: TObject;
    /** 201 for operations that create a record. */
    readonly created?: boolean;
    readonly run: (client: AssociationClient, input: RouteInput) => Promise<unknown>;
}

/** Narrows a validated body: the route's schema has already checked it, and T names what it checked. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- T is the caller's statement of the schema
export function bodyOf<T>(input: RouteInput): T {
    return input.body as T;
}

export function param(input: RouteInput, name: string): string {
    const value = input.params[name];
    if (value === undefined) {
        throw new Error(`route parameter ${name} is missing`);
    }
    return value;
}
