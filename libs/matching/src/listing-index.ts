import { HomePoint } from '@app/candidate';
import { Injectable } from '@nestjs/common';
import { Listing, listingOf } from './match-screen';
import { MatchingRepository } from './matching.repository';

/** Grid cells of a hundredth of a degree: about 1.1 km north–south, 0.9 km east–west in Japan. */
const CELL = 0.01;
const METRES_PER_DEGREE = 111_195;
const cellOf = (lat: number, lon: number) =>
  Math.floor(lat / CELL) * 100_000 + Math.floor(lon / CELL);

class City {
  /** Where to ask for changes from next (a transaction id, migration ListingIndex). */
  since = '0';
  /** The refreshes, one after the other: each applies a later snapshot than the one before. */
  queue: Promise<unknown> = Promise.resolve();
  private readonly byId = new Map<string, Listing>();
  /** Listings taking part online, wherever they are. */
  private readonly online = new Map<string, Listing>();
  /** The others with a point, by grid cell. */
  private readonly cells = new Map<number, Map<string, Listing>>();

  put(l: Listing): void {
    const old = this.byId.get(l.id);
    if (old) this.bucketOf(old)?.delete(old.id);
    this.byId.set(l.id, l);
    this.bucketOf(l, true)?.set(l.id, l);
  }

  private bucketOf(l: Listing, create = false): Map<string, Listing> | undefined {
    if (l.online) return this.online;
    if (l.lat === null || l.lon === null) return undefined;
    const key = cellOf(l.lat, l.lon);
    let cell = this.cells.get(key);
    if (!cell && create) this.cells.set(key, (cell = new Map<string, Listing>()));
    return cell;
  }

  /** The listings online, and those with a point in the cells within `radius` metres of `home`. */
  *around(home: HomePoint | null, radius: number): Iterable<Listing> {
    yield* this.online.values();
    if (!home) return;
    const dLat = radius / METRES_PER_DEGREE;
    const farthest = Math.min(89, Math.abs(home.latitude) + dLat);
    const dLon = Math.min(180, dLat / Math.cos((farthest * Math.PI) / 180));
    const [south, north] = [home.latitude - dLat, home.latitude + dLat].map((x) =>
      Math.floor(x / CELL),
    );
    const [west, east] = [home.longitude - dLon, home.longitude + dLon].map((x) =>
      Math.floor(x / CELL),
    );
    for (let i = south; i <= north; i++)
      for (let j = west; j <= east; j++) {
        const cell = this.cells.get(i * 100_000 + j);
        if (cell) yield* cell.values();
      }
  }
}

/**
 * Each municipality's listings, in memory, for the matching screen (match-screen.ts). The first
 * use reads them all; every later use first reads the rows written since the snapshot the last
 * read saw (resource.changed_in, kept by a trigger), so the screen always sees at least every
 * change committed before the match began — a host's new schedule, a seat taken, a paused
 * listing. A listing the copy holds wrongly costs nothing but time: what is shown is read again
 * from the database (staticFacts, fits).
 */
@Injectable()
export class ListingIndex {
  private readonly cities = new Map<string, City>();

  constructor(private readonly repository: MatchingRepository) {}

  /**
   * The municipality's listings that can be in a person's pool, brought up to date: those taking
   * part online, and (given a home) those about `radius` metres around it or nearer. The screen
   * decides which are.
   */
  async around(
    municipalityId: string,
    home: HomePoint | null,
    radius: number,
  ): Promise<Iterable<Listing>> {
    let city = this.cities.get(municipalityId);
    if (!city) this.cities.set(municipalityId, (city = new City()));
    const current = city;
    const refresh = current.queue.then(async () => {
      const { next, rows } = await this.repository.listingsChangedSince(
        municipalityId,
        current.since,
      );
      for (const row of rows) current.put(listingOf(row));
      current.since = next;
    });
    // A failed read leaves the copy as it was, and the next use asks again from the same point.
    current.queue = refresh.catch(() => undefined);
    await refresh;
    return current.around(home, radius);
  }
}
