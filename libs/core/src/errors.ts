/**
 * Domain errors carry a stable `code` and an HTTP status; one global filter maps them to
 * RFC 9457 problem+json. Messages come in both languages the product speaks.
 */
export interface BilingualMessage {
  en: string;
  zh: string;
}

export interface FieldError {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messages: BilingualMessage,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(messages.en);
    this.name = new.target.name;
  }
}

const msg = (en: string, zh: string): BilingualMessage => ({ en, zh });

export class ValidationFailedError extends DomainError {
  constructor(errors: FieldError[], m = msg('The request is not valid.', '请求参数不正确。')) {
    super(400, 'VALIDATION_FAILED', m, errors);
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, m?: BilingualMessage) {
    super(404, 'NOT_FOUND', m ?? msg(`${entity} not found.`, `未找到该${zhEntity(entity)}。`));
  }
}

export class ForbiddenError extends DomainError {
  constructor(m = msg('You are not allowed to do this.', '您无权执行此操作。'), code = 'FORBIDDEN') {
    super(403, code, m);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(m = msg('Authentication is required.', '请先登录。'), code = 'UNAUTHENTICATED') {
    super(401, code, m);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, m: BilingualMessage, extra?: Record<string, unknown>) {
    super(409, code, m, undefined, extra);
  }
}

export class BusinessRuleError extends DomainError {
  constructor(code: string, m: BilingualMessage, errors?: FieldError[], extra?: Record<string, unknown>) {
    super(422, code, m, errors, extra);
  }
}

export class TooManyRequestsError extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    m = msg('Too many requests; try again later.', '请求过于频繁，请稍后再试。'),
    code = 'TOO_MANY_REQUESTS',
  ) {
    super(429, code, m, undefined, { retryAfterSeconds });
  }
}

export class IllegalTransitionError extends ConflictError {
  constructor(entity: string, from: string, action: string) {
    super(
      'ILLEGAL_TRANSITION',
      msg(
        `Cannot ${action} a ${entity} that is ${from}.`,
        `当前状态（${from}）的${zhEntity(entity)}不能执行“${action}”操作。`,
      ),
      { entity, from, action },
    );
  }
}

const ZH_ENTITIES: Record<string, string> = {
  user: '用户',
  enterprise: '企业',
  provider: '服务机构',
  organization: '组织',
  offering: '服务产品',
  program: '创新券项目',
  application: '申请',
  grant: '创新券',
  order: '订单',
  claim: '兑付申请',
  payment: '支付记录',
  refund: '退款记录',
  file: '文件',
  message: '留言',
  staff: '工作人员',
  'change request': '变更申请',
  objection: '异议',
  member: '成员',
  region: '行政区划',
  category: '服务类别',
};

export function zhEntity(entity: string): string {
  return ZH_ENTITIES[entity] ?? entity;
}

export { msg };
