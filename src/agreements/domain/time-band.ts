/** A daily band of time 'HH:MM-HH:MM'; the end may be past midnight (e.g. non-operability 20:00-07:00). */
export interface TimeBand {
  from: number;
  to: number;
}

const BAND = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/;

export function parseTimeBand(value: string): TimeBand | null {
  const m = BAND.exec(value);
  if (!m) return null;
  const from = Number(m[1]) * 60 + Number(m[2]);
  const to = Number(m[3]) * 60 + Number(m[4]);
  if (from === to) return null;
  return { from, to };
}

/** Minute intervals [a, b) of the day the band covers (two when it wraps past midnight). */
function segments(band: TimeBand): [number, number][] {
  return band.from < band.to
    ? [[band.from, band.to]]
    : [
        [band.from, 1440],
        [0, band.to],
      ];
}

export function bandsOverlap(a: TimeBand, b: TimeBand): boolean {
  return segments(a).some(([a0, a1]) => segments(b).some(([b0, b1]) => a0 < b1 && b0 < a1));
}
