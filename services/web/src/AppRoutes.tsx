import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { Result, Spin } from 'antd';
import { AppLayout } from './components/AppLayout.js';
import { RequireAuth } from './auth/RequireAuth.js';
import { useAuth } from './auth/AuthContext.js';
import { INDICATOR_READERS, JOINT_MEETING, LEDGER_READERS, SUPERVISION_BOARD } from './auth/permissions.js';
import { LoginPage } from './pages/login/LoginPage.js';
import { LedgerPage } from './pages/ledger/LedgerPage.js';
import { T } from './i18n/text.js';

// Pages with charts load ECharts only when opened: the ledger stays light.
const ProblemPage = lazy(() => import('./pages/problem/ProblemPage.js').then((m) => ({ default: m.ProblemPage })));
const MyWorkPage = lazy(() => import('./pages/work/MyWorkPage.js').then((m) => ({ default: m.MyWorkPage })));
const SupervisionBoard = lazy(() => import('./pages/supervision/SupervisionBoard.js').then((m) => ({ default: m.SupervisionBoard })));
const JointMeetingPage = lazy(() => import('./pages/joint-meeting/JointMeetingPage.js').then((m) => ({ default: m.JointMeetingPage })));
const IndicatorsPage = lazy(() => import('./pages/indicators/IndicatorsPage.js').then((m) => ({ default: m.IndicatorsPage })));
const OperationsPage = lazy(() => import('./pages/work/OperationsPage.js').then((m) => ({ default: m.OperationsPage })));

/** The first page of a role: the ledger for those who read problems, "my work" for the rest. */
function Home() {
  const { user } = useAuth();
  if (!user) return <Navigate to="/login" replace />;
  return <Navigate to={LEDGER_READERS.includes(user.role) ? '/ledger' : '/work'} replace />;
}

export function AppRoutes() {
  return (
    <Suspense fallback={<Spin style={{ margin: 48 }} />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route element={<RequireAuth><AppLayout /></RequireAuth>}>
          <Route index element={<Home />} />
          <Route path="ledger" element={<RequireAuth roles={LEDGER_READERS}><LedgerPage /></RequireAuth>} />
          <Route path="problems/:ledgerNo" element={<RequireAuth roles={LEDGER_READERS}><ProblemPage /></RequireAuth>} />
          <Route path="work" element={<MyWorkPage />} />
          <Route path="supervision" element={<RequireAuth roles={SUPERVISION_BOARD}><SupervisionBoard /></RequireAuth>} />
          <Route path="joint-meeting" element={<RequireAuth roles={JOINT_MEETING}><JointMeetingPage /></RequireAuth>} />
          <Route path="indicators" element={<RequireAuth roles={INDICATOR_READERS}><IndicatorsPage /></RequireAuth>} />
          <Route path="operations" element={<OperationsPage />} />
          <Route path="*" element={<Result status="404" title={T.common.notFound} />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
