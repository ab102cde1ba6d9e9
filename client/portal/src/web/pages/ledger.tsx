// The ledger: the most recent blocks and their transactions with validation codes, as the organisation's peer has
// them, updated as blocks commit.
import { get } from '../api';
import { Table } from '../components/bits';
import { Loading, useLoad } from '../components/load';
import { formatNumber, t } from '../i18n';

interface BlockSummary {
    readonly number: string;
    readonly transactions: readonly {
        readonly transactionId: string;
        readonly validationCodeName: string;
        readonly mspId: string;
        readonly type: string;
        readonly timestamp?: string;
    }[];
}

export function LedgerPage() {
    const loaded = useLoad(
        'ledger',
        () => get<BlockSummary[]>('/api/ledger/blocks?limit=20'),
        () => true,
    );
    return (
        <section aria-labelledby="ledger-title">
            <h2 id="ledger-title">{t('blocks')}</h2>
            <Loading loaded={loaded}>
                {(blocks) => (
                    <Table
                        caption={t('blocks')}
                        head={[t('block'), t('transactions'), t('validationCode'), t('mspId')]}
                        rows={blocks.flatMap((block) =>
                            block.transactions.length === 0
                                ? [[formatNumber(Number(block.number)), '—', '', '']]
                                : block.transactions.map((tx) => [
                                      formatNumber(Number(block.number)),
                                      <code>{tx.transactionId.slice(0, 16)}…</code>,
                                      <span
                                          class={
                                              tx.validationCodeName === 'VALID'
                                                  ? 'badge badge-active'
                                                  : 'badge badge-rejected'
                                          }
                                          data-testid="validation-code"
                                      >
                                          {tx.validationCodeName}
                                      </span>,
                                      tx.mspId,
                                  ]),
                        )}
                        empty={t('none')}
                    />
                )}
            </Loading>
        </section>
    );
}
