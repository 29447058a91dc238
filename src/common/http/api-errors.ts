import { METHOD_METADATA } from '@nestjs/common/constants';
import type { ErrorCode } from '../errors/error-catalog';

/** Where @nestjs/swagger keeps a method's `ApiExtension`s (its DECORATORS.API_EXTENSION, not exported; the OpenAPI test catches a change). */
const SWAGGER_EXTENSIONS = 'swagger/apiExtension';

/** The operation extension that lists every error code a route may answer (read by `openapi-errors.ts`). */
export const ERROR_CODES_EXTENSION = 'x-error-codes';

function addCodes(target: object, codes: readonly string[]): void {
  const extensions = (Reflect.getMetadata(SWAGGER_EXTENSIONS, target) as Record<string, unknown> | undefined) ?? {};
  const before = (extensions[ERROR_CODES_EXTENSION] as string[] | undefined) ?? [];
  Reflect.defineMetadata(SWAGGER_EXTENSIONS, { ...extensions, [ERROR_CODES_EXTENSION]: [...new Set([...before, ...codes])] }, target);
}

/**
 * The error codes a route may answer beyond the generic ones (validation, authentication and role, the catch-all),
 * which `addErrorResponses` adds to every operation at document build time. Codes are typed against the catalog;
 * the document gets one response per HTTP status (from the code's kind) with the error body and the codes as an
 * enum. On a class: every route of the controller. Several uses add up.
 */
export function ApiErrors(...codes: ErrorCode[]): MethodDecorator & ClassDecorator {
  return ((target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (descriptor) {
      addCodes(descriptor.value as object, codes);
      return descriptor;
    }
    const prototype = (target as { prototype: Record<string, unknown> }).prototype;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const method = Object.getOwnPropertyDescriptor(prototype, name)?.value as object | undefined;
      if (name !== 'constructor' && typeof method === 'function' && Reflect.hasMetadata(METHOD_METADATA, method)) addCodes(method, codes);
    }
    return target;
  }) as MethodDecorator & ClassDecorator;
}
