import { BadRequestException, Body, Controller, Headers, HttpCode, Inject, Logger, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags, type SchemaObject } from '@nestjs/swagger';
import type { Payload } from '@temporalio/common';
import { PAYLOAD_DECODERS, type Principal } from '@rectify/contracts';
import { APP_CONFIG, CurrentUser, type EncryptionCodec, payloadCodecFrom, PayloadDecryptionError, Roles } from '@rectify/platform';
import type { GatewayConfig } from '../config.js';
import { CODEC_SESSION_COOKIE } from './codec-session.js';

/** Payloads in Temporal's JSON form: metadata values and data in base64. */
interface JsonPayload {
  metadata: Record<string, string>;
  data: string;
}

const MAX_PAYLOADS = 500;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;
const BASE64URL = /^[A-Za-z0-9_-]*={0,2}$/;

type Schema = SchemaObject;

const PAYLOADS_SCHEMA: Schema = {
  type: 'object',
  required: ['payloads'],
  properties: {
    payloads: {
      type: 'array',
      maxItems: MAX_PAYLOADS,
      items: {
        type: 'object',
        properties: {
          metadata: { type: 'object', additionalProperties: { type: 'string', format: 'byte' }, example: { encoding: 'YmluYXJ5L2VuY3J5cHRlZA==' } },
          data: { type: 'string', format: 'byte' },
        },
      },
    },
  },
};

function bytesOf(value: unknown, field: string): Uint8Array {
  if (typeof value !== 'string') throw new BadRequestException(`${field}：必须是 base64 字符串`);
  const standard = BASE64.test(value);
  if (!standard && !BASE64URL.test(value)) throw new BadRequestException(`${field}：不是有效的 base64`);
  return new Uint8Array(Buffer.from(value, standard ? 'base64' : 'base64url'));
}

/** Reads `{ payloads: [{ metadata: {k: base64}, data: base64 }] }`, naming the first field that is not of that shape. */
export function parsePayloads(body: unknown): Payload[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new BadRequestException('payloads：请求体必须是 JSON 对象 { "payloads": [...] }');
  const unknown = Object.keys(body).find((k) => k !== 'payloads');
  if (unknown !== undefined) throw new BadRequestException(`${unknown.slice(0, 64)}：不是可接受的字段（请求体只含 payloads）`);
  const list = (body as Record<string, unknown>)['payloads'];
  if (!Array.isArray(list)) throw new BadRequestException('payloads：必须是数组');
  if (list.length > MAX_PAYLOADS) throw new BadRequestException(`payloads：一次最多 ${MAX_PAYLOADS} 个`);
  return list.map((item: unknown, i) => {
    const at = `payloads[${i}]`;
    if (!item || typeof item !== 'object' || Array.isArray(item)) throw new BadRequestException(`${at}：必须是对象 { metadata, data }`);
    const { metadata, data } = item as Record<string, unknown>;
    if (metadata !== undefined && (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata))) {
      throw new BadRequestException(`${at}.metadata：必须是对象（键 → base64 值）`);
    }
    const meta = Object.fromEntries(Object.entries((metadata ?? {}) as Record<string, unknown>).map(([k, v]) => [k, bytesOf(v, `${at}.metadata.${k}`)]));
    return { metadata: meta, data: data === undefined ? new Uint8Array() : bytesOf(data, `${at}.data`) };
  });
}

function toJson(payload: Payload): JsonPayload {
  return {
    metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')])),
    data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
  };
}

/**
 * Temporal's remote codec protocol (what the Temporal UI and `temporal --codec-endpoint` call):
 * POST /api/codec/decode and /api/codec/encode with `{ payloads: [...] }`, answering the same
 * shape. Only an operator or a Supervision Division officer may call it; each call is logged with
 * who made it and how many payloads it covered.
 */
@ApiTags('codec')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Namespace', required: false, description: 'Temporal namespace of the payloads (the UI sends it); must be Rectify\'s' })
@Roles(...PAYLOAD_DECODERS)
@Controller('api/codec')
export class CodecController {
  private readonly logger = new Logger('codec');
  private readonly codec: EncryptionCodec;

  constructor(@Inject(APP_CONFIG) private readonly config: GatewayConfig) {
    this.codec = payloadCodecFrom(config);
  }

  private checkNamespace(namespace: string | undefined): void {
    // The CLI sends an empty X-Namespace when no namespace was named: only a different one is refused.
    if (namespace !== undefined && namespace !== '' && namespace !== this.config.TEMPORAL_NAMESPACE) {
      throw new BadRequestException(`X-Namespace：${namespace} 不是本系统的 Temporal 命名空间`);
    }
  }

  /** Decrypts payloads sealed by Rectify's codec; others come back unchanged. */
  @Post('decode')
  @ApiOperation({ summary: '解码 Temporal 载荷（运维、监督处）', description: `Temporal remote codec protocol. The token comes as a bearer token or as the cookie ${CODEC_SESSION_COOKIE} that login sets for these roles.` })
  @HttpCode(200)
  @ApiBody({ schema: PAYLOADS_SCHEMA })
  @ApiOkResponse({ schema: PAYLOADS_SCHEMA })
  async decode(@Body() body: unknown, @Headers('x-namespace') namespace: string | undefined, @CurrentUser() user: Principal): Promise<{ payloads: JsonPayload[] }> {
    this.checkNamespace(namespace);
    const payloads = parsePayloads(body);
    const decoded: Payload[] = [];
    for (const [i, payload] of payloads.entries()) {
      try {
        decoded.push(...(await this.codec.decode([payload])));
      } catch (err) {
        if (err instanceof PayloadDecryptionError) throw new BadRequestException(`payloads[${i}]：无法解密（${err.message}）`);
        throw err;
      }
    }
    this.logger.log(`decoded ${payloads.length} payload(s) for ${user.username} (${user.role})`);
    return { payloads: decoded.map(toJson) };
  }

  /** Encrypts payloads with the current key (for tools that send data to workflows). */
  @Post('encode')
  @ApiOperation({ summary: '加密 Temporal 载荷（运维、监督处）' })
  @HttpCode(200)
  @ApiBody({ schema: PAYLOADS_SCHEMA })
  @ApiOkResponse({ schema: PAYLOADS_SCHEMA })
  async encode(@Body() body: unknown, @Headers('x-namespace') namespace: string | undefined, @CurrentUser() user: Principal): Promise<{ payloads: JsonPayload[] }> {
    this.checkNamespace(namespace);
    const payloads = parsePayloads(body);
    this.logger.log(`encoded ${payloads.length} payload(s) for ${user.username} (${user.role})`);
    return { payloads: (await this.codec.encode(payloads)).map(toJson) };
  }
}
