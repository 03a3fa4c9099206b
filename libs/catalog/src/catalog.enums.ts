import { registerEnumType } from '@nestjs/graphql';

export enum ResourceKind {
  /** 居場所: drop-in places, salons, 子ども食堂, family groups. */
  IBASHO = 'IBASHO',
  /** Volunteer activities and their slots. */
  VOLUNTEER = 'VOLUNTEER',
  /** 就労体験, 短時間就労, 中間的就労. */
  WORK_PLACEMENT = 'WORK_PLACEMENT',
  /** NPO programs, courses, consultation days. */
  PROGRAM = 'PROGRAM',
}

export enum ResourceStatus {
  ACTIVE = 'ACTIVE',
  PAUSED = 'PAUSED',
  CLOSED = 'CLOSED',
}

/** Who may see a resource: the public map, coordinators only, or its organisation only. */
export enum Visibility {
  PUBLIC = 'PUBLIC',
  PROFESSIONAL = 'PROFESSIONAL',
  PRIVATE = 'PRIVATE',
}

export enum BookingRequirement {
  NONE = 'NONE',
  FIRST_VISIT = 'FIRST_VISIT',
  ALWAYS = 'ALWAYS',
}

export enum GroupSize {
  ONE_ON_ONE = 'ONE_ON_ONE',
  SMALL = 'SMALL',
  MEDIUM = 'MEDIUM',
  LARGE = 'LARGE',
}

export enum PhysicalDemand {
  LOW = 'LOW',
  MODERATE = 'MODERATE',
  HIGH = 'HIGH',
}

export enum Residency {
  ANYONE = 'ANYONE',
  RESIDENTS_ONLY = 'RESIDENTS_ONLY',
  RESIDENTS_OR_WORKERS = 'RESIDENTS_OR_WORKERS',
}

export enum ScheduleFrequency {
  WEEKLY = 'WEEKLY',
  MONTHLY = 'MONTHLY',
}

/** What a host organisation needs (人・物・場所・お金). */
export enum HostNeedKind {
  PEOPLE = 'PEOPLE',
  THINGS = 'THINGS',
  PLACE = 'PLACE',
  MONEY = 'MONEY',
}

/** What an import could not know and a person should check. */
export enum ToConfirm {
  /** Placed at its area: no coordinates were given. */
  PIN_LOCATION = 'PIN_LOCATION',
  /** A schedule without times was given daytime hours. */
  SCHEDULE_TIMES = 'SCHEDULE_TIMES',
  /** Every other week (隔週) without a start: the first such day after the import was taken. */
  SCHEDULE_START = 'SCHEDULE_START',
}

registerEnumType(ResourceKind, { name: 'ResourceKind' });
registerEnumType(ResourceStatus, { name: 'ResourceStatus' });
registerEnumType(Visibility, { name: 'Visibility' });
registerEnumType(BookingRequirement, { name: 'BookingRequirement' });
registerEnumType(GroupSize, {
  name: 'GroupSize',
  description: 'ONE_ON_ONE, SMALL (2–5), MEDIUM (6–15), LARGE (16+)',
});
registerEnumType(PhysicalDemand, { name: 'PhysicalDemand' });
registerEnumType(Residency, { name: 'Residency' });
registerEnumType(ScheduleFrequency, { name: 'ScheduleFrequency' });
registerEnumType(HostNeedKind, { name: 'HostNeedKind' });
registerEnumType(ToConfirm, {
  name: 'ToConfirm',
  description: 'What a host is asked to check after an import.',
});
