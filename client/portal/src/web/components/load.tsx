// Loading data for a page: the first load, a reload when a live event concerns it, and the error if it fails.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, type LiveEvent, onLiveEvent } from '../api';
import { t } from '../i18n';
import { ProblemMessage } from './problem';

export interface Loaded<T> {
    readonly data: T | undefined;
    readonly error: ApiError | undefined;
    readonly reload: () => void;
}

/**
 * Loads with `fetcher` whenever `key` changes, and again whenever a live event passes `concerns`: so a vote cast by
 * another organisation changes the tally on this page without a reload.
 */
export function useLoad<T>(
    key: string,
    fetcher: () => Promise<T>,
    concerns?: (event: LiveEvent) => boolean,
): Loaded<T> {
    const [data, setData] = useState<T | undefined>(undefined);
    const [error, setError] = useState<ApiError | undefined>(undefined);
    const [generation, setGeneration] = useState(0);
    const reload = useCallback(() => {
        setGeneration((value) => value + 1);
    }, []);
    useEffect(() => {
        let current = true;
        fetcher().then(
            (value) => {
                if (current) {
                    setData(value);
                    setError(undefined);
                }
            },
            (failure: unknown) => {
                if (current) {
                    setError(
                        failure instanceof ApiError
                            ? failure
                            : new ApiError({ status: 0, code: 'OTHER', title: '', detail: String(failure) }),
                    );
                }
            },
        );
        return () => {
            current = false;
        };
    }, [key, generation]);
    useEffect(() => {
        if (concerns === undefined) {
            return undefined;
        }
        return onLiveEvent((event) => {
            if (concerns(event)) {
                reload();
            }
        });
    }, [key]);
    return { data, error, reload };
}

export function Loading<T>(props: { loaded: Loaded<T>; children: (data: T) => ComponentChildren }): ComponentChildren {
    if (props.loaded.error !== undefined && props.loaded.data === undefined) {
        return <ProblemMessage error={props.loaded.error} />;
    }
    if (props.loaded.data === undefined) {
        return (
            <p class="muted" role="status">
                {t('loading')}
            </p>
        );
    }
    return props.children(props.loaded.data);
}
