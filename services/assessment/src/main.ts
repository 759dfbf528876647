import { runService } from '@rectify/platform';
import { AssessmentModule } from './app.module.js';

await runService({
  name: 'assessment',
  title: 'Rectify assessment',
  description: '考核指标与报告',
  module: () => AssessmentModule.create(),
});
