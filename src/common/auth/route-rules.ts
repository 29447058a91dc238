import { INestApplication, RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PUBLIC_KEY, ROLES_KEY } from './access.decorators';
import { TokenRole } from './roles';

export interface RouteRule {
  method: string;
  path: string;
  controller: string;
  handler: string;
  public: boolean;
  roles: TokenRole[] | null;
}

function joinPath(...parts: (string | string[] | undefined)[]): string {
  const segments = parts
    .map((p) => (Array.isArray(p) ? p[0] : p) ?? '')
    .flatMap((p) => p.split('/'))
    .filter(Boolean);
  return '/' + segments.join('/');
}

/** Every route the application registered, with the access rule it declares (or null when it has none). */
export function listRouteRules(app: INestApplication, globalPrefix = ''): RouteRule[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
  const rules: RouteRule[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as object | undefined;
    if (!instance || !wrapper.metatype) continue;
    const prototype = Object.getPrototypeOf(instance) as Record<string, object>;
    const controllerPath = Reflect.getMetadata(PATH_METADATA, wrapper.metatype) as string | undefined;
    for (const methodName of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[methodName];
      const routePath = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (routePath === undefined) continue;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
      const targets = [handler as Type, wrapper.metatype as Type];
      rules.push({
        method: RequestMethod[method],
        path: joinPath(globalPrefix, controllerPath, routePath),
        controller: wrapper.metatype.name,
        handler: methodName,
        public: reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) === true,
        roles: reflector.getAllAndOverride<TokenRole[]>(ROLES_KEY, targets) ?? null,
      });
    }
  }
  return rules;
}
