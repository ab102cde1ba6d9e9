// Which chaincode stream serves which chaincode name, and waiting for one to become ready.
import type { ChaincodeStreamHandler, HandlerRegistrar } from './stream-handler';

/** A chaincode the devnet runs, and the IDs its processes may register with. */
export interface ChaincodeDefinition {
    /** The chaincode name clients use (the namespace), e.g. 'bia'. */
    readonly name: string;
    /** Registration IDs ('name:version' or package IDs 'label:hash') that stand for this chaincode. */
    readonly chaincodeIds?: readonly string[];
}

export class ChaincodeRegistry implements HandlerRegistrar {
    readonly #definitions: readonly ChaincodeDefinition[];
    readonly #handlers = new Map<string, ChaincodeStreamHandler>();
    readonly #expectedNames = new WeakMap<ChaincodeStreamHandler, string>();
    readonly #waiters = new Map<string, Set<() => void>>();

    constructor(definitions: readonly ChaincodeDefinition[]) {
        this.#definitions = definitions;
    }

    /** Binds a handler we dialled ourselves (chaincode-as-a-service) to a known chaincode name. */
    expect(handler: ChaincodeStreamHandler, name: string): void {
        this.#expectedNames.set(handler, name);
    }

    register(chaincodeId: string, handler: ChaincodeStreamHandler): string {
        const name = this.#expectedNames.get(handler) ?? this.#resolveName(chaincodeId);
        if (this.#handlers.has(name)) {
            throw new Error(`duplicate chaincodeID: ${chaincodeId}`);
        }
        this.#handlers.set(name, handler);
        return name;
    }

    ready(handler: ChaincodeStreamHandler): void {
        const waiters = this.#waiters.get(handler.chaincodeName);
        this.#waiters.delete(handler.chaincodeName);
        waiters?.forEach((wake) => {
            wake();
        });
    }

    deregister(handler: ChaincodeStreamHandler): void {
        if (this.#handlers.get(handler.chaincodeName) === handler) {
            this.#handlers.delete(handler.chaincodeName);
        }
    }

    readyHandler(name: string): ChaincodeStreamHandler | undefined {
        const handler = this.#handlers.get(name);
        return handler?.isReady ? handler : undefined;
    }

    handlers(): ChaincodeStreamHandler[] {
        return [...this.#handlers.values()];
    }

    /** Resolves when the named chaincode is ready; rejects after timeoutMs, or quietly gives up when aborted. */
    async waitReady(name: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
        if (this.readyHandler(name)) {
            return;
        }
        const waiters = this.#waiters.get(name) ?? new Set<() => void>();
        this.#waiters.set(name, waiters);
        await new Promise<void>((resolve, reject) => {
            const wake = (): void => {
                clearTimeout(timer);
                resolve();
            };
            const timer = setTimeout(() => {
                waiters.delete(wake);
                reject(new Error(`chaincode ${name} did not register with the devnet within ${timeoutMs} ms`));
            }, timeoutMs);
            waiters.add(wake);
            signal?.addEventListener('abort', () => {
                clearTimeout(timer);
                waiters.delete(wake);
            });
        });
    }

    /** An ID listed for a chaincode wins; otherwise the name part of 'name:version', as the peer parses it. */
    #resolveName(chaincodeId: string): string {
        const listed = this.#definitions.find((definition) => definition.chaincodeIds?.includes(chaincodeId));
        if (listed) {
            return listed.name;
        }
        const name = chaincodeId.split(':', 1)[0] ?? chaincodeId;
        if (this.#definitions.length > 0 && !this.#definitions.some((definition) => definition.name === name)) {
            const known = this.#definitions.map((definition) => definition.name).join(', ');
            throw new Error(`chaincode ID ${chaincodeId} is not a chaincode of this devnet (known: ${known})`);
        }
        return name;
    }
}
