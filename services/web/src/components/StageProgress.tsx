import { Steps } from 'antd';
import { STAGE_LABELS, STAGES, stageIndex, type Stage } from '@rectify/domain';

const EIGHT = STAGES.filter((s) => s !== 'closed');

/** The eight stages of §6 as a progress bar; `closed` shows all eight done. */
export function StageProgress({ stage, overdue }: { stage: Stage; overdue: boolean }) {
  const current = stage === 'closed' ? EIGHT.length : stageIndex(stage);
  return (
    <Steps
      size="small"
      data-testid="stage-progress"
      current={current}
      status={stage === 'closed' ? 'finish' : overdue ? 'error' : 'process'}
      items={EIGHT.map((s) => ({ title: STAGE_LABELS[s] }))}
    />
  );
}
