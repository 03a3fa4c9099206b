import { FormEvent, useState } from 'react';
import { ErrorNote } from '../components/Status';
import { gql, session } from '../api';
import { navigate } from '../router';

/** Sign-in for coordinators, admins and hosts; each goes on to their own pages. */
export function LoginPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    // A new sign-in starts clean: an old token is neither sent nor renewed with it.
    session.end();
    try {
      const { login } = await gql<{ login: { accessToken: string; refreshToken: string } }>(
        `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken refreshToken } }`,
        { email, password },
      );
      session.start(login.accessToken, login.refreshToken);
      const { me } = await gql<{ me: { role: string } }>(`{ me { role } }`);
      navigate(me.role === 'HOST' ? '/host' : '/console');
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page narrow">
      <main>
        <h1>サインイン</h1>
        <p>コーディネーター・市の担当者・受け入れ先の方のページです。</p>
        <form onSubmit={(e) => void submit(e)} className="stack">
          <label htmlFor="email">メールアドレス</label>
          <input
            id="email"
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
          />
          <label htmlFor="password">パスワード</label>
          <input
            id="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
          <ErrorNote error={error} />
          <button type="submit" disabled={busy}>
            サインイン
          </button>
        </form>
      </main>
    </div>
  );
}
