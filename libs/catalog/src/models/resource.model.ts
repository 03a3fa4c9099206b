import { fromGeoJSONPoint, GeoPoint } from '@app/common';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import {
  BookingRequirement,
  GroupSize,
  PhysicalDemand,
  Residency,
  ResourceKind,
  ScheduleFrequency,
  ResourceStatus,
  ToConfirm,
  Visibility,
} from '../catalog.enums';
import type { ResourceAccess } from '../resource-policy';
import type { ResourceEntity } from '../resource.entity';

@ObjectType()
export class Contact {
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
}

@ObjectType({ description: '定員 and how to join.' })
export class Openings {
  @Field(() => Int, { nullable: true, description: 'null: no fixed limit.' }) capacity!:
    number | null;
  @Field(() => Int) seatsTaken!: number;
  @Field(() => Int, {
    nullable: true,
    description: 'capacity − seatsTaken; null when there is no limit.',
  })
  openSeats!: number | null;
  @Field() hasWaitlist!: boolean;
  @Field(() => BookingRequirement) booking!: BookingRequirement;
}

@ObjectType({ description: 'What the resource asks of a person.' })
export class ParticipationProfile {
  @Field(() => Int, { nullable: true }) typicalMinutes!: number | null;
  @Field(() => Int, { nullable: true }) minimumMinutes!: number | null;
  @Field() canGrowGradually!: boolean;
  @Field() mayJustBeThere!: boolean;
  @Field() talkingOptional!: boolean;
  @Field() observationVisit!: boolean;
  @Field() supporterMayAccompany!: boolean;
  @Field(() => GroupSize, { nullable: true }) groupSize!: GroupSize | null;
  @Field(() => PhysicalDemand, { nullable: true }) physicalDemand!: PhysicalDemand | null;
  @Field() onlineParticipation!: boolean;
  @Field() firstTimerFriendly!: boolean;
}

@ObjectType()
export class Eligibility {
  @Field(() => Int, { nullable: true }) minAge!: number | null;
  @Field(() => Int, { nullable: true }) maxAge!: number | null;
  @Field(() => Residency) residency!: Residency;
  @Field(() => [String], {
    description: 'Empty to viewers who may not see sensitive target groups.',
  })
  targetGroups!: string[];
}

@ObjectType()
export class Fee {
  @Field(() => Int) yen!: number;
  @Field() isFree!: boolean;
  @Field(() => String, { nullable: true }) note!: string | null;
}

