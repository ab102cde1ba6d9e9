// A value that components re-render on: the one piece of shared state the pages need (locale, session).
import { useEffect, useState } from 'preact/hooks';

export interface Signal<T> {
    get(): T;
    set(value: T): void;
    subscribe(listener: (value: T) => void): () => void;
}

export function signal<T>(initial: T): Signal<T> {
    let value = initial;
    const listeners = new Set<(value: T) => void>();
    return {
        get: () => value,
        set: (next) => {
            value = next;
            for (const listener of listeners) {
                listener(next);
            }
        },
        subscribe: (listener) => {
            listeners.add(listener);
            return () => listeners.delete(listener);
        },
    };
}

/** The signal's value in a component, re-rendering when it changes. */
export function useSignal<T>(source: Signal<T>): T {
    const [value, setValue] = useState(source.get());
    useEffect(() => source.subscribe(setValue), [source]);
    return value;
}
