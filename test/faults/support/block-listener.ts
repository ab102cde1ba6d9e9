// A block event listener as a process of its own, so that case 7 can SIGKILL it mid-stream. For each block it
// receives it first records the block (appends its number to the output file: "handled"), then checkpoints it to a
// file checkpointer; restarted with the same checkpoint file it resumes after the last checkpointed block. Killed
// between the two steps, the next run sees that one block again: at most the last unacknowledged block repeats.
// usage: node --require tsx/cjs block-listener.ts CONNECTION_FILE CHECKPOINT_FILE OUTPUT_FILE START_BLOCK
import { appendFileSync } from 'node:fs';
import { checkpointers } from '@hyperledger/fabric-gateway';
import { rawConnect } from '../../integration/support/raw-gateway';

async function main(): Promise<void> {
    const [connectionFile, checkpointFile, outputFile, startBlock] = process.argv.slice(2);
    if (
        connectionFile === undefined ||
        checkpointFile === undefined ||
        outputFile === undefined ||
        startBlock === undefined
    ) {
        throw new Error('usage: block-listener.ts CONNECTION_FILE CHECKPOINT_FILE OUTPUT_FILE START_BLOCK');
    }
    const connection = rawConnect(connectionFile);
    const checkpointer = await checkpointers.file(checkpointFile);
    const events = await connection.network.getBlockEvents({
        checkpoint: checkpointer,
        startBlock: BigInt(startBlock),
    });
    for await (const block of events) {
        const number = block.getHeader()?.getNumber() ?? 0;
        appendFileSync(outputFile, `${String(number)}\n`);
        await checkpointer.checkpointBlock(BigInt(number));
    }
}

main().catch((error: unknown) => {
    process.stderr.write(`block listener failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
});
