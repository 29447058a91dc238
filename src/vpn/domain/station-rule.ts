import { DomainError, RuleViolation } from '../../common/errors/domain-error';

/** What the VPN needs to know of a laptop (inventory's read port gives it). */
export interface StationFacts {
  id: string;
  assetTag: string;
  kind: string;
  ownership: string;
  state: string;
  holderEmployeeId: string | null;
}

/**
 * A station certificate binds a VPN user to one laptop (SPEC §2): the laptop must be a laptop, and it must be
 * in the hands of that same employee right now — a municipal laptop handed over to them, or a personal laptop
 * they declared (registered by inventory as an asset of ownership `personal`, assigned to its owner). A laptop
 * on the shelf, in repair, lost, stolen or retired is held by nobody.
 */
/** The laptop is in this employee's hands right now (assigned to them); the connect-time check asks it too. */
export function stationHeldBy(employeeId: string, station: Pick<StationFacts, 'state' | 'holderEmployeeId'> | null): boolean {
  return station !== null && station.state === 'assigned' && station.holderEmployeeId === employeeId;
}

export function assertStationFor(employeeId: string, station: StationFacts | null, stationAssetId: string): StationFacts {
  if (!station) {
    throw new DomainError('not_found', 'STATION_NOT_FOUND', `No asset ${stationAssetId} in the inventory`, { stationAssetId });
  }
  if (station.kind !== 'laptop') {
    throw new RuleViolation('STATION_NOT_A_LAPTOP', `Asset ${station.assetTag} is a ${station.kind}: station certificates are for laptops`, {
      stationAssetId: station.id,
      kind: station.kind,
    });
  }
  if (!stationHeldBy(employeeId, station)) {
    throw new RuleViolation('STATION_NOT_HELD_BY_EMPLOYEE', `Laptop ${station.assetTag} is not in the hands of this employee (hand it over first)`, {
      stationAssetId: station.id,
      state: station.state,
    });
  }
  return station;
}
