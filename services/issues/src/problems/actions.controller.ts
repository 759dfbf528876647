import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@rectify/contracts';
import { ACTIONS, type ActionName } from '@rectify/domain';
import { CurrentUser, Roles } from '@rectify/platform';
import {
  ApprovalDto,
  AssignResponsibilityDto,
  CloseOutDto,
  CloseOutRefusalDto,
  DeterminationDto,
  ExtensionDecisionDto,
  ExtensionRequestDto,
  FollowUpDto,
  HandlingProposalDto,
  OpinionRejectionDto,
  ProgressDto,
  ReassignResponsibilityDto,
  ReportDto,
  ReviewDto,
  SubmitPlanDto,
  TransferDecisionDto,
  TransferDto,
} from './action.dto.js';
import { ActionsService } from './actions.service.js';
import { IdempotencyKey, OwnIdempotency } from '../requests/action-requests.js';
import { problemDetail } from './problem.view.js';

const roles = (action: ActionName) => Roles(...ACTIONS[action].roles);

/**
 * The stage actions of SPEC §3, one route each, allowed only to the action's roles (libs/domain
 * ACTIONS) and only in the policy's order (the problem's workflow refuses the rest with 409).
 */
@ApiTags('problem stages')
@ApiBearerAuth()
@OwnIdempotency()
@Controller('problems/:ledgerNo')
export class ActionsController {
  constructor(private readonly actions: ActionsService) {}

  private async run(ledgerNo: string, user: Principal, action: ActionName, body: object, idempotencyKey: string | null) {
    return problemDetail(await this.actions.perform(ledgerNo, user, action, body, idempotencyKey));
  }

  /** 责任分解 */
  @Post('responsibility') @HttpCode(200) @roles('assignResponsibility')
  assign(@Param('ledgerNo') n: string, @Body() b: AssignResponsibilityDto, @CurrentUser() u: Principal, @IdempotencyKey() k: string | null) {
    return this.run(n, u, 'assignResponsibility', b, k);
  }

  /** 调整整改责任（责任分解之后、销号之前，须说明理由） */
  @Post('responsibility/reassignment') @HttpCode(200) @roles('reassignResponsibility')
  reassign(@Param('ledgerNo') n: string, @Body() b: ReassignResponsibilityDto, @CurrentUser() u: Principal, @IdempotencyKey() k: string | null) {
    return this.run(n, u, 'reassignResponsibility', b, k);
  }

  /** 制定方案 */
  @Post('plan') @HttpCode(200) @roles('submitPlan')
  plan(@Param('ledgerNo') n: string, @Body() b: SubmitPlanDto, @CurrentUser() u: Principal, @IdempotencyKey() k: string | null) {
    return this.run(n, u, 'submitPlan', b, k);
  }

  /** 方案经党委会 / 董事会审议通过 */
  @Post('plan/approvals') @HttpCode(200) @roles('approvePlan')
  approvePlan(@Param('ledgerNo') n: string, @Body() b: ApprovalDto, @CurrentUser() u: Principal, @IdempotencyKey() k: string | null) {
    return this.run(n, u, 'approvePlan', b, k);
  }

  /** 推动整改：报送进展 */
  @Post('progress') @HttpCode(200) @roles('reportProgress')
  progress(@Param('ledgerNo') n: string, @Body() b: ProgressDto, @CurrentUser() u: Principal, @IdempotencyKey() k: string | null) {
    return this.run(n, u, 'reportProgress', b, k);
  }

  /** 阶段报告 */
  @Post('report') @HttpCode(200) @roles('submitReport')
  report(@Param('ledgerNo') n: string, @Body() b: ReportDto, @CurrentUser() u: Principal, @IdempotencyKey() k: string | null) {
    return this.run(n, u, 'submitReport', b, k);
  }

  /** 报告经党委会 / 董事会审议通过 */
  @Post('report/approvals') @HttpCode(200) @roles('approveReport')
  approveReport(@Param('ledgerNo') n: string, @Body() b: ApprovalDto, @CurrentUser() u: Principal, @IdempotencyKey() k: string | null) {
    return this.run(n, u, 'approveReport', b, k);
  }

