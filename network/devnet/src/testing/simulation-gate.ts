// Fabric's commit lock: a peer's simulators hold a shared lock on the state while they run, and a commit takes it
// exclusively, so that no simulation sees half a block. Waiting commits go before simulations that arrive later.

type Waiter = () => void;

export class SimulationGate {
    #active = 0;
    #writing = false;
    readonly #writers: Waiter[] = [];
    readonly #readers: Waiter[] = [];

    async shared<T>(run: () => Promise<T>): Promise<T> {
        if (this.#writing || this.#writers.length > 0) {
            // #next counts this simulation as active when it lets it in.
            await new Promise<void>((resolve) => this.#readers.push(resolve));
        } else {
            this.#active += 1;
        }
        try {
            return await run();
        } finally {
            this.#active -= 1;
            this.#next();
        }
    }

    async exclusive<T>(run: () => Promise<T>): Promise<T> {
        if (this.#writing || this.#active > 0 || this.#writers.length > 0) {
            await new Promise<void>((resolve) => this.#writers.push(resolve));
        } else {
            this.#writing = true;
        }
        try {
            return await run();
        } finally {
            this.#writing = false;
            this.#next();
        }
    }

    #next(): void {
        if (this.#writing || this.#active > 0) {
            return;
        }
        const writer = this.#writers.shift();
        if (writer) {
            this.#writing = true;
            writer();
            return;
        }
        for (const reader of this.#readers.splice(0)) {
            this.#active += 1;
            reader();
        }
    }
}
