// A signed-in API client without a browser: keeps the session cookie and the CSRF token as a browser page would.
export type { Problem } from '../../../client/portal/src/server/api/problem';

export interface ApiResponse<T = unknown> {
    readonly status: number;
    readonly contentType: string;
    readonly body: T;
    readonly headers: Headers;
}

export class HttpSession {
    readonly baseUrl: string;
    #cookie: string | undefined;
    #csrf: string | undefined;
    /** Sent with every request (e.g. a proxy's X-Forwarded-Proto). */
    readonly extraHeaders: Record<string, string>;

    constructor(baseUrl: string, extraHeaders: Record<string, string> = {}) {
        this.baseUrl = baseUrl;
        this.extraHeaders = extraHeaders;
    }

    get cookie(): string | undefined {
        return this.#cookie;
    }

    #headers(method: string, body: unknown, csrf: boolean): Record<string, string> {
        const headers: Record<string, string> = { accept: 'application/json', ...this.extraHeaders };
        if (body !== undefined) {
            headers['content-type'] = 'application/json';
        }
        if (this.#cookie !== undefined) {
            headers.cookie = this.#cookie;
        }
        if (method !== 'GET' && csrf && this.#csrf !== undefined) {
            headers['x-csrf-token'] = this.#csrf;
        }
        return headers;
    }

    async request<T = unknown>(
        method: string,
        path: string,
        body?: unknown,
        options: { csrf?: boolean } = {},
    ): Promise<ApiResponse<T>> {
        const headers = this.#headers(method, body, options.csrf !== false);
        const response = await fetch(`${this.baseUrl}${path}`, {
            method,
            headers,
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
            redirect: 'manual',
        });
        const setCookie = response.headers.get('set-cookie');
        if (setCookie !== null) {
            this.#cookie = setCookie.split(';')[0];
        }
        const contentType = response.headers.get('content-type') ?? '';
        const text = await response.text();
        const parsed = text === '' ? undefined : contentType.includes('json') ? (JSON.parse(text) as unknown) : text;
        if (
            path === '/api/session' &&
            response.ok &&
            typeof parsed === 'object' &&
            parsed !== null &&
            'csrfToken' in parsed
        ) {
            this.#csrf = String(parsed.csrfToken);
        }
        return { status: response.status, contentType, body: parsed as T, headers: response.headers };
    }

    get<T = unknown>(path: string): Promise<ApiResponse<T>> {
        return this.request<T>('GET', path);
    }

    post<T = unknown>(path: string, body?: unknown, options?: { csrf?: boolean }): Promise<ApiResponse<T>> {
        return this.request<T>('POST', path, body, options);
    }

    /** GET /api/session (for the CSRF token), then signs in. */
    async signIn(username: string, password: string): Promise<ApiResponse> {
        await this.get('/api/session');
        return this.post('/api/session', { username, password });
    }
}
