// Index maintenance after an upgrade. Records written by an earlier chaincode version lack the entries of indexes
// added since; each contract's RebuildIndexes derives them from the records (and deletes the entries of retired
// indexes), one page of record IDs at a time: the IDs come from the listing without filters, which reads the records
// themselves and so lists old records too. Fabric allows no paginated query in a transaction that writes, hence IDs.
import type { Context } from 'fabric-contract-api';
import { maxPageSize } from '@bia/model';
import { type IndexedRecords, rebuildIndexEntries } from '../common/indexes';
import { items, parseJsonObject } from '../common/validation';
import { requireMspAdmin } from './actors';
import { getCharter } from './records';

/**
 * Rebuilds the index entries of the records named in `request` (`{"ids": [...]}`, up to a page of IDs). Only an
 * admin identity of the charter's secretariat MSP may: it writes, though only what the records already determine.
 * An unknown ID is refused (NOT_FOUND from `get`) and nothing is written. Returns how many records it rebuilt.
 */
export async function rebuildIndexes<R>(
    ctx: Context,
    indexed: IndexedRecords<R, string>,
    request: string,
    get: (recordId: string) => Promise<R>,
): Promise<number> {
    requireMspAdmin(ctx, (await getCharter(ctx)).secretariatMspId);
    const fields = parseJsonObject(request, 'request').allowOnly('ids');
    const ids = fields.list('ids', items.id, { min: 1, max: maxPageSize, unique: true });
    for (const id of ids) {
        await rebuildIndexEntries(ctx, indexed, await get(id));
    }
    return ids.length;
}
