import { runService } from '@rectify/platform';
import { IssuesModule } from './app.module.js';

await runService({
  name: 'issues',
  title: 'Rectify issues',
  description: '问题台账与整改流程',
  module: () => IssuesModule.create(),
});
