import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { TokenClaims } from '@rectify/contracts';
import { gatewayApi } from '../api/gateway.js';
import { clearSession, loadSession, saveSession, sessionOf, type Session } from './session.js';

interface AuthValue {
  user: TokenClaims | null;
  signIn: (username: string, password: string) => Promise<TokenClaims>;
  signOut: () => void;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const signIn = useCallback(async (username: string, password: string) => {
    const answer = await gatewayApi.login(username, password);
    const s: Session = sessionOf(answer);
    saveSession(s);
    setSession(s);
    return answer.user;
  }, []);
  const signOut = useCallback(() => {
    // ends the session on the server (its refresh token stops working) and the codec cookie; the page forgets it at once
    void gatewayApi.logout(loadSession()?.accessToken ?? null).catch(() => undefined);
    clearSession();
    setSession(null);
  }, []);
  const value = useMemo(() => ({ user: session?.user ?? null, signIn, signOut }), [session, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The signed-in user (pages under RequireAuth only). */
export function useUser(): TokenClaims {
  const { user } = useAuth();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}