  /** 结果认定（内审部门） */
  @Post('determination') @HttpCode(200) @roles('determine')
  determine(@Param('ledgerNo') n: string, @Body() b: DeterminationDto, @CurrentUser() u: Principal, @IdempotencyKey() k: string | null) {
    return this.run(n, u, 'determine', b, k);
  }

  /** 结果认定复核（监督处） */
  @Post('determination/review') @HttpCode(200) @roles('reviewDetermination')
  review(@Param('ledgerNo') n: string, @Body() b: ReviewDto, @CurrentUser() u: Principal, @IdempotencyKey() k: string | null) {
    return this.run(n, u, 'reviewDetermination', b, k);
  }

  /** 未整改问题的处理建议（内审会同纪检、组织部门，报党委会、董事会） */
  @Post('handling-proposal') @HttpCode(200) @roles('proposeHandling')
  proposeHandling(@Param('ledgerNo') n: string, @Body() b: HandlingProposalDto, @CurrentUser() u: Principal, @IdempotencyKey() k: string | null) {
    return this.run(n, u, 'proposeHandling', b, k);
  }

  /** 后续审计 */
  @Post('follow-up') @HttpCode(200) @roles('recordFollowUp')
  followUp(@Param('ledgerNo') n: string, @Body() b: FollowUpDto, @CurrentUser() u: Principal, @IdempotencyKey() k: string | null) {
    return this.run(n, u, 'recordFollowUp', b, k);
  }

  /** 问题销号（分管委员验收） */
  @Post('close-out') @HttpCode(200) @roles('acceptCloseOut')
  closeOut(@Param('ledgerNo') n: string, @Body() b: CloseOutDto, @CurrentUser() u: Principal, @IdempotencyKey() k: string | null) {
    return this.run(n, u, 'acceptCloseOut', b, k);
  }

  /** 不予销号（分管委员退回后续审计，须说明理由） */
  @Post('close-out/refusal') @HttpCode(200) @roles('refuseCloseOut')
  refuseCloseOut(@Param('ledgerNo') n: string, @Body() b: CloseOutRefusalDto, @CurrentUser() u: Principal, @IdempotencyKey() k: string | null) {
    return this.run(n, u, 'refuseCloseOut', b, k);
  }

  /** 移送纪检 */
  @Post('discipline-transfers') @HttpCode(200) @roles('transferToDiscipline')
  transfer(@Param('ledgerNo') n: string, @Body() b: TransferDto, @CurrentUser() u: Principal, @IdempotencyKey() k: string | null) {
    return this.run(n, u, 'transferToDiscipline', b, k);
  }

  /** 纪检组受理（或不予受理）移送 */
  @Post('discipline-transfers/decision') @HttpCode(200) @roles('decideTransfer')
  decideTransfer(@Param('ledgerNo') n: string, @Body() b: TransferDecisionDto, @CurrentUser() u: Principal, @IdempotencyKey() k: string | null) {
    return this.run(n, u, 'decideTransfer', b, k);
  }

  /** 企业不采纳市国资委监管意见（企业领导班子登记，附理由；§13 上报的依据之一） */
  @Post('opinion-rejection') @HttpCode(200) @roles('rejectOpinion')
  rejectOpinion(@Param('ledgerNo') n: string, @Body() b: OpinionRejectionDto, @CurrentUser() u: Principal, @IdempotencyKey() k: string | null) {
    return this.run(n, u, 'rejectOpinion', b, k);
  }

  /** 单独上报延长整改时限（部分整改事项） */
  @Post('extensions') @HttpCode(200) @roles('requestExtension')
  requestExtension(@Param('ledgerNo') n: string, @Body() b: ExtensionRequestDto, @CurrentUser() u: Principal, @IdempotencyKey() k: string | null) {
    return this.run(n, u, 'requestExtension', b, k);
  }

  /** 延期审批（分管委员） */
  @Post('extensions/decision') @HttpCode(200) @roles('decideExtension')
  decideExtension(@Param('ledgerNo') n: string, @Body() b: ExtensionDecisionDto, @CurrentUser() u: Principal, @IdempotencyKey() k: string | null) {
    return this.run(n, u, 'decideExtension', b, k);
  }
}
