import { ServiceEntity } from './service.entity';

/** What other features see of a service (organisational unit): never the entity itself. */
export interface ServiceView {
  id: string;
  code: string;
  name: string;
  active: boolean;
}

export function toServiceView(s: ServiceEntity): ServiceView {
  return { id: s.id, code: s.code, name: s.name, active: Boolean(s.active) };
}
