// The browser's side of the API: JSON over fetch with the session cookie (HTTP-only: script never sees it) and
// the CSRF token from GET /api/session on every state-changing request. Refusals arrive as problem documents.
import { eventNames } from '@bia/model';
import { signal } from './signal';

export interface Problem {
    readonly status: number;
    readonly code: string;
    readonly title: string;
    readonly detail: string;
    readonly field?: string;
    readonly transactionId?: string;
}

export class ApiError extends Error {
    readonly problem: Problem;
    constructor(problem: Problem) {
        super(problem.detail);
        this.name = 'ApiError';
        this.problem = problem;
    }
}

export interface SessionInfo {
    readonly organization: { readonly name: string; readonly mspId: string };
    readonly account?: {
        readonly username: string;
        readonly role: 'viewer' | 'operator' | 'administrator';
        readonly identity: string;
    };
    readonly csrfToken: string;
}

export const session = signal<SessionInfo | undefined>(undefined);
/** Set when a request finds the session gone, so the app shows the sign-in page with a notice. */
export const sessionExpired = signal(false);

async function problemOf(response: Response): Promise<Problem> {
    try {
        const body = (await response.json()) as Partial<Problem>;
        return {
            status: response.status,
            code: body.code ?? 'OTHER',
            title: body.title ?? response.statusText,
            detail: body.detail ?? response.statusText,
            ...(body.field === undefined ? {} : { field: body.field }),
            ...(body.transactionId === undefined ? {} : { transactionId: body.transactionId }),
        };
    } catch {
        return { status: response.status, code: 'OTHER', title: response.statusText, detail: response.statusText };
    }
}

export async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) {
        headers['content-type'] = 'application/json';
    }
    const token = session.get()?.csrfToken;
    if (method !== 'GET' && token !== undefined) {
        headers['x-csrf-token'] = token;
    }
    const response = await fetch(url, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) {
        const problem = await problemOf(response);
        if (problem.code === 'SESSION' && session.get()?.account !== undefined) {
            sessionExpired.set(true);
            await loadSession();
        }
        throw new ApiError(problem);
    }
    return response.status === 204 ? (undefined as T) : ((await response.json()) as T);
}

export const get = <T>(url: string): Promise<T> => request<T>('GET', url);
export const post = <T>(url: string, body?: unknown): Promise<T> => request<T>('POST', url, body);
export const put = <T>(url: string, body?: unknown): Promise<T> => request<T>('PUT', url, body);

export async function loadSession(): Promise<SessionInfo> {
    const info = await get<SessionInfo>('/api/session');
    session.set(info);
    return info;
}

export async function signIn(username: string, password: string): Promise<void> {
    session.set(await post<SessionInfo>('/api/session', { username, password }));
    sessionExpired.set(false);
}

export async function signOut(): Promise<void> {
    await request('DELETE', '/api/session');
    await loadSession();
}

/** A query string from the filters that are set. */
export function query(params: Readonly<Record<string, string | number | undefined>>): string {
    const entries = Object.entries(params).filter(([, value]) => value !== undefined && value !== '');
    return entries.length === 0 ? '' : `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}`;
}

export interface LiveEvent {
    readonly seq: number;
    readonly name: string;
    readonly transactionId: string;
    readonly blockNumber: number;
    readonly payload: Record<string, unknown>;
}

export const liveConnected = signal(false);
const liveListeners = new Set<(event: LiveEvent) => void>();
let source: EventSource | undefined;

/** Opens the live event stream once signed in; EventSource reconnects by itself with Last-Event-ID. */
export function startLive(): void {
    if (source !== undefined) {
        return;
    }
    source = new EventSource('/api/events');
    source.onopen = () => {
        liveConnected.set(true);
    };
    source.onerror = () => {
        liveConnected.set(false);
    };
    for (const name of eventNames) {
        source.addEventListener(name, (message) => {
            const event = JSON.parse((message as MessageEvent<string>).data) as LiveEvent;
            for (const listener of liveListeners) {
                listener(event);
            }
        });
    }
}

export function stopLive(): void {
    source?.close();
    source = undefined;
    liveConnected.set(false);
}

export function onLiveEvent(listener: (event: LiveEvent) => void): () => void {
    liveListeners.add(listener);
    return () => liveListeners.delete(listener);
}
