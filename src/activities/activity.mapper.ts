import { ActivityEntity } from './activity.entity';
import { isRemoteCapable } from './domain/activity-mode';
import { ActivityDto } from './dto/activities.dto';

export function toActivityDto(a: ActivityEntity): ActivityDto {
  return {
    id: a.id,
    serviceCode: a.serviceCode,
    macroActivity: a.macroActivity,
    name: a.name,
    mode: a.mode,
    remoteCapable: isRemoteCapable(a.mode),
    notes: a.notes,
  };
}
