import { BadRequestException, Body, Controller, Get, Header, Inject, Post, Query, StreamableFile, UnprocessableEntityException, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type {} from 'multer';
import { DataSource } from 'typeorm';
import { CONFIDENTIALITY, DOCUMENT_TYPES, isEnterpriseRole, PROBLEM_SOURCES, ROLES, type Principal, type ProblemRegistration } from '@rectify/contracts';
import { issueDateProblem, localDateOf, STAGE_LABELS, type Outcome, type Policy } from '@rectify/domain';
import { CurrentUser, POLICY, Roles } from '@rectify/platform';
import { ListProblemsQuery } from '../problems/list-query.dto.js';
import { LedgerRepository } from '../problems/ledger.repository.js';
import { IsCalendarDate } from '../problems/problem.dto.js';
import type { ProblemRow } from '../problems/problem.view.js';
import { RegistrationService } from '../problems/registration.service.js';
import { buildLedgerExport, buildLedgerTemplate, parseLedgerWorkbook, type LedgerExportRow, type LedgerImportDefaults } from '../spreadsheet/index.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const EXPORT_LIMIT = 20_000;
const OUTCOME_LABEL: Record<Outcome, LedgerExportRow['outcome']> = { completed: '已整改', partial: '部分整改', not_rectified: '未整改' };

/** File-wide values for columns a ledger does not carry (multipart fields next to the file). */
export class ImportDefaultsDto {
  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Z0-9-]{2,20}$/, { message: 'enterpriseCode 必须是企业编码' }) enterpriseCode?: string;
  @ApiPropertyOptional({ enum: Object.keys(PROBLEM_SOURCES) }) @IsOptional() @IsIn(Object.keys(PROBLEM_SOURCES), { message: 'source 取值无效' }) source?: string;
  @ApiPropertyOptional({ enum: Object.keys(DOCUMENT_TYPES) }) @IsOptional() @IsIn(Object.keys(DOCUMENT_TYPES), { message: 'documentType 取值无效' }) documentType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) documentNumber?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) issuer?: string;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() issueDate?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) auditProject?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) category?: string;
  @ApiPropertyOptional({ enum: Object.keys(CONFIDENTIALITY) }) @IsOptional() @IsIn(Object.keys(CONFIDENTIALITY), { message: 'confidentiality 取值无效' }) confidentiality?: string;
}

