// A refusal in plain words: what kind of refusal (in the reader's language), the chaincode's own reason, and the
// field it names. role="alert" so a screen reader announces it.
import type { ApiError } from '../api';
import { hasMessage, t } from '../i18n';

export function ProblemMessage(props: { error: ApiError }) {
    const { problem } = props.error;
    const key = `code_${problem.code}`;
    return (
        <div class="problem" role="alert" data-code={problem.code}>
            <strong>{hasMessage(key) ? t(key) : t('code_OTHER')}</strong>
            <span class="problem-code"> ({problem.code})</span>
            <p>{problem.detail}</p>
            {problem.field !== undefined && (
                <p>
                    {t('field')}: <code>{problem.field}</code>
                </p>
            )}
        </div>
    );
}