@ObjectType('Resource', { description: 'A 居場所, volunteer activity, work placement or program.' })
export class ResourceModel {
  @Field(() => ID) id!: string;
  @Field(() => ResourceKind) kind!: ResourceKind;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => GraphQLJSONObject, { description: 'Kind-specific details.' }) details!: Record<
    string,
    unknown
  >;
  @Field(() => Contact) contact!: Contact;
  @Field(() => ResourceStatus) status!: ResourceStatus;
  @Field(() => String, { nullable: true }) statusNote!: string | null;
  @Field(() => Date, { nullable: true, description: 'When a person last confirmed the listing.' })
  lastVerifiedAt!: Date | null;
  @Field(() => String, { nullable: true }) verifiedBy!: string | null;
  @Field({ description: 'Not confirmed by a person within the configured number of days.' })
  isStale!: boolean;

  @Field(() => GeoPoint, {
    nullable: true,
    description:
      'The exact point, or for a confidential location shown to the public, its area’s point.',
  })
  location!: GeoPoint | null;
  @Field({ description: 'True when `location` is the area’s point, not the place itself.' })
  locationIsApproximate!: boolean;
  @Field(() => String, {
    nullable: true,
    description: 'Hidden from the public for confidential locations.',
  })
  address!: string | null;
  @Field() confidentialLocation!: boolean;
  @Field() onlineOnly!: boolean;

  @Field(() => Openings) openings!: Openings;
  @Field(() => ParticipationProfile) profile!: ParticipationProfile;
  @Field(() => Eligibility) eligibility!: Eligibility;
  @Field(() => Fee) fee!: Fee;
  @Field(() => [String]) tags!: string[];
  @Field(() => Visibility) visibility!: Visibility;
  @Field(() => String, {
    nullable: true,
    description:
      'The schedule in the words of the list it was imported from, until the rules are edited.',
  })
  scheduleText!: string | null;
  @Field(() => [ToConfirm], {
    description: 'What the host is asked to check after an import; empty for the public.',
  })
  toConfirm!: ToConfirm[];
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;

  /** Used by field resolvers; not exposed as fields. */
  municipalityId!: string;
  organizationId!: string;
  areaId!: string | null;
  /** The host of a confidential place would reveal where it is: shown only to insiders. */
  hostIsVisible!: boolean;

  static from(
    this: void,
    e: ResourceEntity,
    access: ResourceAccess,
    staleBefore: Date,
  ): ResourceModel {
    const approximate = !access.exactLocation && e.location !== null;
    return Object.assign(new ResourceModel(), {
      id: e.id,
      kind: e.kind,
      name: e.name,
      description: e.description,
      details: e.details ?? {},
      contact: { name: e.contactName, phone: e.contactPhone, email: e.contactEmail },
      status: e.status,
      statusNote: e.statusNote,
      lastVerifiedAt: e.lastVerifiedAt,
      verifiedBy: e.verifiedBy,
      isStale: e.lastVerifiedAt === null || e.lastVerifiedAt < staleBefore,
      // The approximate point is filled in by the field resolver from the area (a DataLoader).
      location: approximate ? null : fromGeoJSONPoint(e.location),
      locationIsApproximate: approximate,
      address: access.exactLocation ? e.address : null,
      confidentialLocation: e.confidentialLocation,
      onlineOnly: e.onlineOnly,
      openings: {
        capacity: e.capacity,
        seatsTaken: e.seatsTaken,
        openSeats: e.capacity === null ? null : Math.max(e.capacity - e.seatsTaken, 0),
        hasWaitlist: e.hasWaitlist,
        booking: e.booking,
      },
      profile: {
        typicalMinutes: e.typicalMinutes,
        minimumMinutes: e.minimumMinutes,
        canGrowGradually: e.canGrowGradually,
        mayJustBeThere: e.mayJustBeThere,
        talkingOptional: e.talkingOptional,
        observationVisit: e.observationVisit,
        supporterMayAccompany: e.supporterMayAccompany,
        groupSize: e.groupSize,
        physicalDemand: e.physicalDemand,
        onlineParticipation: e.onlineParticipation,
        firstTimerFriendly: e.firstTimerFriendly,
      },
      eligibility: {
        minAge: e.minAge,
        maxAge: e.maxAge,
        residency: e.residency,
        targetGroups: access.sensitiveDetails ? e.targetGroups : [],
      },
      fee: { yen: e.feeYen, isFree: e.feeYen === 0, note: e.feeNote },
      tags: e.tags,
      visibility: e.visibility,
      scheduleText: e.scheduleText,
      toConfirm: access.inside ? e.toConfirm : [],
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
      municipalityId: e.municipalityId,
      organizationId: e.organizationId,
      areaId: e.areaId,
      hostIsVisible: access.exactLocation,
    });
  }
}

@ObjectType('Theme')
export class ThemeModel {
  @Field() code!: string;
  @Field() label!: string;
}

@ObjectType('Schedule', { description: 'A recurring rule; times are Japan time.' })
export class ScheduleModel {
  @Field(() => ID) id!: string;
  @Field(() => ScheduleFrequency) freq!: ScheduleFrequency;
  @Field(() => Int) interval!: number;
  @Field(() => [Int]) weekdays!: number[];
  @Field(() => [Int], { nullable: true }) nth!: number[] | null;
  @Field() opensAt!: string;
  @Field() closesAt!: string;
  @Field() validFrom!: string;
  @Field(() => String, { nullable: true }) validTo!: string | null;
  @Field() closedOnHolidays!: boolean;
  @Field(() => String, { nullable: true }) note!: string | null;
}

@ObjectType('Session', { description: 'A one-off day; times are Japan time.' })
export class SessionModel {
  @Field(() => ID) id!: string;
  @Field({ description: 'YYYY-MM-DD' }) date!: string;
  @Field() opensAt!: string;
  @Field() closesAt!: string;
  @Field(() => String, { nullable: true }) note!: string | null;
}

@ObjectType('Closure', { description: 'Days off (e.g. 年末年始), inclusive.' })
export class ClosureModel {
  @Field(() => ID) id!: string;
  @Field({ description: 'YYYY-MM-DD' }) startsOn!: string;
  @Field({ description: 'YYYY-MM-DD' }) endsOn!: string;
  @Field(() => String, { nullable: true }) reason!: string | null;
}

@ObjectType('Occurrence')
export class OccurrenceModel {
  @Field() startsAt!: Date;
  @Field() endsAt!: Date;
  @Field({ description: 'A one-off session rather than a recurring rule.' }) oneOff!: boolean;
}