/** The spreadsheet ledger (SPEC §12): template, all-or-nothing import, export of the current filter. */
@ApiTags('ledger spreadsheet')
@ApiBearerAuth()
@Controller('ledger')
export class LedgerSpreadsheetController {
  constructor(
    private readonly db: DataSource,
    private readonly ledger: LedgerRepository,
    private readonly registration: RegistrationService,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  @Get('template.xlsx')
  @Header('content-type', XLSX)
  @Header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('审计整改台账模板.xlsx')}`)
  async template(): Promise<StreamableFile> {
    return new StreamableFile(await buildLedgerTemplate());
  }

  /**
   * Imports an xlsx ledger. Every row is validated; if any row fails, nothing is imported and the
   * answer (422) lists every bad cell. Rows already registered (same 文号 + 序号) are not duplicated.
   */
  @Post('import')
  @Roles(ROLES.ENTERPRISE_AUDIT, ROLES.SUPERVISION_OFFICER)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 20 } }))
  async import(@UploadedFile() file: Express.Multer.File | undefined, @Body() defaults: ImportDefaultsDto, @CurrentUser() user: Principal) {
    if (!file) throw new BadRequestException('file：请以 multipart/form-data 的 file 字段上传 xlsx 台账');
    const enterprises: { code: string; name: string }[] = await this.db.query('SELECT code, name FROM identity.enterprise_directory');
    const resolveEnterprise = (text: string) => enterprises.find((e) => e.code === text.trim() || e.name === text.trim())?.code ?? null;
    const fileDefaults: Partial<LedgerImportDefaults> = { ...(defaults as Partial<LedgerImportDefaults>) };
    if (user.enterpriseCode) fileDefaults.enterpriseCode = user.enterpriseCode;
    const today = localDateOf(Date.now(), this.policy);
    const parsed = await parseLedgerWorkbook(file.buffer, {
      resolveEnterprise,
      defaults: fileDefaults,
      rectificationLimitMonths: this.policy.rectificationLimitMonths,
      // An enterprise user imports its own ledger only: a row naming another enterprise is a bad cell.
      ownEnterprise: isEnterpriseRole(user.role) ? user.enterpriseCode ?? null : null,
      issueDateProblem: (issueDate) => issueDateProblem(issueDate, this.policy, today),
    });
    if (parsed.errors.length > 0) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: `台账有 ${parsed.errors.length} 处错误，未导入任何问题`,
        errors: parsed.errors,
      });
    }
    if (parsed.rows.length === 0) throw new UnprocessableEntityException('file：台账中没有问题行');
    const results = await this.registration.registerAll(parsed.rows.map((r) => r.registration as ProblemRegistration), user);
    return {
      imported: results.filter((r) => r.created).length,
      alreadyRegistered: results.filter((r) => !r.created).length,
      ledgerNos: results.map((r) => r.problem.ledger_no),
    };
  }

  /** The current filter of the ledger (same query parameters as GET /problems) as xlsx. */
  @Get('export.xlsx')
  @Header('content-type', XLSX)
  @Header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('审计整改台账.xlsx')}`)
  async export(@Query() query: ListProblemsQuery, @CurrentUser() user: Principal): Promise<StreamableFile> {
    const { where, params } = this.ledger.filter(query, user);
    const rows: (ProblemRow & { enterprise_name: string | null; latest_progress: string | null; evidence: string[] | null })[] = await this.db.query(
      `SELECT p.*, d.name AS enterprise_name,
         (SELECT e.payload->>'progress' FROM issues.problem_events e WHERE e.problem_id = p.id AND e.action = 'reportProgress' ORDER BY e.seq DESC LIMIT 1) AS latest_progress,
         (SELECT array_agg(f.file_name ORDER BY f.uploaded_at) FROM issues.evidence_files f WHERE f.problem_id = p.id) AS evidence
       FROM issues.problems p LEFT JOIN identity.enterprise_directory d ON d.code = p.enterprise_code
       WHERE ${where} ORDER BY p.ledger_no LIMIT ${EXPORT_LIMIT}`,
      params,
    );
    const exportRows: LedgerExportRow[] = rows.map((r) => ({
      ledgerNo: r.ledger_no,
      enterpriseName: r.enterprise_name ?? r.enterprise_code,
      registration: {
        enterpriseCode: r.enterprise_code,
        subsidiary: r.subsidiary,
        source: r.source as ProblemRegistration['source'],
        document: { type: r.doc_type as ProblemRegistration['document']['type'], number: r.doc_number, issuer: r.doc_issuer, issueDate: r.doc_issue_date },
        itemNo: r.item_no,
        auditProject: r.audit_project,
        title: r.title,
        description: r.description,
        category: r.category,
        amount: r.amount,
        quantity: r.quantity,
        quantityUnit: r.quantity_unit,
        legalBasis: r.legal_basis,
        recommendation: r.recommendation,
        confidentiality: r.confidentiality as ProblemRegistration['confidentiality'],
        tags: r.tags as ProblemRegistration['tags'],
        deadline: r.original_deadline,
        responsibility: r.responsibility as ProblemRegistration['responsibility'],
      },
      stageLabel: STAGE_LABELS[r.stage],
      outcome: r.outcome ? OUTCOME_LABEL[r.outcome] : r.stage === 'closed' ? '已整改' : '持续整改',
      deadline: r.deadline,
      overdue: r.overdue,
      correctedAmount: r.corrected_amount,
      measures: (r.plan as { measures?: string } | null)?.measures ?? null,
      progress: r.latest_progress,
      evidence: r.evidence ?? [],
      remarks: null,
    }));
    const filters = Object.entries(query).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${String(v)}`).join('；') || '全部';
    return new StreamableFile(
      await buildLedgerExport(exportRows, { title: '审计整改台账', filterDescription: filters, generatedAt: new Date() }),
    );
  }
}
