import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtension, ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { Role } from '../auth/roles';

/** One response type and the roles that receive it; `others`: every role not named in another variant. */
export interface RoleVariant {
  roles: readonly Role[] | 'others';
  type: Type<unknown>;
}

export const RESPONSE_BY_ROLE_EXTENSION = 'x-response-by-role';

/**
 * Documents a route whose response type depends on the caller's role (special-category data for HR and admins
 * only; aggregates for the RTD): the response is `oneOf` the variants, and the operation carries
 * `x-response-by-role`, role → schema name (`*` for any other role), so clients and the role matrix know which
 * shape each role gets. The controller picks the type with the same rule (see the mappers).
 */
export function ApiResponseByRole(status: 200 | 201 | 202, variants: RoleVariant[], options: { isArray?: boolean } = {}): MethodDecorator {
  const byRole: Record<string, string> = {};
  for (const v of variants) for (const role of v.roles === 'others' ? ['*'] : v.roles) byRole[role] = v.type.name;
  const oneOf = variants.map((v) => ({ $ref: getSchemaPath(v.type) }));
  const description = variants.map((v) => `${v.type.name} for ${v.roles === 'others' ? 'any other role' : v.roles.join(', ')}`).join('; ');
  return applyDecorators(
    ApiExtraModels(...variants.map((v) => v.type)),
    ApiResponse({ status, description: `By role: ${description}.`, schema: options.isArray ? { type: 'array', items: { oneOf } } : { oneOf } }),
    ApiExtension(RESPONSE_BY_ROLE_EXTENSION, byRole),
  );
}
