// What this deployment of the chaincode fixes before any transaction runs: the organisation whose admin may bootstrap.
// It lives in the chaincode's own files (src/deployment.json, compiled into dist/), so every organisation runs the
// same bytes: an organisation whose copy named itself would endorse a different result for a Bootstrap, and the
// channel's endorsement policy (two organisations) would refuse the transaction.
import { checkMspId } from './common/validation';
import deploymentFile from './deployment.json';

export interface Deployment {
    /** The MSP whose admin records the charter: network/config/topology.json's secretariat organisation. */
    readonly secretariatMspId: string;
}

/** Checked when the chaincode loads: a malformed file stops the chaincode from starting rather than misleading it. */
export const deployment: Deployment = {
    secretariatMspId: checkMspId(deploymentFile.secretariatMspId, 'deployment.json secretariatMspId'),
};
