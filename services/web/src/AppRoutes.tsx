import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { Result, Spin } from 'antd';
import { AppLayout } from './components/AppLayout.js';
import { RequireAuth } from './auth/RequireAuth.js';
import { useAuth } from './auth/AuthContext.js';
import { APPROVALS, CASE_PAGE, EXPLANATIONS, INDICATOR_READERS, JOINT_MEETING_PAGE, LEDGER_READERS, SUMMARIES, SUPERVISION_BOARD, VISIT_PAGE } from './auth/permissions.js';
import { LoginPage } from './pages/login/LoginPage.js';
import { LedgerPage } from './pages/ledger/LedgerPage.js';
import { T } from './i18n/text.js';

// Pages with charts load ECharts only when opened: the ledger stays light.
const ProblemPage = lazy(() => import('./pages/problem/ProblemPage.js').then((m) => ({ default: m.ProblemPage })));
const MyWorkPage = lazy(() => import('./pages/work/MyWorkPage.js').then((m) => ({ default: m.MyWorkPage })));
const SupervisionBoard = lazy(() => import('./pages/supervision/SupervisionBoard.js').then((m) => ({ default: m.SupervisionBoard })));
const JointMeetingPage = lazy(() => import('./pages/joint-meeting/JointMeetingPage.js').then((m) => ({ default: m.JointMeetingPage })));
const IndicatorsPage = lazy(() => import('./pages/indicators/IndicatorsPage.js').then((m) => ({ default: m.IndicatorsPage })));
const CasePage = lazy(() => import('./pages/accountability/CasePage.js').then((m) => ({ default: m.CasePage })));
const VisitPage = lazy(() => import('./pages/supervision/VisitPage.js').then((m) => ({ default: m.VisitPage })));
const ExplanationsPage = lazy(() => import('./pages/supervision/ExplanationsPage.js').then((m) => ({ default: m.ExplanationsPage })));
const ExplanationPage = lazy(() => import('./pages/supervision/ExplanationPage.js').then((m) => ({ default: m.ExplanationPage })));
const SummariesPage = lazy(() => import('./pages/supervision/SummariesPage.js').then((m) => ({ default: m.SummariesPage })));
const SummaryPage = lazy(() => import('./pages/supervision/SummaryPage.js').then((m) => ({ default: m.SummaryPage })));
const ApprovalsPage = lazy(() => import('./pages/approvals/ApprovalsPage.js').then((m) => ({ default: m.ApprovalsPage })));
const SeparateProjectPage = lazy(() => import('./pages/approvals/SeparateProjectPage.js').then((m) => ({ default: m.SeparateProjectPage })));
const UpwardReportPage = lazy(() => import('./pages/approvals/UpwardReportPage.js').then((m) => ({ default: m.UpwardReportPage })));
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
          <Route path="supervision/records/:id" element={<RequireAuth roles={VISIT_PAGE}><VisitPage /></RequireAuth>} />
          <Route path="supervision/explanations" element={<RequireAuth roles={EXPLANATIONS}><ExplanationsPage /></RequireAuth>} />
          <Route path="supervision/explanations/:id" element={<RequireAuth roles={EXPLANATIONS}><ExplanationPage /></RequireAuth>} />
          <Route path="supervision/summaries" element={<RequireAuth roles={SUMMARIES}><SummariesPage /></RequireAuth>} />
          <Route path="supervision/summaries/:id" element={<RequireAuth roles={SUMMARIES}><SummaryPage /></RequireAuth>} />
          <Route path="accountability-cases/:id" element={<RequireAuth roles={CASE_PAGE}><CasePage /></RequireAuth>} />
          <Route path="approvals" element={<RequireAuth roles={APPROVALS}><ApprovalsPage /></RequireAuth>} />
          <Route path="approvals/separate-projects/:id" element={<RequireAuth roles={APPROVALS}><SeparateProjectPage /></RequireAuth>} />
          <Route path="approvals/upward-reports/:id" element={<RequireAuth roles={APPROVALS}><UpwardReportPage /></RequireAuth>} />
          <Route path="joint-meeting" element={<RequireAuth roles={JOINT_MEETING_PAGE}><JointMeetingPage /></RequireAuth>} />
          <Route path="indicators" element={<RequireAuth roles={INDICATOR_READERS}><IndicatorsPage /></RequireAuth>} />
          <Route path="operations" element={<OperationsPage />} />
          <Route path="*" element={<Result status="404" title={T.common.notFound} />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
