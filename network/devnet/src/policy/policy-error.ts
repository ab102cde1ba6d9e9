// Raised for a policy that cannot be parsed, decoded or evaluated; the message names the problem.
export class PolicyError extends Error {
    constructor(message: string, options?: { cause?: unknown }) {
        super(message, options);
        this.name = 'PolicyError';
    }
}
