// The signed-in person: the sign-in page, the account bar, and the gate around forms a viewer may not use.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, session, sessionExpired, signIn, signOut, get } from './api';
import { textOf } from './components/form';
import { ProblemMessage } from './components/problem';
import { t } from './i18n';
import { useSignal } from './signal';
import { useLoad } from './components/load';

export function SignInPage() {
    const expired = useSignal(sessionExpired);
    const info = useSignal(session);
    const [error, setError] = useState<ApiError | undefined>(undefined);
    const submit = async (event: Event): Promise<void> => {
        event.preventDefault();
        const data = new FormData(event.currentTarget as HTMLFormElement);
        try {
            await signIn(textOf(data, 'username'), textOf(data, 'password'));
            setError(undefined);
        } catch (failure) {
            setError(failure instanceof ApiError ? failure : undefined);
        }
    };
    return (
        <section class="sign-in" aria-labelledby="sign-in-title">
            <h2 id="sign-in-title">{t('signIn')}</h2>
            {info !== undefined && (
                <p class="muted">
                    {t('organisation')}: {info.organization.name} ({info.organization.mspId})
                </p>
            )}
            {expired && (
                <p class="notice" role="status">
                    {t('sessionExpired')}
                </p>
            )}
            <form onSubmit={(event) => void submit(event)}>
                <div class="field">
                    <label for="username">{t('username')}</label>
                    <input id="username" name="username" autocomplete="username" required />
                </div>
                <div class="field">
                    <label for="password">{t('password')}</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required />
                </div>
                <button type="submit">{t('signIn')}</button>
                {error !== undefined && <ProblemMessage error={error} />}
            </form>
        </section>
    );
}

interface WhoAmI {
    readonly identityId: string;
    readonly mspId: string;
    readonly memberId?: string;
}

export function AccountBar() {
    const info = useSignal(session);
    const account = info?.account;
    const who = useLoad(`whoami-${account?.username ?? ''}`, () => get<WhoAmI>('/api/whoami'));
    if (info === undefined || account === undefined) {
        return null;
    }
    return (
        <div class="account-bar">
            <span>
                {t('signedInAs')} <strong data-testid="username">{account.username}</strong> ·{' '}
                {t(`role_${account.role}`)} · {info.organization.name}
            </span>
            <span data-testid="acts-for">
                {t('actsFor')}: {who.data?.memberId ?? t('notBound')}
            </span>
            <button type="button" class="link-button" onClick={() => void signOut()}>
                {t('signOut')}
            </button>
        </div>
    );
}

/** Forms for acting: shown to operators and administrators; a viewer sees why they are missing. */
export function CanAct(props: { children: ComponentChildren }) {
    const info = useSignal(session);
    if (info?.account?.role === 'viewer') {
        return <p class="muted">{t('noPermission')}</p>;
    }
    return <>{props.children}</>;
}
