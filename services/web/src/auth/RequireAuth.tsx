import { Navigate, useLocation } from 'react-router-dom';
import { Result } from 'antd';
import type { ReactNode } from 'react';
import type { Role } from '@rectify/contracts';
import { useAuth } from './AuthContext.js';
import { T } from '../i18n/text.js';

/** Sends an anonymous visitor to the login page; a role outside `roles` gets a Chinese 403. */
export function RequireAuth({ roles, children }: { roles?: readonly Role[]; children: ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (roles && !roles.includes(user.role)) return <Result status="403" title={T.common.forbiddenTitle} subTitle={T.common.forbidden} />;
  return <>{children}</>;
}
