import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import type { Client } from '@temporalio/client';
import { PROBE_WORKFLOW, ROLES, TASK_QUEUES, type ProbeResult } from '@rectify/contracts';
import { Roles, TEMPORAL_CLIENT } from '@rectify/platform';

export class ProbeRequest {
  @ApiProperty({ example: 'hello' })
  @IsString()
  @Length(1, 64)
  @Matches(/^[\w-]+$/, { message: 'text 只能包含字母、数字、下划线和连字符' })
  text!: string;
}

/**
 * POST /probe (operators only): runs the probe workflow end to end — the worker runs it and this
 * service's activity worker answers — to prove the Temporal path is alive.
 */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('probe')
export class ProbeController {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly temporal: Client) {}

  @Post()
  @HttpCode(200)
  @Roles(ROLES.OPERATOR)
  async probe(@Body() body: ProbeRequest): Promise<ProbeResult & { workflowId: string }> {
    const workflowId = `probe-${body.text}-${Date.now()}`;
    const result = await this.temporal.workflow.execute<(input: string) => Promise<ProbeResult>>(PROBE_WORKFLOW, {
      taskQueue: TASK_QUEUES.workflows,
      workflowId,
      args: [body.text],
      workflowExecutionTimeout: '30 seconds',
    });
    return { ...result, workflowId };
  }
}
