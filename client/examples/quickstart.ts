import { connect, ChaincodeError, NotFoundError } from '@bia/client';

// Usage: npx tsx client/examples/quickstart.ts <connection file> <member ID>
async function main(connectionFile: string, memberId: string): Promise<void> {
    const client = await connect({ connectionFile, identity: 'User1' });
    try {
        const me = await client.membership.whoAmI();
        console.log(`signed in as ${me.mspId} identity ${me.identityId}`);
        const member = await client.membership.getMember(memberId);
        console.log(`${member.memberId}: ${member.legalName} (${member.kind}, ${member.status})`);
    } catch (error) {
        if (error instanceof NotFoundError) {
            console.log(`no member ${memberId}`);
        } else if (error instanceof ChaincodeError) {
            console.log(`refused (${error.code}): ${error.reason}`);
        } else {
            throw error;
        }
    } finally {
        client.close();
    }
}

const [connectionFile = 'network/generated/connections/healthco.json', memberId = 'healthco'] = process.argv.slice(2);
main(connectionFile, memberId).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
});
